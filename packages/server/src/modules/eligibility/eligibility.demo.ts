/**
 * Demo: fill the work lists at first start by running "services find people" over the registry's
 * demo population of each seed locality (enrolments empty until the benefits module enrols people,
 * so the lists show 应享未享). Idempotent: a re-run writes only changes.
 */
import { systemActor } from '../../platform/actor';
import type { EligibilityService } from './eligibility.service';

export interface EligibilityDemoHost {
  services: { eligibility: EligibilityService };
}

export const DEMO_RUN_REGIONS = ['140403', '330781', '340403', '120115'] as const;

export async function seedEligibilityDemo(ctx: EligibilityDemoHost): Promise<void> {
  const actor = systemActor('demo');
  for (const region of DEMO_RUN_REGIONS) {
    await ctx.services.eligibility.runPopulationAs(actor, region, { trigger: 'demo' });
  }
}
