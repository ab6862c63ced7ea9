export { createPayrollService, type PayrollService, PAYROLL_COMPUTE_JOB, STATUS_LABELS } from './payroll.service';
export { payrollRoutes } from './payroll.routes';
export { registerPayrollJobs } from './payroll.jobs';
export { computeCycle, type ComputeHooks } from './payroll.compute';
