/** Jobs of payroll and benefits: resume an interrupted cycle computation; stop benefits on death. */
import type { EventBus } from '../../jobs/events';
import type { JobQueue } from '../../jobs/queue';
import type { BenefitsService } from '../benefits';
import { PAYROLL_COMPUTE_JOB, type PayrollService } from './payroll.service';

export interface PayrollJobHost {
  jobs: JobQueue;
  events: EventBus;
  services: { payroll: PayrollService; benefits: BenefitsService };
}

export function registerPayrollJobs(ctx: PayrollJobHost): void {
  ctx.jobs.register(PAYROLL_COMPUTE_JOB, async (payload) => {
    const { cycle_id } = payload as { cycle_id: string };
    return ctx.services.payroll.resume(cycle_id);
  });
  ctx.events.subscribe('person.died', 'benefits', async (payload) => {
    const p = payload as { county_code: string; person_id: string; death_date: string };
    await ctx.services.benefits.onPersonDied(p);
  });
}
