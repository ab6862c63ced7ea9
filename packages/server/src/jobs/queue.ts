/**
 * A small database-backed job queue (architecture guide §9). Jobs are rows; a worker claims one
 * with `FOR UPDATE SKIP LOCKED` (several processes can share a PostgreSQL server; PGlite has one
 * worker in-process). Handlers must be idempotent: a job whose process died is re-run from the
 * start (or from the cursor it saved in `progress`) after its lock goes stale.
 */
import { hostname } from 'node:os';
import { sql, type Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { Db, Executor } from '../db/database';
import { systemActor, type Actor } from '../platform/actor';
import type { Clock } from '../platform/clock';
import type { JobsTable } from './jobs.tables';
import { regionSubtree } from '../platform/scope';
import { ROOT_REGION_CODE } from '@yiyang/core';

export type JobRow = Selectable<JobsTable>;

export interface JobContext {
  job: JobRow;
  actor: Actor;
  log: Logger;
  /** Save a progress/cursor object; a retried job sees it in `job.progress`. */
  progress(p: unknown): Promise<void>;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<unknown>;

export interface EnqueueOptions {
  type: string;
  payload?: unknown;
  idempotencyKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  createdBy?: string | null;
  /** Region of the data the job touches; null = platform-wide (visible to root-scope users only). */
  regionCode?: string | null;
}

const STALE_LOCK_MS = 10 * 60_000;

export function createJobQueue(deps: { db: Db; clock: Clock; log: Logger }) {
  const { db, clock, log } = deps;
  const handlers = new Map<string, JobHandler>();
  const workerId = `${hostname()}:${process.pid}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;

  async function claim(): Promise<JobRow | undefined> {
    const types = [...handlers.keys()];
    if (types.length === 0) return undefined;
    return db.transaction().execute(async (trx) => {
      const next = await trx
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'pending')
        .where('run_at', '<=', clock.now())
        .where('type', 'in', types)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!next) return undefined;
      return trx
        .updateTable('jobs')
        .set((eb) => ({ status: 'running', locked_at: clock.now(), locked_by: workerId, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', next.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  async function execute(job: JobRow): Promise<void> {
    const handler = handlers.get(job.type)!;
    const jobLog = log.child({ job_id: job.id, job_type: job.type });
    const ctx: JobContext = {
      job,
      actor: systemActor(`job:${job.type}`),
      log: jobLog,
      progress: async (p) => {
        await db.updateTable('jobs').set({ progress: sql`${JSON.stringify(p)}::jsonb` }).where('id', '=', job.id).execute();
      },
    };
    try {
      const result = await handler(job.payload, ctx);
      await db
        .updateTable('jobs')
        .set({ status: 'done', finished_at: clock.now(), result: sql`${JSON.stringify(result ?? null)}::jsonb`, locked_at: null, locked_by: null })
        .where('id', '=', job.id)
        .execute();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const final = job.attempts >= job.max_attempts;
      jobLog.warn({ err: e, attempts: job.attempts, final }, 'job failed');
      // Exponential back-off: 2^attempts seconds.
      await db
        .updateTable('jobs')
        .set({
          status: final ? 'failed' : 'pending',
          last_error: message.slice(0, 2000),
          locked_at: null,
          locked_by: null,
          run_at: new Date(clock.now().getTime() + 1000 * 2 ** job.attempts),
          finished_at: final ? clock.now() : null,
        })
        .where('id', '=', job.id)
        .execute();
    }
  }

  async function runOnce(): Promise<boolean> {
    const job = await claim();
    if (!job) return false;
    await execute(job);
    return true;
  }

  async function loop(): Promise<void> {
    try {
      await recoverStale();
      while (!stopped && (await runOnce())) {
        /* keep draining */
      }
    } catch (e) {
      log.error({ err: e }, 'job worker error');
    }
  }

  async function recoverStale(): Promise<number> {
    const r = await db
      .updateTable('jobs')
      .set({ status: 'pending', locked_at: null, locked_by: null })
      .where('status', '=', 'running')
      .where('locked_at', '<', new Date(clock.now().getTime() - STALE_LOCK_MS))
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  return {
    register(type: string, handler: JobHandler): void {
      if (handlers.has(type)) throw new Error(`job handler ${type} registered twice`);
      handlers.set(type, handler);
    },

    async enqueue(ex: Executor, o: EnqueueOptions): Promise<number> {
      const values = {
        type: o.type,
        payload: sql`${JSON.stringify(o.payload ?? {})}::jsonb`,
        idempotency_key: o.idempotencyKey ?? null,
        run_at: o.runAt ?? clock.now(),
        max_attempts: o.maxAttempts ?? 5,
        created_by: o.createdBy ?? null,
        region_code: o.regionCode ?? null,
      };
      if (!o.idempotencyKey) {
        const r = await ex.insertInto('jobs').values(values).returning('id').executeTakeFirstOrThrow();
        return r.id;
      }
      const inserted = await ex
        .insertInto('jobs')
        .values(values)
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return inserted.id;
      const existing = await ex.selectFrom('jobs').select('id').where('idempotency_key', '=', o.idempotencyKey).executeTakeFirstOrThrow();
      return existing.id;
    },

    /** Many jobs in one statement (bulk event publishing); duplicates of an idempotency key are skipped. */
    async enqueueMany(ex: Executor, items: Array<{ type: string; payload: unknown; idempotencyKey: string; regionCode?: string | null }>): Promise<void> {
      for (let i = 0; i < items.length; i += 5000) {
        const part = items.slice(i, i + 5000);
        await sql`insert into jobs (type, payload, idempotency_key, region_code, run_at)
          select t, p::jsonb, k, r, ${clock.now()}
          from unnest(${part.map((x) => x.type)}::text[], ${part.map((x) => JSON.stringify(x.payload ?? {}))}::text[],
                      ${part.map((x) => x.idempotencyKey)}::text[], ${part.map((x) => x.regionCode ?? null)}::text[]) as j(t, p, k, r)
          on conflict (idempotency_key) do nothing`.execute(ex);
      }
    },

    async get(id: number): Promise<JobRow | undefined> {
      return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async list(f: { scopeRegion: string; status?: string | undefined; type?: string | undefined; limit: number; offset: number }) {
      let q = db.selectFrom('jobs').where(regionSubtree('region_code', f.scopeRegion));
      if (f.scopeRegion !== ROOT_REGION_CODE) q = q.where('region_code', 'is not', null);
      if (f.status) q = q.where('status', '=', f.status as JobRow['status']);
      if (f.type) q = q.where('type', '=', f.type);
      const [rows, n] = await Promise.all([
        q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(n.n) };
    },

    runOnce,
    recoverStale,

    /** Run every due job until none is left (tests, CLI). */
    async drain(limit = 10_000): Promise<number> {
      let n = 0;
      while (n < limit && (await runOnce())) n++;
      return n;
    },

    start(intervalMs = 1000): void {
      if (timer) return;
      stopped = false;
      const tick = () => {
        if (running || stopped) return;
        running = loop().finally(() => {
          running = null;
        });
      };
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },

    /** Wake the worker now (after enqueueing from a request) instead of waiting for the tick. */
    poke(): void {
      if (stopped || running) return;
      running = loop().finally(() => {
        running = null;
      });
    },

    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
export type JobQueue = ReturnType<typeof createJobQueue>;
