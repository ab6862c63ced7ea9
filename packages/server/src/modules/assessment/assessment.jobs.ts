/**
 * The assessment module's jobs and event subscriptions:
 *  - `assessment.daily` (01:00 China time): due reminders; re-enqueues itself for the next day
 *    (first enqueued when a result is published, so a system with results always has one pending);
 *  - registry `person.died`: open assessments end, the person leaves the due list;
 *  - registry `person.moved`: assessments and schedule follow the person's region;
 *  - `capability.change_reported` (published by visits/services with `{ person_id, source_module,
 *    source_ref, description }`): an immediate assessment (即时评估), the same as calling
 *    `services.assessment.reportMarkedChange` directly.
 */
import type { EventBus } from '../../jobs/events';
import type { JobQueue } from '../../jobs/queue';
import { systemActor } from '../../platform/actor';
import type { AssessmentService } from './assessment.service';

/** The part of the AppContext the registrar uses (importing AppContext would be circular). */
export interface AssessmentJobContext {
  jobs: JobQueue;
  events: EventBus;
  services: { assessment: AssessmentService };
}

export function registerAssessmentJobs(ctx: AssessmentJobContext): void {
  const { assessment } = ctx.services;
  ctx.jobs.register('assessment.daily', async () => {
    const r = await assessment.remindDue();
    await assessment.ensureDailyJob();
    return r;
  });
  ctx.events.subscribe<{ person_id: string }>('person.died', 'assessment', async (p) => {
    await assessment.onPersonDied(systemActor('event:person.died'), p.person_id);
    return { ok: true };
  });
  ctx.events.subscribe<{ person_id: string; to_region: string }>('person.moved', 'assessment', async (p) => {
    await assessment.onPersonMoved(p.person_id, p.to_region);
    return { ok: true };
  });
  ctx.events.subscribe<{ person_id: string; source_module: string; source_ref: string; description?: string }>('capability.change_reported', 'assessment', async (p, job) => {
    return assessment.reportMarkedChange(job.actor, { personId: p.person_id, sourceModule: p.source_module, sourceRef: p.source_ref, description: p.description ?? '' });
  });
}
