import { OPEN_STATUSES } from '@yiyang/core';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import { regionSubtree } from '../../platform/scope';
import type { AssessmentActionsTable, AssessmentScheduleTable, AssessmentsTable } from './assessment.tables';

export type AssessmentRow = Selectable<AssessmentsTable>;
export type ActionRow = Selectable<AssessmentActionsTable>;
export type ScheduleRow = Selectable<AssessmentScheduleTable>;

export interface AssessmentKey {
  county_code: string;
  id: string;
}

export interface AssessmentListFilter {
  region: string;
  status?: string | undefined;
  reason?: string | undefined;
  personId?: string | undefined;
  /** Only those assigned to this user as an assessor. */
  assessorId?: string | undefined;
  /** Agency users see their agency's assessments and unassigned requests. */
  agencyId?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

const openStatuses = [...OPEN_STATUSES];

export function createAssessmentRepository(db: Executor) {
  return {
    /** A.1.1 评估编号: PG + county + year + 5-digit sequence, per county and year. */
    async nextNumber(county: string, year: number, ex: Executor): Promise<string> {
      const r = await ex
        .insertInto('assessment_counters')
        .values({ county_code: county, year, last_no: 1 })
        .onConflict((oc) => oc.columns(['county_code', 'year']).doUpdateSet({ last_no: sql`assessment_counters.last_no + 1` }))
        .returning('last_no')
        .executeTakeFirstOrThrow();
      return `PG${county}${year}${String(r.last_no).padStart(5, '0')}`;
    },

    async insert(values: Insertable<AssessmentsTable>, ex: Executor): Promise<AssessmentRow> {
      return ex.insertInto('assessments').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async find(id: string, ex: Executor = db, opts: { forUpdate?: boolean } = {}): Promise<AssessmentRow | undefined> {
      let q = ex.selectFrom('assessments').selectAll().where('id', '=', id);
      if (opts.forUpdate) q = q.forUpdate();
      return q.executeTakeFirst();
    },

    /** Update with optimistic locking when `version` is given; false when the version is stale. */
    async update(key: AssessmentKey, values: Updateable<AssessmentsTable>, ex: Executor, version?: number): Promise<AssessmentRow | undefined> {
      let q = ex
        .updateTable('assessments')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('county_code', '=', key.county_code)
        .where('id', '=', key.id);
      if (version !== undefined) q = q.where('version', '=', version);
      return q.returningAll().executeTakeFirst();
    },

    async list(f: AssessmentListFilter): Promise<{ rows: AssessmentRow[]; total: number }> {
      let q = db.selectFrom('assessments').where(regionSubtree('region_code', f.region));
      if (f.status) q = q.where('status', '=', f.status as AssessmentRow['status']);
      if (f.reason) q = q.where('reason', '=', f.reason as AssessmentRow['reason']);
      if (f.personId) q = q.where('person_id', '=', f.personId);
      if (f.assessorId) {
        const me = f.assessorId;
        q = q.where((eb) => eb.or([eb('assessor1_id', '=', me), eb('assessor2_id', '=', me)]));
      }
      if (f.agencyId) {
        const agency = f.agencyId;
        q = q.where((eb) => eb.or([eb('agency_org_id', '=', agency), eb.and([eb('status', '=', 'requested'), eb('agency_org_id', 'is', null)])]));
      }
      if (f.q) {
        const term = f.q;
        q = q.where((eb) => eb.or([eb('number', '=', term.toUpperCase()), eb('person_name', 'like', `${term.replace(/[%_\\]/g, '\\$&')}%`)]));
      }
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy('requested_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    async openForPerson(county: string, personId: string, ex: Executor = db): Promise<AssessmentRow | undefined> {
      return ex
        .selectFrom('assessments')
        .selectAll()
        .where('county_code', '=', county)
        .where('person_id', '=', personId)
        .where('status', 'in', openStatuses)
        .executeTakeFirst();
    },

    async openForPersonAnyCounty(personId: string, ex: Executor = db): Promise<AssessmentRow[]> {
      return ex.selectFrom('assessments').selectAll().where('person_id', '=', personId).where('status', 'in', openStatuses).execute();
    },

    async latestPublished(county: string, personId: string, ex: Executor = db): Promise<AssessmentRow | undefined> {
      return ex
        .selectFrom('assessments')
        .selectAll()
        .where('county_code', '=', county)
        .where('person_id', '=', personId)
        .where('status', 'in', ['published', 'objected'])
        .orderBy('published_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async insertAction(values: Insertable<AssessmentActionsTable>, ex: Executor): Promise<void> {
      await ex
        .insertInto('assessment_actions')
        .values({ ...values, details: values.details === undefined || values.details === null ? null : sql`${JSON.stringify(values.details)}::jsonb` })
        .execute();
    },

    async actions(key: AssessmentKey, ex: Executor = db): Promise<ActionRow[]> {
      return ex
        .selectFrom('assessment_actions')
        .selectAll()
        .where('county_code', '=', key.county_code)
        .where('assessment_id', '=', key.id)
        .orderBy('id')
        .execute();
    },

    // ---- schedule -----------------------------------------------------------------------------

    async upsertSchedule(values: Insertable<AssessmentScheduleTable>, ex: Executor): Promise<void> {
      const { county_code: _c, person_id: _p, ...rest } = values;
      await ex
        .insertInto('assessment_schedule')
        .values(values)
        .onConflict((oc) => oc.columns(['county_code', 'person_id']).doUpdateSet({ ...rest, reminded_for: null, reminded_at: null, active: true, updated_at: new Date() }))
        .execute();
    },

    async schedulePage(f: { region: string; until: string; limit: number; offset: number }) {
      const q = db
        .selectFrom('assessment_schedule as s')
        .where('s.active', '=', true)
        .where(regionSubtree('s.region_code', f.region))
        .where('s.next_due_date', '<=', f.until);
      const [rows, total] = await Promise.all([
        q
          .selectAll('s')
          .select((eb) =>
            eb
              .selectFrom('assessments as a')
              .select('a.id')
              .whereRef('a.county_code', '=', 's.county_code')
              .whereRef('a.person_id', '=', 's.person_id')
              .where('a.status', 'in', openStatuses)
              .limit(1)
              .as('open_assessment_id'),
          )
          .orderBy('s.next_due_date')
          .orderBy('s.person_id')
          .limit(f.limit)
          .offset(f.offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    /** Active schedule rows due by `until` and not yet reminded for their due date. */
    async unreminded(county: string, until: string, limit: number, ex: Executor = db): Promise<ScheduleRow[]> {
      return ex
        .selectFrom('assessment_schedule')
        .selectAll()
        .where('county_code', '=', county)
        .where('active', '=', true)
        .where('next_due_date', '<=', until)
        .where((eb) => eb.or([eb('reminded_for', 'is', null), eb('reminded_for', '<>', eb.ref('next_due_date'))]))
        .orderBy('next_due_date')
        .orderBy('person_id')
        .limit(limit)
        .execute();
    },

    async scheduleCounties(ex: Executor = db): Promise<string[]> {
      const rows = await ex.selectFrom('assessment_schedule').select('county_code').where('active', '=', true).distinct().execute();
      return rows.map((r) => r.county_code);
    },

    async markReminded(county: string, personId: string, dueDate: string, at: Date, ex: Executor): Promise<void> {
      await ex
        .updateTable('assessment_schedule')
        .set({ reminded_for: dueDate, reminded_at: at })
        .where('county_code', '=', county)
        .where('person_id', '=', personId)
        .execute();
    },

    async deactivateSchedule(personId: string, ex: Executor): Promise<void> {
      await ex.updateTable('assessment_schedule').set({ active: false, updated_at: new Date() }).where('person_id', '=', personId).execute();
    },

    /** A person moved: their assessments and schedule row follow them (the county key moves by cascade). */
    async moveRegion(personId: string, regionCode: string, ex: Executor): Promise<void> {
      await ex.updateTable('assessments').set({ region_code: regionCode }).where('person_id', '=', personId).execute();
      await ex.updateTable('assessment_schedule').set({ region_code: regionCode, updated_at: new Date() }).where('person_id', '=', personId).execute();
    },

    // ---- statistics ---------------------------------------------------------------------------

    /** Current grades of assessed, living persons: counts by region code, grade and age band. */
    async gradeCounts(region: string, asOf: string) {
      const ageYears = sql<number>`extract(year from age(${asOf}::date, s.birth_date))::int`;
      const band = sql<string>`case
        when s.birth_date is null then 'unknown'
        when ${ageYears} < 60 then 'under_60'
        when ${ageYears} < 70 then '60_69'
        when ${ageYears} < 80 then '70_79'
        when ${ageYears} < 90 then '80_89'
        when ${ageYears} < 100 then '90_99'
        else '100_plus' end`;
      const rows = db
        .selectFrom('assessment_schedule as s')
        .where('s.active', '=', true)
        .where(regionSubtree('s.region_code', region))
        .select(['s.region_code', 's.last_grade'])
        .select(band.as('band'))
        .as('x');
      // Grouped outside: the band expression carries a bound parameter, so it cannot be repeated.
      return db
        .selectFrom(rows)
        .select(['x.region_code', 'x.last_grade', 'x.band'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy(['x.region_code', 'x.last_grade', 'x.band'])
        .execute();
    },

    /**
     * Per month of [from, to]: persons whose previous result fell due that month, how many of them
     * had a newer result published by the end of that month, and results published that month.
     */
    async doneVsDue(region: string, from: string, to: string) {
      const due = await db
        .selectFrom('assessments as a')
        .where(regionSubtree('a.region_code', region))
        .where('a.status', 'in', ['published', 'objected'])
        .where('a.next_due_date', '>=', from)
        .where('a.next_due_date', '<=', to)
        .select([
          sql<string>`to_char(a.next_due_date, 'YYYY-MM')`.as('month'),
          sql<boolean>`exists (select 1 from assessments b where b.county_code = a.county_code and b.person_id = a.person_id
            and b.status in ('published','objected') and b.published_at > a.published_at
            and b.published_date <= (date_trunc('month', a.next_due_date) + interval '1 month - 1 day')::date)`.as('done'),
          'a.next_due_date',
        ])
        .execute();
      const published = await db
        .selectFrom('assessments')
        .where(regionSubtree('region_code', region))
        .where('status', 'in', ['published', 'objected'])
        .where('published_date', '>=', from)
        .where('published_date', '<=', to)
        .select([sql<string>`to_char(published_date, 'YYYY-MM')`.as('month'), 'reason'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy([sql`to_char(published_date, 'YYYY-MM')`, 'reason'])
        .execute();
      return { due, published };
    },

    async countOpen(region: string): Promise<number> {
      const r = await db
        .selectFrom('assessments')
        .where(regionSubtree('region_code', region))
        .where('status', 'in', openStatuses)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Persons whose result is past due with no newer result (active schedule rows). */
    async countOverdue(region: string, today: string): Promise<number> {
      const r = await db
        .selectFrom('assessment_schedule')
        .where('active', '=', true)
        .where(regionSubtree('region_code', region))
        .where('next_due_date', '<', today)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
