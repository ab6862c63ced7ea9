import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import { regionSubtree } from '../../platform/scope';
import type { EligibilityRunsTable, EligibilityWorklistTable, WorklistKind, WorklistStatus } from './eligibility.tables';

export type WorklistRow = Selectable<EligibilityWorklistTable>;
export type RunRow = Selectable<EligibilityRunsTable>;

/** A discrepancy to open: one person, item and kind. */
export interface NewWorklistRow {
  county_code: string;
  person_id: string;
  region_code: string;
  street_code: string;
  kind: WorklistKind;
  item_code: string;
  item_name: string;
  monthly_cash_fen: number | null;
  explanation: unknown;
}

export function createEligibilityRepository(db: Executor) {
  return {
    /** Live (open / in progress) rows of these persons: the state a re-run compares with. */
    async liveFor(county: string | null, personIds: string[], ex: Executor = db): Promise<Array<{ id: string; person_id: string; item_code: string; kind: WorklistKind }>> {
      if (personIds.length === 0) return [];
      let q = ex
        .selectFrom('eligibility_worklist')
        .select(['id', 'person_id', 'item_code', 'kind'])
        .where('status', 'in', ['open', 'in_progress'])
        .where('person_id', '=', sql<string>`any(${sql.val(personIds)}::uuid[])`);
      if (county) q = q.where('county_code', '=', county);
      return q.execute();
    },

    async insertMany(rows: NewWorklistRow[], versionId: string | null, runId: string | null, ex: Executor = db): Promise<void> {
      for (let i = 0; i < rows.length; i += 5000) {
        const c = rows.slice(i, i + 5000);
        await sql`
          insert into eligibility_worklist (county_code, person_id, region_code, street_code, kind, item_code, item_name, monthly_cash_fen, explanation, catalogue_version_id, last_seen_run)
          select t.c, t.p, t.r, t.s, t.k, t.i, t.n, t.m, t.e::jsonb, ${versionId}::uuid, ${runId}::uuid
          from unnest(${c.map((r) => r.county_code)}::text[], ${c.map((r) => r.person_id)}::uuid[], ${c.map((r) => r.region_code)}::text[],
                      ${c.map((r) => r.street_code)}::text[], ${c.map((r) => r.kind)}::text[], ${c.map((r) => r.item_code)}::text[],
                      ${c.map((r) => r.item_name)}::text[], ${c.map((r) => (r.monthly_cash_fen === null ? null : String(r.monthly_cash_fen)))}::bigint[],
                      ${c.map((r) => JSON.stringify(r.explanation))}::text[])
               as t(c, p, r, s, k, i, n, m, e)
          on conflict do nothing`.execute(ex);
      }
    },

    /** Discrepancies that went away: closed automatically (status resolved, resolution 'auto'). */
    async closeMany(ids: string[], at: Date, ex: Executor = db): Promise<void> {
      for (let i = 0; i < ids.length; i += 5000) {
        const c = ids.slice(i, i + 5000);
        await sql`
          update eligibility_worklist set status = 'resolved', resolution = 'auto', handled_by = 'system', handled_at = ${at},
                 updated_at = ${at}, version = version + 1
          where id = any(${c}::uuid[]) and status in ('open','in_progress')`.execute(ex);
      }
    },

    async list(f: { region: string; kind?: WorklistKind | undefined; status?: WorklistStatus | undefined; itemCode?: string | undefined; limit: number; offset: number }): Promise<{ rows: WorklistRow[]; total: number }> {
      let q = db.selectFrom('eligibility_worklist').where(regionSubtree('street_code', f.region));
      if (f.kind) q = q.where('kind', '=', f.kind);
      if (f.status) q = q.where('status', '=', f.status);
      if (f.itemCode) q = q.where('item_code', '=', f.itemCode);
      const [rows, count] = await Promise.all([
        q.selectAll().orderBy('found_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.n) };
    },

    async find(id: string, ex: Executor = db): Promise<WorklistRow | undefined> {
      return ex.selectFrom('eligibility_worklist').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async forPerson(county: string, personId: string, ex: Executor = db): Promise<WorklistRow[]> {
      return ex.selectFrom('eligibility_worklist').selectAll().where('county_code', '=', county).where('person_id', '=', personId).orderBy('found_at', 'desc').execute();
    },

    async updateStatus(id: string, values: { status: WorklistStatus; note: string | null; handled_by: string; handled_at: Date }, version: number, ex: Executor): Promise<WorklistRow | undefined> {
      return ex
        .updateTable('eligibility_worklist')
        .set((eb) => ({ ...values, resolution: values.status === 'resolved' || values.status === 'dismissed' ? 'manual' : null, version: eb('version', '+', 1), updated_at: values.handled_at }))
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    async startRun(values: { region_code: string; kind: 'population' | 'simulation'; trigger: string; catalogue_version_id: string | null; as_of: string; started_by: string }, ex: Executor = db): Promise<RunRow> {
      return ex.insertInto('eligibility_runs').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async finishRun(id: string, values: { status: 'done' | 'failed'; persons: number; entitlements: number; opened: number; closed: number; unchanged: number; result: unknown; error: string | null; finished_at: Date }, ex: Executor = db): Promise<RunRow> {
      return ex
        .updateTable('eligibility_runs')
        .set({ ...values, result: sql`${JSON.stringify(values.result)}::jsonb` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async runs(region: string, limit: number): Promise<RunRow[]> {
      return db.selectFrom('eligibility_runs').selectAll().where(regionSubtree('region_code', region)).orderBy('started_at', 'desc').limit(limit).execute();
    },

    async findRun(id: string): Promise<RunRow | undefined> {
      return db.selectFrom('eligibility_runs').selectAll().where('id', '=', id).executeTakeFirst();
    },
  };
}
export type EligibilityRepository = ReturnType<typeof createEligibilityRepository>;
