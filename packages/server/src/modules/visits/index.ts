export { createVisitsService, type VisitsService, type VisitReferralEvent, VISIT_REFERRAL_EVENT } from './visits.service';
export { visitsRoutes } from './visits.routes';
export { createSettingsVisitPolicyProvider, type VisitPolicyProvider, VISIT_POLICY_SETTING } from './visit-policy';
export { registerVisitJobs, VISITS_DAILY_JOB, VISITS_REBUILD_JOB } from './visits.jobs';
export { seedVisitsDemo } from './visits.demo';
export { visitsCommands } from './visits.cli';
