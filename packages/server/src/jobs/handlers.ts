/**
 * Registers every module's job handlers and event subscribers on the queue. Kept apart from
 * service construction so tests can build services without a worker.
 */
import type { AppContext } from '../app-context';
import { registerRegistryJobs } from '../modules/registry/registry.jobs';
import { registerVisitJobs } from '../modules/visits';
import { registerAssessmentJobs } from '../modules/assessment';
import { registerEligibilityJobs } from '../modules/eligibility';
import { registerPayrollJobs } from '../modules/payroll';

export type JobRegistrar = (ctx: AppContext) => void;

/** Modules append their registrars here. */
export const JOB_REGISTRARS: JobRegistrar[] = [
  (ctx) => {
    ctx.jobs.register('auth.purge_sessions', async () => {
      await ctx.services.auth.purgeExpiredSessions();
      return { ok: true };
    });
  },
  registerRegistryJobs,
  registerVisitJobs,
  registerAssessmentJobs,
  registerEligibilityJobs,
  registerPayrollJobs,
];

let registered = new WeakSet<AppContext>();

export function registerJobHandlers(ctx: AppContext): void {
  if (registered.has(ctx)) return;
  registered.add(ctx);
  for (const r of JOB_REGISTRARS) r(ctx);
}

export function resetJobRegistration(): void {
  registered = new WeakSet();
}
