export { createAssessmentService, ASSESSMENT_EVENTS, type AssessmentService, type AutomaticRequest, type AutomaticOutcome } from './assessment.service';
export { createStoredSettingsProvider, type AssessmentSettingsProvider } from './assessment.settings';
export { assessmentRoutes } from './assessment.routes';
export { registerAssessmentJobs } from './assessment.jobs';
export { seedAssessmentDemo, type AssessmentDemoContext } from './assessment.demo';
