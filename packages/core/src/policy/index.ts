export * from './pack';
export * from './parameters';
export * from './engine';
export * from './explain';
export * from './facts-on';
export * from './pack-tests';
export { celRefs, parseCel, type CelExpr } from './cel-ast';
export * from './arbitrary-facts';
