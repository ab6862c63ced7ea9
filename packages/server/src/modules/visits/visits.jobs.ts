/**
 * Jobs and event subscriptions of visiting care:
 *  - `person.changed` / `person.died` / `person.moved` (registry) keep the roster projection current;
 *  - `visits.rebuild_roster` rebuilds a region's roster from the registry (idempotent);
 *  - `visits.daily` runs every day at 01:00 China time: overdue alerts and the overdue list.
 *    Each run schedules the next (idempotency key per date), and start-up makes sure one exists.
 */
import { addDays, ROOT_REGION_CODE, todayInChina } from '@yiyang/core';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import type { EventBus } from '../../jobs/events';
import type { JobQueue } from '../../jobs/queue';
import type { Clock } from '../../platform/clock';
import type { PersonState } from './roster-sync';
import type { VisitsService } from './visits.service';

/** The part of the application context the jobs use (structural: no import of app-context). */
export interface VisitsJobHost {
  db: Db;
  clock: Clock;
  log: Logger;
  jobs: JobQueue;
  events: EventBus;
  config: { jobs: boolean };
  services: { visits: VisitsService };
}

export const VISITS_REBUILD_JOB = 'visits.rebuild_roster';
export const VISITS_DAILY_JOB = 'visits.daily';

/** 01:00 Beijing time on a China calendar date. */
function dailyRunAt(date: string): Date {
  return new Date(`${date}T01:00:00+08:00`);
}

export async function scheduleDaily(ctx: VisitsJobHost, date: string): Promise<number> {
  return ctx.jobs.enqueue(ctx.db, { type: VISITS_DAILY_JOB, payload: { region: ROOT_REGION_CODE, date }, runAt: dailyRunAt(date), idempotencyKey: `${VISITS_DAILY_JOB}:${date}`, maxAttempts: 3 });
}

export function registerVisitJobs(ctx: VisitsJobHost): void {
  const visits = ctx.services.visits;
  ctx.events.subscribe<PersonState>('person.changed', 'visits', (p) => visits.onPersonChanged(p));
  ctx.events.subscribe<{ county_code: string; person_id: string; death_date?: string | null }>('person.died', 'visits', (p) => visits.onPersonDied(p));
  ctx.events.subscribe<{ person_id: string; to_region: string }>('person.moved', 'visits', (p) => visits.onPersonMoved(p));
  ctx.jobs.register(VISITS_REBUILD_JOB, async (payload, job) => {
    const { region } = payload as { region: string };
    return visits.rebuildRoster(region, (done) => job.progress({ done }));
  });
  ctx.jobs.register(VISITS_DAILY_JOB, async (payload) => {
    const { region } = payload as { region?: string };
    const result = await visits.runDailyCheck(region ?? ROOT_REGION_CODE);
    await scheduleDaily(ctx, addDays(todayInChina(ctx.clock.now()), 1));
    return result;
  });
  if (ctx.config.jobs) {
    // Today's run (at once if 01:00 has passed and it has not run yet); each run schedules the next.
    scheduleDaily(ctx, todayInChina(ctx.clock.now())).catch((e: unknown) => ctx.log.warn({ err: e }, 'visits: could not schedule the daily check'));
  }
}
