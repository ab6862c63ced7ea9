/** Queries of the benefits module (applications, enrolments, payees). Takes an Executor. */
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import { regionSubtree } from '../../platform/scope';
import type { BenefitApplicationsTable, EnrolmentsTable } from './benefits.tables';

export type EnrolmentRow = Selectable<EnrolmentsTable>;
export type ApplicationRow = Selectable<BenefitApplicationsTable>;

/** What a payroll run needs of one enrolment. */
export interface CycleEnrolment {
  id: string;
  person_id: string;
  region_code: string;
  start_month: string;
  end_month: string | null;
  suspensions: Array<{ from_month: string; to_month: string | null }>;
}

export function createBenefitsRepository(db: Executor) {
  return {
    async findEnrolment(id: string, ex: Executor = db) {
      return ex.selectFrom('enrolments').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async liveEnrolments(countyCode: string, personId: string, ex: Executor = db) {
      return ex.selectFrom('enrolments').selectAll().where('county_code', '=', countyCode).where('person_id', '=', personId).where('status', '<>', 'terminated').execute();
    },
    async listEnrolments(f: { region: string; programme?: string | undefined; status?: string | undefined; limit: number; offset: number }) {
      let q = db.selectFrom('enrolments as e').leftJoin('benefit_payees as p', (j) => j.onRef('p.county_code', '=', 'e.county_code').onRef('p.person_id', '=', 'e.person_id')).where(regionSubtree('e.region_code', f.region));
      if (f.programme) q = q.where('e.programme', '=', f.programme);
      if (f.status) q = q.where('e.status', '=', f.status as EnrolmentRow['status']);
      const [items, total] = await Promise.all([
        q.selectAll('e').select(['p.name', 'p.id_number_masked']).orderBy('e.created_at', 'desc').orderBy('e.id').limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },
    async changes(countyCode: string, enrolmentId: string, ex: Executor = db) {
      return ex.selectFrom('enrolment_changes').selectAll().where('county_code', '=', countyCode).where('enrolment_id', '=', enrolmentId).orderBy('seq').execute();
    },
    async addChange(ex: Executor, c: { county_code: string; enrolment_id: string; kind: 'start' | 'suspend' | 'resume' | 'amount' | 'terminate' | 'backdate'; from_month: string; to_month?: string | null; reason: string; actor_id: string | null; amount_fen?: number | null }) {
      await sql`insert into enrolment_changes (county_code, enrolment_id, seq, kind, from_month, to_month, amount_fen, reason, actor_id)
        select ${c.county_code}, ${c.enrolment_id}::uuid, coalesce(max(seq), 0) + 1, ${c.kind}, ${c.from_month}, ${c.to_month ?? null}, ${c.amount_fen ?? null}, ${c.reason}, ${c.actor_id}::uuid
        from enrolment_changes where county_code = ${c.county_code} and enrolment_id = ${c.enrolment_id}::uuid`.execute(ex);
    },
    /** Enrolments of a programme that may pay `month` (keyset pages by person id). */
    async cycleEnrolments(countyCode: string, programme: string, month: string, after: string | null, limit: number, ex: Executor = db): Promise<CycleEnrolment[]> {
      const r = await sql<{ id: string; person_id: string; region_code: string; start_month: string; end_month: string | null; suspensions: Array<{ from_month: string; to_month: string | null }> | null }>`
        select e.id, e.person_id, e.region_code, e.start_month, e.end_month,
          case when e.has_suspensions then (select json_agg(json_build_object('from_month', c.from_month, 'to_month', c.to_month) order by c.seq)
             from enrolment_changes c where c.county_code = e.county_code and c.enrolment_id = e.id and c.kind = 'suspend') end as suspensions
        from enrolments e
        where e.county_code = ${countyCode} and e.programme = ${programme} and e.start_month <= ${month}
          and (e.end_month is null or e.end_month >= ${month})
          and e.person_id > ${after ?? '00000000-0000-0000-0000-000000000000'}::uuid
        order by e.person_id limit ${limit}`.execute(ex);
      return r.rows.map((x) => ({ ...x, suspensions: x.suspensions ?? [] }));
    },
    /** Back-dated enrolments (start before `month`): candidates for arrears. */
    async backdatedEnrolments(countyCode: string, programme: string, month: string, ex: Executor = db): Promise<CycleEnrolment[]> {
      const r = await sql<{ id: string; person_id: string; region_code: string; start_month: string; end_month: string | null; suspensions: Array<{ from_month: string; to_month: string | null }> | null }>`
        select e.id, e.person_id, e.region_code, e.start_month, e.end_month,
          (select json_agg(json_build_object('from_month', c.from_month, 'to_month', c.to_month) order by c.seq)
             from enrolment_changes c where c.county_code = e.county_code and c.enrolment_id = e.id and c.kind = 'suspend') as suspensions
        from enrolments e
        where e.county_code = ${countyCode} and e.programme = ${programme} and e.start_month < ${month}
          and exists (select 1 from enrolment_changes c where c.county_code = e.county_code and c.enrolment_id = e.id and c.kind = 'backdate')
        order by e.person_id`.execute(ex);
      return r.rows.map((x) => ({ ...x, suspensions: x.suspensions ?? [] }));
    },
    /** People whose enrolment in the programme ended (and who have no open one): recovery candidates. */
    async endedEnrolments(countyCode: string, programme: string, ex: Executor = db): Promise<Array<{ person_id: string; end_month: string; end_reason: string }>> {
      const r = await sql<{ person_id: string; end_month: string; end_reason: string }>`
        select e.person_id, max(e.end_month) as end_month, max(coalesce(e.end_reason, 'other')) as end_reason
        from enrolments e
        where e.county_code = ${countyCode} and e.programme = ${programme} and e.status = 'terminated'
          and not exists (select 1 from enrolments o where o.county_code = e.county_code and o.person_id = e.person_id and o.programme = e.programme and o.status <> 'terminated')
        group by e.person_id`.execute(ex);
      return r.rows;
    },
    /** Open enrolments (not terminated) of a region subtree, optionally for some persons. */
    async currentEnrolments(region: string, personIds?: string[]): Promise<Array<{ person_id: string; item_code: string }>> {
      let q = db.selectFrom('enrolments').select(['person_id', 'programme as item_code']).where(regionSubtree('region_code', region)).where('status', '<>', 'terminated');
      if (personIds) {
        if (personIds.length === 0) return [];
        q = q.where('person_id', 'in', personIds);
      }
      return q.execute();
    },
    async countByProgramme(region: string) {
      const r = await db.selectFrom('enrolments').select(['programme', (eb) => eb.fn.countAll<string>().as('n')]).where(regionSubtree('region_code', region)).where('status', '<>', 'terminated').groupBy('programme').execute();
      return new Map(r.map((x) => [x.programme, Number(x.n)]));
    },
    async payees(countyCode: string, ids: string[], ex: Executor = db) {
      if (ids.length === 0) return [];
      // one array parameter, not one bind parameter per id (pages of 10,000 in the roster export)
      return ex.selectFrom('benefit_payees').selectAll().where('county_code', '=', countyCode).where('person_id', '=', sql<string>`any(${ids}::uuid[])`).execute();
    },
    async upsertPayee(ex: Executor, p: { county_code: string; person_id: string; name: string; id_number_enc: string; id_number_masked: string; bank: string | null; account_enc: string | null; account_masked: string | null }) {
      await ex.insertInto('benefit_payees').values(p).onConflict((oc) => oc.columns(['county_code', 'person_id']).doUpdateSet({
        name: p.name, id_number_enc: p.id_number_enc, id_number_masked: p.id_number_masked,
        ...(p.account_enc ? { bank: p.bank, account_enc: p.account_enc, account_masked: p.account_masked } : {}),
        updated_at: new Date(),
      })).execute();
    },
    // ---- applications ------------------------------------------------------------------------
    async chainFor(region: string, on: string, ex: Executor = db) {
      return sql<{ region_code: string; version: number; steps: unknown }>`
        select region_code, version, steps from benefit_approval_chains
        where ${region} like rtrim(region_code, '0') || '%' and effective_from <= ${on}::date
        order by length(rtrim(region_code, '0')) desc, version desc limit 1`.execute(ex).then((r) => r.rows[0]);
    },
    async chain(region: string, version: number, ex: Executor = db) {
      return ex.selectFrom('benefit_approval_chains').selectAll().where('region_code', '=', region).where('version', '=', version).executeTakeFirst();
    },
    async findApplication(id: string, ex: Executor = db) {
      return ex.selectFrom('benefit_applications as a').innerJoin('benefit_payees as p', (j) => j.onRef('p.county_code', '=', 'a.county_code').onRef('p.person_id', '=', 'a.person_id')).selectAll('a').select('p.name').where('a.id', '=', id).executeTakeFirst();
    },
    async applicationSteps(countyCode: string, id: string) {
      return db.selectFrom('benefit_application_steps').selectAll().where('county_code', '=', countyCode).where('application_id', '=', id).orderBy('seq').execute();
    },
    async addStep(ex: Executor, s: { county_code: string; application_id: string; step: string; decision: 'submitted' | 'approve' | 'reject' | 'withdraw'; reason: string | null; due_on: string | null; overdue: boolean; actor_id: string | null; actor_name: string | null }) {
      await sql`insert into benefit_application_steps (county_code, application_id, seq, step, decision, reason, due_on, overdue, actor_id, actor_name)
        select ${s.county_code}, ${s.application_id}::uuid, coalesce(max(seq), 0) + 1, ${s.step}, ${s.decision}, ${s.reason}, ${s.due_on}::date, ${s.overdue}, ${s.actor_id}::uuid, ${s.actor_name}
        from benefit_application_steps where county_code = ${s.county_code} and application_id = ${s.application_id}::uuid`.execute(ex);
    },
    async listApplications(f: { region: string; status?: string | undefined; stepIndex?: number | undefined; limit: number; offset: number }) {
      let q = db.selectFrom('benefit_applications as a').innerJoin('benefit_payees as p', (j) => j.onRef('p.county_code', '=', 'a.county_code').onRef('p.person_id', '=', 'a.person_id')).where(regionSubtree('a.region_code', f.region));
      if (f.status) q = q.where('a.status', '=', f.status as ApplicationRow['status']);
      if (f.stepIndex !== undefined) q = q.where('a.step_index', '=', f.stepIndex);
      const [items, total] = await Promise.all([
        q.selectAll('a').select('p.name').orderBy('a.created_at').orderBy('a.id').limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },
  };
}
export type BenefitsRepository = ReturnType<typeof createBenefitsRepository>;
