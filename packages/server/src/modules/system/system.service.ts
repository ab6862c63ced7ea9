/** Health and operations: database reachability, the job list. */
import type { Db } from '../../db/database';
import { pingDatabase, type DatabaseKind } from '../../db/client';
import type { JobQueue } from '../../jobs/queue';
import type { Actor } from '../../platform/actor';
import { requirePermission } from '../../platform/scope';

export function createSystemService(deps: { db: Db; dbKind: DatabaseKind; jobs: JobQueue }) {
  return {
    async health() {
      const started = performance.now();
      let reachable = false;
      try {
        reachable = await pingDatabase(deps.db);
      } catch {
        reachable = false;
      }
      return {
        status: reachable ? ('ok' as const) : ('degraded' as const),
        database: { kind: deps.dbKind, reachable, latency_ms: Math.round((performance.now() - started) * 10) / 10 },
      };
    },

    async listJobs(actor: Actor, f: { status?: string | undefined; type?: string | undefined; page: number; page_size: number }) {
      requirePermission(actor, 'jobs:read');
      const { rows, total } = await deps.jobs.list({ scopeRegion: actor.regionCode, status: f.status, type: f.type, limit: f.page_size, offset: (f.page - 1) * f.page_size });
      return {
        total,
        items: rows.map((j) => ({
          id: j.id,
          type: j.type,
          region_code: j.region_code,
          status: j.status,
          attempts: j.attempts,
          progress: j.progress ?? null,
          last_error: j.last_error,
          created_at: j.created_at.toISOString(),
          finished_at: j.finished_at ? j.finished_at.toISOString() : null,
        })),
      };
    },
  };
}
export type SystemService = ReturnType<typeof createSystemService>;
