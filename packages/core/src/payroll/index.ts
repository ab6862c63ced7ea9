export { assertMonth, monthRange, enrolmentCovers, aliveInMonth, referenceDate, evaluationDate, firstPayableMonth, type Suspension, type EnrolmentTerms } from './months';
export * from './compute';
export * from './diff';
export * from './contracts';
export * from './publication';
