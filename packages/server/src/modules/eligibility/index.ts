export { createEligibilityService, type EligibilityService, streetOf } from './eligibility.service';
export { eligibilityRoutes } from './eligibility.routes';
export { registerEligibilityJobs, ELIGIBILITY_RUN_JOB } from './eligibility.jobs';
export { emptyEnrolmentSource, staticEnrolmentSource, type EnrolmentSource, type Enrolment } from './enrolment-source';
export { seedEligibilityDemo } from './eligibility.demo';
