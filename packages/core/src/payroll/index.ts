export * from './months';
export * from './compute';
export * from './diff';
export * from './contracts';
export * from './publication';
