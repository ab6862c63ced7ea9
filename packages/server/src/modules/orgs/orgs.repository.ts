import type { Executor } from '../../db/database';
import { regionSubtree } from '../../platform/scope';
import type { OrganisationsTable } from './orgs.tables';
import type { Insertable, Selectable, Updateable } from 'kysely';

export type OrgRow = Selectable<OrganisationsTable> & { region_name: string };

export interface OrgFilter {
  scopeRegion: string;
  type?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export function createOrgRepository(db: Executor) {
  const base = (ex: Executor) =>
    ex
      .selectFrom('organisations as o')
      .innerJoin('regions as r', 'r.code', 'o.region_code')
      .selectAll('o')
      .select('r.name as region_name');

  return {
    async find(id: string, ex: Executor = db): Promise<OrgRow | undefined> {
      return base(ex).where('o.id', '=', id).executeTakeFirst();
    },

    async list(f: OrgFilter): Promise<{ rows: OrgRow[]; total: number }> {
      let q = db.selectFrom('organisations as o').where(regionSubtree('o.region_code', f.scopeRegion));
      if (f.type) q = q.where('o.type', '=', f.type);
      if (f.q) q = q.where('o.name', 'like', `%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
      const ids = q.select('o.id');
      const [rows, total] = await Promise.all([
        base(db)
          .where('o.id', 'in', ids)
          .orderBy('o.region_code')
          .orderBy('o.name')
          .limit(f.limit)
          .offset(f.offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    async insert(values: Insertable<OrganisationsTable>, ex: Executor = db): Promise<string> {
      const r = await ex.insertInto('organisations').values(values).returning('id').executeTakeFirstOrThrow();
      return r.id;
    },

    /** Optimistic concurrency: updates only when `version` matches; returns false otherwise. */
    async update(id: string, version: number, values: Updateable<OrganisationsTable>, ex: Executor = db): Promise<boolean> {
      const r = await ex
        .updateTable('organisations')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async findByNameInRegion(regionCode: string, name: string, ex: Executor = db) {
      return ex
        .selectFrom('organisations')
        .select('id')
        .where('region_code', '=', regionCode)
        .where('name', '=', name)
        .executeTakeFirst();
    },
  };
}
