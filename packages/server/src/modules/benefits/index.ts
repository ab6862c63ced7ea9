export { createBenefitsService, type BenefitsService } from './benefits.service';
export { benefitsRoutes } from './benefits.routes';
export { memoisedEntitle, type ProgrammeCatalogue, type ProgrammeInfo, type ProgrammeProvider } from './programme-source';
export { createPackProgrammeProvider } from './pack-programmes';
export type { CycleEnrolment } from './benefits.repository';
export { seedBenefitsDemo } from './benefits.demo';
