import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { regionSubtree } from '../../platform/scope';
import type { RegionsTable } from './regions.tables';

export type RegionRecord = RegionsTable & { has_children: boolean };

const hasChildren = sql<boolean>`exists (select 1 from regions c where c.parent_code = regions.code)`.as('has_children');

export function createRegionRepository(db: Executor) {
  return {
    async upsertMany(rows: Array<Omit<RegionsTable, 'valid_from' | 'valid_to'>>, trx: Executor = db): Promise<number> {
      let n = 0;
      // Parents first (rows come ordered by level), in chunks to keep statements small.
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        await trx
          .insertInto('regions')
          .values(chunk)
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              level: eb.ref('excluded.level'),
              parent_code: eb.ref('excluded.parent_code'),
              source_edition: eb.ref('excluded.source_edition'),
            })),
          )
          .execute();
        n += chunk.length;
      }
      return n;
    },

    async find(code: string, ex: Executor = db): Promise<RegionRecord | undefined> {
      return ex.selectFrom('regions').selectAll().select(hasChildren).where('code', '=', code).executeTakeFirst();
    },

    async findMany(codes: string[]): Promise<RegionsTable[]> {
      if (codes.length === 0) return [];
      return db.selectFrom('regions').selectAll().where('code', 'in', codes).execute();
    },

    async children(parentCode: string): Promise<RegionRecord[]> {
      return db
        .selectFrom('regions')
        .selectAll()
        .select(hasChildren)
        .where('parent_code', '=', parentCode)
        .orderBy('code')
        .execute();
    },

    async search(q: string, scopeCode: string, limit: number): Promise<RegionRecord[]> {
      return db
        .selectFrom('regions')
        .selectAll()
        .select(hasChildren)
        .where(regionSubtree('code', scopeCode))
        .where('name', 'like', `%${q.replace(/[%_\\]/g, '\\$&')}%`)
        .orderBy(sql`length(code)`)
        .orderBy('code')
        .limit(limit)
        .execute();
    },

    async countByLevel(): Promise<Array<{ level: string; n: number }>> {
      return db
        .selectFrom('regions')
        .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('level')
        .execute();
    },
  };
}
export type RegionRepository = ReturnType<typeof createRegionRepository>;
