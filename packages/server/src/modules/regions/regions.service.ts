/**
 * The region tree (行政区划): provinces down to villages and communities, used for data scope,
 * for placing organisations and for every record's region code.
 */
import {
  forbidden,
  isRegionCode,
  notFound,
  parentRegionCode,
  regionLevel,
  ROOT_REGION_CODE,
  type Region,
} from '@yiyang/core';
import type { Db, Executor } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { assertRegionInScope, canAccessRegion, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import { readRegions, SOURCE_EDITION } from './region-source';
import { createRegionRepository, type RegionRecord } from './regions.repository';

export interface RegionPathItem {
  code: string;
  name: string;
  level: Region['level'];
}

function toRegion(r: RegionRecord): Region {
  return { code: r.code, name: r.name, level: r.level, parent_code: r.parent_code, has_children: r.has_children };
}

const LEVEL_ORDER = { country: 0, province: 1, city: 2, county: 3, township: 4, village: 5 } as const;

export function createRegionService(deps: { db: Db; audit: AuditService }) {
  const repo = createRegionRepository(deps.db);

  async function ancestors(code: string): Promise<RegionPathItem[]> {
    const codes: string[] = [];
    for (let c: string | null = code; c; c = parentRegionCode(c)) codes.push(c);
    const rows = await repo.findMany(codes);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return codes
      .reverse()
      .map((c) => byCode.get(c))
      .filter((r): r is NonNullable<typeof r> => !!r)
      .map((r) => ({ code: r.code, name: r.name, level: r.level }));
  }

  return {
    /** Children of `parent`, or the actor's scope root when no parent is given. */
    async children(actor: Actor, parent?: string): Promise<Region[]> {
      requirePermission(actor, 'regions:read');
      if (!parent) {
        const root = await repo.find(actor.regionCode);
        return root ? [toRegion(root)] : [];
      }
      assertRegionInScope(actor, parent);
      return (await repo.children(parent)).map(toRegion);
    },

    async get(actor: Actor, code: string): Promise<Region & { path: RegionPathItem[] }> {
      requirePermission(actor, 'regions:read');
      assertRegionInScope(actor, code);
      const r = await repo.find(code);
      if (!r) throw notFound('REGION_NOT_FOUND', `区划代码${code}不存在`);
      return { ...toRegion(r), path: await ancestors(code) };
    },

    async search(actor: Actor, q: string, limit = 30): Promise<Region[]> {
      requirePermission(actor, 'regions:read');
      return (await repo.search(q, actor.regionCode, limit)).map(toRegion);
    },

    /** Name of a region for display; undefined if unknown. Not scope-checked (names are public). */
    async nameOf(code: string): Promise<string | undefined> {
      return (await repo.find(code))?.name;
    },

    async namesOf(codes: string[]): Promise<Map<string, string>> {
      const rows = await repo.findMany([...new Set(codes)]);
      return new Map(rows.map((r) => [r.code, r.name]));
    },

    /** Pass `ex` when called inside a transaction. */
    async exists(code: string, ex?: Executor): Promise<boolean> {
      return isRegionCode(code) && !!(await repo.find(code, ex));
    },

    ancestors,

    canAccess: canAccessRegion,

    /**
     * Load one or more localities (any official code: a city, a county…) with ancestors and all
     * descendants from the bundled division data. Idempotent.
     */
    async load(actor: Actor, codes: string[]): Promise<{ loaded: number }> {
      requirePermission(actor, 'regions:write');
      // The region tree is shared by every deployment region: only a root-scope administrator changes it.
      if (actor.regionCode !== ROOT_REGION_CODE) throw forbidden('SCOPE_FORBIDDEN', '区划数据为全平台共用，只有平台管理员可以载入');
      for (const c of codes) if (!isRegionCode(c)) throw notFound('REGION_NOT_FOUND', `区划代码${c}格式不正确`);
      const rows = await readRegions(codes);
      const missing = codes.filter((c) => !rows.some((r) => r.code === c));
      if (missing.length) throw notFound('REGION_NOT_FOUND', `区划数据中没有代码 ${missing.join('、')}`);
      rows.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
      const loaded = await deps.db.transaction().execute(async (trx) => {
        const n = await createRegionRepository(trx).upsertMany([
          { code: ROOT_REGION_CODE, name: '全国', level: 'country', parent_code: null, source_edition: SOURCE_EDITION },
          ...rows.map((r) => ({ ...r, source_edition: SOURCE_EDITION })),
        ]);
        await deps.audit.record(trx, actor, {
          action: 'regions.load',
          entityType: 'region',
          entityId: codes.join(','),
          regionCode: ROOT_REGION_CODE,
          details: { codes, rows: n },
        });
        return n;
      });
      return { loaded };
    },

    /** The root (全国) must exist before any organisation can sit at the top of the tree. */
    async ensureRoot(): Promise<void> {
      await repo.upsertMany([
        { code: ROOT_REGION_CODE, name: '全国', level: 'country', parent_code: null, source_edition: SOURCE_EDITION },
      ]);
    },

    async countByLevel() {
      return repo.countByLevel();
    },

    levelOf: regionLevel,
  };
}
export type RegionService = ReturnType<typeof createRegionService>;
