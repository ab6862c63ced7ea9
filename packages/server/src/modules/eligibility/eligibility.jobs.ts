/**
 * Jobs and event subscriptions of eligibility:
 *  - `person.changed` (registry): re-run the person (their work-list rows only);
 *  - `catalogue.published` (catalogue): re-run the whole population of the list's region;
 *  - `eligibility.population_run`: a population run as a job (publish, CLI, demo).
 */
import type { Logger } from 'pino';
import type { EventBus } from '../../jobs/events';
import type { JobQueue } from '../../jobs/queue';
import { systemActor } from '../../platform/actor';
import type { CataloguePublishedEvent } from '../catalogue';
import type { EligibilityService } from './eligibility.service';

export interface EligibilityJobHost {
  log: Logger;
  jobs: JobQueue;
  events: EventBus;
  services: { eligibility: EligibilityService };
}

export const ELIGIBILITY_RUN_JOB = 'eligibility.population_run';

export function registerEligibilityJobs(ctx: EligibilityJobHost): void {
  const eligibility = ctx.services.eligibility;
  ctx.events.subscribe<{ person_id: string }>('person.changed', 'eligibility', (p) => eligibility.rerunPerson(p.person_id));
  ctx.events.subscribe<CataloguePublishedEvent>('catalogue.published', 'eligibility', (p) =>
    eligibility.runPopulationAs(systemActor('eligibility'), p.region_code, { trigger: 'publish' }),
  );
  ctx.jobs.register(ELIGIBILITY_RUN_JOB, async (payload, job) => {
    const { region, as_of } = payload as { region: string; as_of?: string };
    return eligibility.runPopulationAs(systemActor('eligibility'), region, { trigger: 'job', ...(as_of ? { asOf: as_of } : {}), progress: (done) => void job.progress({ done }) });
  });
}
