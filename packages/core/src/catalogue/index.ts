export * from './Catalogue';
export * from './Eligibility';
export { checkInheritance } from '../policy/inheritance-check';
