import { sql, type Expression, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import { regionPrefix } from '@yiyang/core';
import { regionSubtree } from '../../platform/scope';
import type {
  ReferralsTable,
  VisitAlertsTable,
  VisitAttachmentsTable,
  VisitRosterTable,
  VisitsTable,
} from './visits.tables';

export type RosterRow = Selectable<VisitRosterTable>;
export type VisitRow = Selectable<VisitsTable>;
export type AlertRow = Selectable<VisitAlertsTable>;
export type ReferralRow = Selectable<ReferralsTable>;
export type AttachmentMetaRow = Omit<Selectable<VisitAttachmentsTable>, 'data'>;

export interface PersonKey {
  county_code: string;
  person_id: string;
}

/** Who may be seen: a region subtree, optionally only one visitor's people. */
export interface RosterScope {
  region: string;
  visitorId?: string | undefined;
}

/**
 * Which period each person is judged in. `current`: each in their own frequency's period;
 * `month`: everyone in the month; `week`: weekly people in the week.
 */
export interface PeriodWindow {
  mode: 'current' | 'week' | 'month';
  week: { start: string; end: string };
  month: { start: string; end: string };
  /** Whether these are the periods containing today (then the roster's projection answers). */
  isCurrent: boolean;
  excludeDeclined: boolean;
}

const ROSTER_COLUMNS = [
  'county_code',
  'person_id',
  'region_code',
  'grid',
  'tags',
  'risk_tier',
  'frequency',
  'active',
  'enrolled_on',
  'removed_on',
  'removed_reason',
  'willingness',
  'willingness_on',
  'contacts',
  'visitor_id',
  'visitor_name',
  'assigned_at',
  'last_visited_on',
  'last_visit_at',
  'sync_run',
  'version',
  'created_at',
  'updated_at',
] as const;

function scopeWhere(s: RosterScope, alias = 'r'): Expression<SqlBool> {
  const region = regionSubtree(`${alias}.region_code`, s.region);
  if (!s.visitorId) return region;
  return sql<SqlBool>`${sql.ref(`${alias}.visitor_id`)} = ${s.visitorId} and ${region}`;
}

/** `(county_code, person_id) in (…)`: the shard key first, so the per-person indexes apply. */
function keyIn(alias: string, keys: PersonKey[]): Expression<SqlBool> {
  const rows = keys.map((k) => sql`(${k.county_code}, ${k.person_id}::uuid)`);
  return sql<SqlBool>`(${sql.ref(`${alias}.county_code`)}, ${sql.ref(`${alias}.person_id`)}) in (${sql.join(rows)})`;
}

/** The record's person is on the roster and assigned to this visitor (a visitor's own people). */
function assignedTo(alias: string, visitorId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from visit_roster vr where vr.county_code = ${sql.ref(`${alias}.county_code`)}
    and vr.person_id = ${sql.ref(`${alias}.person_id`)} and vr.visitor_id = ${visitorId} and vr.active)`;
}

/** Rows due in the window (membership for the period, frequency for week mode, willingness). */
function dueWhere(w: PeriodWindow): Expression<SqlBool> {
  const parts = [];
  if (w.isCurrent) parts.push(sql`r.active`);
  else {
    const end = w.mode === 'week' ? w.week.end : w.month.end;
    // On the roster at the end of the period (current mode: at the end of the month, the later one).
    parts.push(sql`r.enrolled_on <= ${end}::date and (r.removed_on is null or r.removed_on > ${end}::date)`);
  }
  if (w.mode === 'week') parts.push(sql`r.frequency = 'weekly'`);
  if (w.excludeDeclined) parts.push(sql`r.willingness <> 'declined'`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * Visits in a region subtree, by the shard key first: `county_code` (equal for a county or below,
 * a prefix above) then the region, so `visits_county_day_idx` serves it.
 */
export function visitsInRegion(alias: string, region: string): Expression<SqlBool> {
  const prefix = regionPrefix(region);
  if (prefix === '') return sql<SqlBool>`true`;
  const county = sql.ref(`${alias}.county_code`);
  if (prefix.length >= 6) return sql<SqlBool>`${county} = ${prefix.slice(0, 6)} and ${regionSubtree(`${alias}.region_code`, region)}`;
  return sql<SqlBool>`${county} like ${prefix + '%'}`;
}

/**
 * Whether the person was visited (successfully) in their period of the window. Current periods:
 * the roster's `last_visited_on`. Past periods: the people with a visit in that period, found by
 * a range scan of the region's visits in those dates (hashed), not a probe per person.
 */
function visitedExpr(w: PeriodWindow, region: string): Expression<SqlBool> {
  if (w.isCurrent) {
    if (w.mode === 'week') return sql<SqlBool>`coalesce(r.last_visited_on >= ${w.week.start}::date, false)`;
    if (w.mode === 'month') return sql<SqlBool>`coalesce(r.last_visited_on >= ${w.month.start}::date, false)`;
    return sql<SqlBool>`coalesce(r.last_visited_on >= case when r.frequency = 'weekly' then ${w.week.start}::date else ${w.month.start}::date end, false)`;
  }
  const range = (p: { start: string; end: string }) =>
    sql<SqlBool>`(r.county_code, r.person_id) in (select v.county_code, v.person_id from visits v where ${visitsInRegion('v', region)}
      and v.visited_on between ${p.start}::date and ${p.end}::date and v.outcome = 'visited')`;
  if (w.mode === 'week') return range(w.week);
  if (w.mode === 'month') return range(w.month);
  return sql<SqlBool>`(case when r.frequency = 'weekly' then ${range(w.week)} else ${range(w.month)} end)`;
}

export function createVisitsRepository(db: Executor) {
  return {
    // ---- roster -----------------------------------------------------------------------------
    async findRoster(personId: string, ex: Executor = db, forUpdate = false): Promise<RosterRow | undefined> {
      let q = ex.selectFrom('visit_roster').select(ROSTER_COLUMNS).where('person_id', '=', personId);
      if (forUpdate) q = q.forUpdate();
      return q.executeTakeFirst();
    },

    async findRosterMany(personIds: string[], ex: Executor = db): Promise<RosterRow[]> {
      if (personIds.length === 0) return [];
      return ex.selectFrom('visit_roster').select(ROSTER_COLUMNS).where('person_id', 'in', personIds).execute();
    },

    async insertRoster(values: Insertable<VisitRosterTable>, ex: Executor): Promise<void> {
      await ex
        .insertInto('visit_roster')
        .values({ ...values, contacts: sql`${JSON.stringify(values.contacts ?? [])}::jsonb` } as Insertable<VisitRosterTable>)
        .execute();
    },

    /** Update a roster row; with `version`, only if it still has that version (409 otherwise). */
    async updateRoster(key: PersonKey, values: Updateable<VisitRosterTable>, ex: Executor, version?: number): Promise<boolean> {
      const set: Record<string, unknown> = { ...values, updated_at: new Date() };
      if (values.contacts !== undefined) set.contacts = sql`${JSON.stringify(values.contacts)}::jsonb`;
      let q = ex
        .updateTable('visit_roster')
        .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
        .where('county_code', '=', key.county_code)
        .where('person_id', '=', key.person_id);
      if (version !== undefined) q = q.where('version', '=', version);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async markSeen(keys: PersonKey[], syncRun: string, ex: Executor): Promise<void> {
      if (keys.length === 0) return;
      await ex
        .updateTable('visit_roster')
        .set({ sync_run: syncRun })
        .where('person_id', 'in', keys.map((k) => k.person_id))
        .execute();
    },

    async staleActive(region: string, syncRun: string, limit: number, ex: Executor = db): Promise<RosterRow[]> {
      return ex
        .selectFrom('visit_roster as r')
        .select(ROSTER_COLUMNS.map((c) => `r.${c}` as const))
        .where('r.active', '=', true)
        .where(regionSubtree('r.region_code', region))
        .where((eb) => eb.or([eb('r.sync_run', 'is', null), eb('r.sync_run', '!=', syncRun)]))
        .orderBy('r.person_id')
        .limit(limit)
        .execute();
    },

    async addHistory(ex: Executor, rows: Array<PersonKey & { change: string; details?: unknown; actor: string | null; at?: Date }>): Promise<void> {
      if (rows.length === 0) return;
      await ex
        .insertInto('visit_roster_history')
        .values(
          rows.map((r) => ({
            county_code: r.county_code,
            person_id: r.person_id,
            change: r.change,
            details: sql`${JSON.stringify(r.details ?? {})}::jsonb`,
            actor: r.actor,
            ...(r.at ? { at: r.at } : {}),
          })),
        )
        .execute();
    },

    async history(key: PersonKey, limit: number, ex: Executor = db) {
      return ex
        .selectFrom('visit_roster_history')
        .select(['at', 'change', 'details', 'actor'])
        .where('county_code', '=', key.county_code)
        .where('person_id', '=', key.person_id)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },

    async listRoster(f: RosterScope & {
      unassigned?: boolean | undefined;
      tag?: string | undefined;
      willingness?: string | undefined;
      riskTier?: string | undefined;
      frequency?: string | undefined;
      grid?: string | undefined;
      active: boolean;
      limit: number;
      offset: number;
    }): Promise<{ rows: RosterRow[]; total: number }> {
      let q = db.selectFrom('visit_roster as r').where(scopeWhere(f)).where('r.active', '=', f.active);
      if (f.unassigned) q = q.where('r.visitor_id', 'is', null);
      if (f.tag) q = q.where(sql<SqlBool>`${f.tag} = any(r.tags)`);
      if (f.willingness) q = q.where('r.willingness', '=', f.willingness as RosterRow['willingness']);
      if (f.riskTier) q = q.where('r.risk_tier', '=', f.riskTier as RosterRow['risk_tier']);
      if (f.frequency) q = q.where('r.frequency', '=', f.frequency as RosterRow['frequency']);
      if (f.grid) q = q.where('r.grid', '=', f.grid);
      const [rows, n] = await Promise.all([
        q.select(ROSTER_COLUMNS.map((c) => `r.${c}` as const)).orderBy('r.region_code').orderBy('r.person_id').limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(n.n) };
    },

    /** Active roster people of a region (optionally a grid) for bulk assignment. */
    async activeInRegion(region: string, grid: string | undefined, onlyUnassigned: boolean, ex: Executor): Promise<RosterRow[]> {
      let q = ex.selectFrom('visit_roster as r').select(ROSTER_COLUMNS.map((c) => `r.${c}` as const)).where('r.active', '=', true).where(regionSubtree('r.region_code', region));
      if (grid) q = q.where('r.grid', '=', grid);
      if (onlyUnassigned) q = q.where('r.visitor_id', 'is', null);
      return q.orderBy('r.person_id').forUpdate().execute();
    },

    async setVisitor(personIds: string[], visitor: { id: string; name: string } | null, at: Date, ex: Executor): Promise<number> {
      if (personIds.length === 0) return 0;
      const r = await ex
        .updateTable('visit_roster')
        .set((eb) => ({
          visitor_id: visitor?.id ?? null,
          visitor_name: visitor?.name ?? null,
          assigned_at: visitor ? at : null,
          updated_at: at,
          version: eb('version', '+', 1),
        }))
        .where('person_id', 'in', personIds)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async countAssigned(visitorIds: string[]): Promise<Map<string, number>> {
      if (visitorIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('visit_roster')
        .select(['visitor_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('active', '=', true)
        .where('visitor_id', 'in', visitorIds)
        .groupBy('visitor_id')
        .execute();
      return new Map(rows.map((r) => [r.visitor_id!, Number(r.n)]));
    },

    // ---- due list and rate ---------------------------------------------------------------------
    async rate(scope: RosterScope, w: PeriodWindow): Promise<{ due: number; visited: number; declined: number }> {
      const due = dueWhere(w);
      const r = await db
        .selectFrom('visit_roster as r')
        .where(scopeWhere(scope))
        .where(w.isCurrent ? sql<SqlBool>`r.active` : sql<SqlBool>`true`)
        .select([
          sql<number>`count(*) filter (where ${due})`.as('due'),
          sql<number>`count(*) filter (where ${due} and ${visitedExpr(w, scope.region)})`.as('visited'),
          sql<number>`count(*) filter (where r.willingness = 'declined' and ${dueWhere({ ...w, excludeDeclined: false })})`.as('declined'),
        ])
        .executeTakeFirstOrThrow();
      return { due: Number(r.due), visited: Number(r.visited), declined: Number(r.declined) };
    },

    /** Rates per child region (prefix of `childLength` characters). */
    async rateByPrefix(scope: RosterScope, w: PeriodWindow, childLength: number) {
      const due = dueWhere(w);
      const child = sql<string>`substr(r.region_code, 1, ${sql.lit(childLength)})`;
      const rows = await db
        .selectFrom('visit_roster as r')
        .where(scopeWhere(scope))
        .where(due)
        .select([child.as('prefix'), sql<number>`count(*)`.as('due'), sql<number>`count(*) filter (where ${visitedExpr(w, scope.region)})`.as('visited')])
        .groupBy(child)
        .orderBy(child)
        .execute();
      return rows.map((r) => ({ prefix: r.prefix, due: Number(r.due), visited: Number(r.visited) }));
    },

    /** People due and not yet visited in their period, in region order. */
    async dueList(scope: RosterScope, w: PeriodWindow, limit: number, offset: number): Promise<{ rows: RosterRow[]; total: number }> {
      const q = db.selectFrom('visit_roster as r').where(scopeWhere(scope)).where(dueWhere(w)).where(sql<SqlBool>`not ${visitedExpr(w, scope.region)}`);
      const [rows, n] = await Promise.all([
        q.select(ROSTER_COLUMNS.map((c) => `r.${c}` as const)).orderBy('r.region_code').orderBy('r.person_id').limit(limit).offset(offset).execute(),
        q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(n.n) };
    },

    // ---- visits -------------------------------------------------------------------------------
    async insertVisit(values: Insertable<VisitsTable>, ex: Executor): Promise<VisitRow> {
      return ex
        .insertInto('visits')
        .values({ ...values, findings: sql`${JSON.stringify(values.findings ?? {})}::jsonb` })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Bulk insert (demo history, benchmarks); callers refresh the roster's last visit after. */
    async insertVisits(rows: Array<Insertable<VisitsTable>>, ex: Executor): Promise<void> {
      for (let i = 0; i < rows.length; i += 500) {
        await ex
          .insertInto('visits')
          .values(rows.slice(i, i + 500).map((v) => ({ ...v, findings: sql`${JSON.stringify(v.findings ?? {})}::jsonb` })))
          .execute();
      }
    },

    /** Recompute the roster's latest successful visit from the visits (idempotent). */
    async refreshLastVisit(keys: PersonKey[], ex: Executor): Promise<void> {
      if (keys.length === 0) return;
      await sql`
        update visit_roster r set last_visited_on = s.last_on, last_visit_at = s.last_at
        from (
          select v.county_code, v.person_id, max(v.visited_on) as last_on, max(v.visited_at) as last_at
          from visits v where ${keyIn('v', keys)} and v.outcome = 'visited'
          group by v.county_code, v.person_id
        ) s
        where r.county_code = s.county_code and r.person_id = s.person_id`.execute(ex);
    },

    async findVisit(id: string, ex: Executor = db): Promise<VisitRow | undefined> {
      return ex.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Failed contacts of a person since a date and after an instant (the last successful visit). */
    async failedSince(key: PersonKey, sinceDate: string, after: Date | null, ex: Executor): Promise<number> {
      let q = ex
        .selectFrom('visits')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('county_code', '=', key.county_code)
        .where('person_id', '=', key.person_id)
        .where('visited_on', '>=', sinceDate)
        .where('outcome', '=', 'not_reached');
      if (after) q = q.where('visited_at', '>', after);
      return Number((await q.executeTakeFirstOrThrow()).n);
    },

    async failedContacts(keys: PersonKey[], sinceDate: string): Promise<Array<{ person_id: string; visited_on: string; visited_at: Date }>> {
      if (keys.length === 0) return [];
      return db
        .selectFrom('visits as v')
        .select(['v.person_id', 'v.visited_on', 'v.visited_at'])
        .where(keyIn('v', keys))
        .where('v.visited_on', '>=', sinceDate)
        .where('v.outcome', '=', 'not_reached')
        .execute();
    },

    async listVisits(f: RosterScope & { personId?: string | undefined; recorderId?: string | undefined; outcome?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number; offset: number }) {
      let q = db.selectFrom('visits as v').where(visitsInRegion('v', f.region));
      // A visitor sees the visits of the people assigned to them.
      if (f.visitorId) q = q.where(assignedTo('v', f.visitorId));
      if (f.personId) q = q.where('v.person_id', '=', f.personId);
      if (f.recorderId) q = q.where('v.visitor_id', '=', f.recorderId);
      if (f.outcome) q = q.where('v.outcome', '=', f.outcome as VisitRow['outcome']);
      if (f.from) q = q.where('v.visited_on', '>=', f.from);
      if (f.to) q = q.where('v.visited_on', '<=', f.to);
      const [rows, n] = await Promise.all([
        q.selectAll('v').orderBy('v.visited_on', 'desc').orderBy('v.visited_at', 'desc').orderBy('v.id').limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(n.n) };
    },

    async visitsOfPerson(key: PersonKey, limit: number, ex: Executor = db): Promise<VisitRow[]> {
      return ex
        .selectFrom('visits')
        .selectAll()
        .where('county_code', '=', key.county_code)
        .where('person_id', '=', key.person_id)
        .orderBy('visited_at', 'desc')
        .limit(limit)
        .execute();
    },

    // ---- attachments --------------------------------------------------------------------------
    async insertAttachment(values: Insertable<VisitAttachmentsTable>, ex: Executor): Promise<AttachmentMetaRow> {
      return ex
        .insertInto('visit_attachments')
        .values(values)
        .returning(['county_code', 'person_id', 'visit_id', 'id', 'content_type', 'byte_size', 'sha256', 'created_at', 'created_by'])
        .executeTakeFirstOrThrow();
    },

    async attachmentsOf(visitIds: string[], ex: Executor = db): Promise<AttachmentMetaRow[]> {
      if (visitIds.length === 0) return [];
      return ex
        .selectFrom('visit_attachments')
        .select(['county_code', 'person_id', 'visit_id', 'id', 'content_type', 'byte_size', 'sha256', 'created_at', 'created_by'])
        .where('visit_id', 'in', visitIds)
        .orderBy('created_at')
        .execute();
    },

    async attachmentData(visitId: string, id: string): Promise<{ content_type: string; data: Uint8Array } | undefined> {
      return db.selectFrom('visit_attachments').select(['content_type', 'data']).where('visit_id', '=', visitId).where('id', '=', id).executeTakeFirst();
    },

    // ---- alerts -------------------------------------------------------------------------------
    /** Raise an alert unless one of the same kind is already open for the person. */
    async raiseAlert(values: Insertable<VisitAlertsTable>, ex: Executor): Promise<AlertRow | undefined> {
      return ex
        .insertInto('visit_alerts')
        .values(values)
        .onConflict((oc) => oc.columns(['county_code', 'person_id', 'kind']).where('status', '=', 'open').doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    /**
     * Overdue alerts for everyone on the roster of `region` whose previous period (by frequency)
     * passed without a successful visit and who has not been visited since. One statement.
     */
    async raiseOverdue(region: string, p: { prevWeek: { start: string; end: string }; prevMonth: { start: string; end: string }; at: Date; deadline: Date; excludeDeclined: boolean }, ex: Executor): Promise<number> {
      const r = await sql`
        insert into visit_alerts (county_code, person_id, region_code, kind, period_key, reason, raised_at, deadline_at)
        select r.county_code, r.person_id, r.region_code, 'overdue',
               case when r.frequency = 'weekly' then ${'week:' + p.prevWeek.start} else ${'month:' + p.prevMonth.start.slice(0, 7)} end,
               case when r.frequency = 'weekly' then ${`上周（${p.prevWeek.start}至${p.prevWeek.end}）未探访`}
                    else ${`上月（${p.prevMonth.start.slice(0, 7)}）未探访`} end,
               ${p.at}, ${p.deadline}
        from visit_roster r
        where r.active and ${regionSubtree('r.region_code', region)}
          and (${!p.excludeDeclined} or r.willingness <> 'declined')
          and r.enrolled_on <= case when r.frequency = 'weekly' then ${p.prevWeek.end}::date else ${p.prevMonth.end}::date end
          and (r.last_visited_on is null or r.last_visited_on < case when r.frequency = 'weekly' then ${p.prevWeek.start}::date else ${p.prevMonth.start}::date end)
          and not exists (
            select 1 from visit_alerts a where a.county_code = r.county_code and a.person_id = r.person_id and a.kind = 'overdue'
              and (a.status = 'open' or a.period_key = case when r.frequency = 'weekly' then ${'week:' + p.prevWeek.start} else ${'month:' + p.prevMonth.start.slice(0, 7)} end))
        on conflict do nothing`.execute(ex);
      return Number(r.numAffectedRows ?? 0);
    },

    /** Resolve a person's open alerts of the given kinds (an on-site visit, a death). */
    async resolveAlerts(key: PersonKey, kinds: AlertRow['kind'][], r: { at: Date; by: string | null; resolution: string; visitId: string | null }, ex: Executor): Promise<AlertRow[]> {
      if (kinds.length === 0) return [];
      return ex
        .updateTable('visit_alerts')
        .set((eb) => ({ status: 'resolved', resolved_at: r.at, resolved_by: r.by, resolution: r.resolution, resolution_visit_id: r.visitId, version: eb('version', '+', 1) }))
        .where('county_code', '=', key.county_code)
        .where('person_id', '=', key.person_id)
        .where('status', '=', 'open')
        .where('kind', 'in', kinds)
        .returningAll()
        .execute();
    },

    async findAlert(id: string, ex: Executor = db): Promise<AlertRow | undefined> {
      return ex.selectFrom('visit_alerts').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async updateAlert(a: AlertRow, values: Updateable<VisitAlertsTable>, version: number, ex: Executor): Promise<boolean> {
      const r = await ex
        .updateTable('visit_alerts')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('county_code', '=', a.county_code)
        .where('id', '=', a.id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async alertsOfPerson(key: PersonKey, ex: Executor = db): Promise<AlertRow[]> {
      return ex.selectFrom('visit_alerts').selectAll().where('county_code', '=', key.county_code).where('person_id', '=', key.person_id).orderBy('raised_at', 'desc').limit(50).execute();
    },

    async alertsOfVisit(visitIds: string[], ex: Executor = db): Promise<AlertRow[]> {
      if (visitIds.length === 0) return [];
      return ex.selectFrom('visit_alerts').selectAll().where('source_visit_id', 'in', visitIds).execute();
    },

    async openAlertCounts(keys: PersonKey[]): Promise<Map<string, number>> {
      if (keys.length === 0) return new Map();
      const rows = await db
        .selectFrom('visit_alerts as a')
        .select(['a.person_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where(keyIn('a', keys))
        .where('a.status', '=', 'open')
        .groupBy('a.person_id')
        .execute();
      return new Map(rows.map((r) => [r.person_id, Number(r.n)]));
    },

    async listAlerts(f: RosterScope & { status?: string | undefined; kind?: string | undefined; overdueAt?: Date | undefined; limit: number; offset: number }) {
      let q = db.selectFrom('visit_alerts as a').where(regionSubtree('a.region_code', f.region));
      if (f.visitorId) q = q.where(assignedTo('a', f.visitorId));
      if (f.status) q = q.where('a.status', '=', f.status as AlertRow['status']);
      if (f.kind) q = q.where('a.kind', '=', f.kind as AlertRow['kind']);
      if (f.overdueAt) q = q.where('a.status', '=', 'open').where('a.deadline_at', '<', f.overdueAt);
      const [rows, n] = await Promise.all([
        q.selectAll('a').orderBy('a.status', 'desc').orderBy('a.deadline_at').orderBy('a.id').limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(n.n) };
    },

    // ---- referrals ----------------------------------------------------------------------------
    async insertReferral(values: Insertable<ReferralsTable>, ex: Executor): Promise<ReferralRow> {
      return ex.insertInto('referrals').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async referralsOfSource(sourceModule: string, sourceIds: string[], ex: Executor = db): Promise<ReferralRow[]> {
      if (sourceIds.length === 0) return [];
      return ex.selectFrom('referrals').selectAll().where('source_module', '=', sourceModule).where('source_id', 'in', sourceIds).orderBy('created_at').execute();
    },

    async findReferral(id: string, ex: Executor = db): Promise<ReferralRow | undefined> {
      return ex.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async updateReferral(r: ReferralRow, values: Updateable<ReferralsTable>, version: number, ex: Executor): Promise<boolean> {
      const res = await ex
        .updateTable('referrals')
        .set((eb) => ({ ...values, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('county_code', '=', r.county_code)
        .where('id', '=', r.id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async listReferrals(f: RosterScope & { status?: string | undefined; targetModule?: string | undefined; limit: number; offset: number }) {
      let q = db.selectFrom('referrals as f').where(regionSubtree('f.region_code', f.region));
      if (f.visitorId) q = q.where(assignedTo('f', f.visitorId));
      if (f.status) q = q.where('f.status', '=', f.status as ReferralRow['status']);
      if (f.targetModule) q = q.where('f.target_module', '=', f.targetModule as ReferralRow['target_module']);
      const [rows, n] = await Promise.all([
        q.selectAll('f').orderBy('f.created_at', 'desc').orderBy('f.id').limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(n.n) };
    },
  };
}
export type VisitsRepository = ReturnType<typeof createVisitsRepository>;
