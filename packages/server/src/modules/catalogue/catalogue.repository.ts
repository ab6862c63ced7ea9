import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { CatalogueStatus, CatalogueVersionsTable } from './catalogue.tables';

export type VersionRow = Selectable<CatalogueVersionsTable>;

/** Catalogue versions: Kysely queries only. */
export function createCatalogueRepository(db: Executor) {
  return {
    async count(ex: Executor = db): Promise<number> {
      const r = await ex.selectFrom('catalogue_versions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async insert(values: Insertable<CatalogueVersionsTable>, ex: Executor = db): Promise<VersionRow> {
      return ex.insertInto('catalogue_versions').values({ ...values, content: sql`${JSON.stringify(values.content)}::json` }).returningAll().executeTakeFirstOrThrow();
    },

    async find(id: string, ex: Executor = db): Promise<VersionRow | undefined> {
      return ex.selectFrom('catalogue_versions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findForUpdate(id: string, ex: Executor): Promise<VersionRow | undefined> {
      return ex.selectFrom('catalogue_versions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async byPack(packCode: string, ex: Executor = db): Promise<VersionRow[]> {
      return ex.selectFrom('catalogue_versions').selectAll().where('pack_code', '=', packCode).orderBy('version_no', 'desc').execute();
    },

    async nextVersionNo(packCode: string, ex: Executor): Promise<number> {
      const r = await ex.selectFrom('catalogue_versions').select((eb) => eb.fn.max('version_no').as('m')).where('pack_code', '=', packCode).executeTakeFirst();
      return Number(r?.m ?? 0) + 1;
    },

    /** Every version's head row per pack (for listings): region, code, level, latest status. */
    async list(filter: { regions?: string[]; status?: CatalogueStatus }, ex: Executor = db): Promise<VersionRow[]> {
      let q = ex.selectFrom('catalogue_versions').selectAll();
      if (filter.regions) q = q.where('region_code', 'in', filter.regions.length ? filter.regions : ['-']);
      if (filter.status) q = q.where('status', '=', filter.status);
      return q.orderBy('region_code').orderBy('pack_code').orderBy('version_no', 'desc').execute();
    },

    /** All versions published (or superseded) with their effective dates: the in-force resolution reads these. */
    async publishedAll(ex: Executor = db): Promise<VersionRow[]> {
      return ex
        .selectFrom('catalogue_versions')
        .selectAll()
        .where('status', 'in', ['published', 'superseded'])
        .orderBy('pack_code')
        .orderBy('effective_from', 'desc')
        .orderBy('version_no', 'desc')
        .execute();
    },

    async update(id: string, values: Updateable<CatalogueVersionsTable>, ex: Executor, version?: number): Promise<VersionRow | undefined> {
      const set: Updateable<CatalogueVersionsTable> = { ...values };
      if (values.content !== undefined) set.content = sql`${JSON.stringify(values.content)}::json`;
      let q = ex
        .updateTable('catalogue_versions')
        .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id);
      if (version !== undefined) q = q.where('version', '=', version);
      return q.returningAll().executeTakeFirst();
    },

    /** The published version of a pack before this one becomes 'superseded'. */
    async supersedeOthers(packCode: string, keepId: string, ex: Executor): Promise<void> {
      await ex
        .updateTable('catalogue_versions')
        .set({ status: 'superseded', updated_at: new Date() })
        .where('pack_code', '=', packCode)
        .where('status', '=', 'published')
        .where('id', '!=', keepId)
        .execute();
    },
  };
}
export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;
