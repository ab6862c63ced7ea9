/**
 * Counts of persons by region and special-hardship tag (统计 by 街道/社区, 004 二(二)3), and the
 * hardship definitions in force (national defaults + locality overrides, registry.hardship.ts).
 */
import { HARDSHIP_TAG_CODES, regionLevel, ROOT_REGION_CODE, type HardshipDefinitions } from '@yiyang/core';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { JobQueue } from '../../jobs/queue';
import type { Actor } from '../../platform/actor';
import { effectiveRegion, regionSubtree, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import type { RegionService } from '../regions';
import type { HardshipStore } from './registry.hardship';
import type { PersonWriter } from './registry.writer';

/** Length of the codes one level below a region (city → county 6, county → township 9, …). */
function childCodeLength(code: string): number | null {
  switch (regionLevel(code)) {
    case 'country':
      return 2;
    case 'province':
      return 4;
    case 'city':
      return 6;
    case 'county':
      return 9;
    case 'township':
      return 12;
    default:
      return null;
  }
}

export function createStats(deps: { db: Db; audit: AuditService; regions: RegionService; hardship: HardshipStore; writer: PersonWriter; jobs: JobQueue }) {
  const { db, audit, regions, hardship, writer } = deps;

  return {
    /** Living persons of a region, by child region and tag (active records only). */
    async tagCounts(actor: Actor, requested?: string) {
      requirePermission(actor, 'persons:read');
      const region = effectiveRegion(actor, requested);
      const len = childCodeLength(region);
      const tagCols = HARDSHIP_TAG_CODES.map((t) => sql`count(*) filter (where ${t} = any(tags))::int as ${sql.ref(t)}`);
      const groupExpr = len === null ? sql`region_code` : len <= 4 ? sql`rpad(left(region_code, ${len}), 6, '0')` : sql`left(region_code, ${len})`;
      const r = await sql<Record<string, number | string>>`
        select ${groupExpr} as child, count(*)::int as total, ${sql.join(tagCols)}
        from persons where ${regionSubtree('region_code', region)} and status = 'active'
        group by 1 order by 1`.execute(db);
      const names = await regions.namesOf(r.rows.map((x) => String(x.child)));
      const rows = r.rows.map((x) => ({
        region_code: String(x.child),
        region_name: names.get(String(x.child)) ?? (String(x.child).length < (len ?? 0) ? '（直属）' : String(x.child)),
        total: Number(x.total),
        tags: Object.fromEntries(HARDSHIP_TAG_CODES.map((t) => [t, Number(x[t])])),
      }));
      const totals = {
        region_code: region,
        region_name: region === ROOT_REGION_CODE ? '全国' : ((await regions.nameOf(region)) ?? region),
        total: rows.reduce((a, b) => a + b.total, 0),
        tags: Object.fromEntries(HARDSHIP_TAG_CODES.map((t) => [t, rows.reduce((a, b) => a + (b.tags[t] ?? 0), 0)])),
      };
      return { region_code: region, rows, totals };
    },

    async hardshipDefinitions(actor: Actor, requested?: string) {
      requirePermission(actor, 'persons:read');
      const region = effectiveRegion(actor, requested);
      await hardship.load();
      return { region_code: region, ...hardship.definitionsFor(region) };
    },

    /**
     * Set a locality's overrides (the catalogue module calls this with a policy pack's
     * `{ [tag]: cel }`); tags of that region are recomputed by the job `registry.recompute_tags`.
     */
    async setHardshipDefinitions(actor: Actor, region: string, defs: HardshipDefinitions) {
      requirePermission(actor, 'system:admin');
      effectiveRegion(actor, region);
      await db.transaction().execute(async (trx) => {
        await hardship.set(trx, region, defs, actor.userId);
        await audit.record(trx, actor, { action: 'persons.hardship_definitions', entityType: 'region', entityId: region, regionCode: region, details: defs });
        await deps.jobs.enqueue(trx, { type: 'registry.recompute_tags', payload: { region_code: region }, regionCode: region, createdBy: actor.userId });
      });
      deps.jobs.poke();
      return { ok: true as const };
    },

    /** Recompute current columns and tags for every person of a region (after a definition change; daily for ages). */
    async recomputeTags(region: string, onProgress?: (n: number) => Promise<void>): Promise<number> {
      await hardship.load(db, true);
      let after: string | null = null;
      let n = 0;
      for (;;) {
        let q = db.selectFrom('persons').select(['county_code', 'id']).where(regionSubtree('region_code', region)).orderBy('id').limit(2000);
        if (after) q = q.where('id', '>', after);
        const keys = await q.execute();
        if (keys.length === 0) break;
        await db.transaction().execute((trx) => writer.refreshPersons(trx, keys));
        n += keys.length;
        after = keys[keys.length - 1]!.id;
        await onProgress?.(n);
      }
      return n;
    },
  };
}
