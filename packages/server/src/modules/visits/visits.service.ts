/**
 * Visiting care for special-hardship elderly (特殊困难老年人探访关爱): roster, assignment to
 * visitors, due lists per period, visit records with findings and referrals, escalation and the
 * visit rate. 000 三(二)7 (月探访率100%), 002 二(一)3 and 附件 第16项, 003 二(二)4 (周探访率100%),
 * 004 二(二)4; national guidance in standards.md §5.2.
 *
 * Scope: staff see the roster of their region subtree. A user without registry access
 * (`persons:read`) — the visitor role (网格员/志愿者) — sees only the people assigned to them.
 */
import { createHash } from 'node:crypto';
import {
  addDays,
  ageOn,
  chinaDateOf,
  codeFromPrefix,
  conflict,
  findingsShowDanger,
  forbidden,
  invalid,
  maskPhone,
  normaliseFindings,
  notFound,
  periodKindOf,
  periodOf,
  REFERRAL_TARGET,
  regionLevel,
  regionPrefix,
  visitFrequencyFor,
  type AlertQuery,
  type AssignVisitor,
  type VisitDueItem,
  type VisitDueQuery,
  type RateQuery,
  type RecordVisit,
  type ReferralQuery,
  type ReferralRecord,
  type RosterDetail,
  type RosterEntry,
  type RosterQuery,
  type StoredFindings,
  type UpdateRoster,
  type VisitAlert,
  type VisitPolicy,
  type VisitQuery,
  type VisitRate,
  type VisitRecord,
} from '@yiyang/core';
import type { z } from 'zod';
import type { UpdateReferral } from '@yiyang/core';
import type { FieldCrypto } from '../../crypto/field-crypto';
import type { Db, Executor } from '../../db/database';
import type { EventBus } from '../../jobs/events';
import type { JobQueue } from '../../jobs/queue';
import type { Actor } from '../../platform/actor';
import { systemActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { assertRegionInScope, canAccessRegion, effectiveRegion, hasPermission, requirePermission } from '../../platform/scope';
import type { AssessmentService } from '../assessment';
import type { AuditService } from '../audit';
import type { RegionService } from '../regions';
import type { PersonRef, RegistryService } from '../registry';
import { principalToActor, type UserService } from '../users';
import { checkPhoto, isPhotoType, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_VISIT, readBounded } from './photo-check';
import { createRosterSync, type PersonState } from './roster-sync';
import type { VisitPolicyProvider } from './visit-policy';
import { parseVisitedAt, periodWindow, previousPeriods } from './visit-time';
import { createVisitsRepository, type AlertRow, type AttachmentMetaRow, type ReferralRow, type RosterRow, type RosterScope, type VisitRow } from './visits.repository';
import type { StoredContact } from './visits.tables';

/** The `visit.referral` event: a need found on a visit, for the target module's queue. */
export interface VisitReferralEvent {
  referral_id: string;
  county_code: string;
  person_id: string;
  region_code: string;
  target_module: string;
  kind: string;
  need: string;
  visit_id: string;
}
export const VISIT_REFERRAL_EVENT = 'visit.referral';

const FUTURE_TOLERANCE_MS = 10 * 60_000;
const MAX_AGE_MS = 366 * 24 * 3600_000;
const NO_USER = '00000000-0000-0000-0000-000000000000';

export function createVisitsService(deps: {
  db: Db;
  audit: AuditService;
  registry: RegistryService;
  regions: RegionService;
  users: UserService;
  crypto: FieldCrypto;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  policy: VisitPolicyProvider;
  /** Assessment referrals become immediate-assessment requests there (即时评估), in the visit's transaction. */
  assessment?: Pick<AssessmentService, 'reportMarkedChange'>;
}) {
  const { db, audit, registry, regions, users, crypto, clock, events, jobs, policy, assessment } = deps;
  const repo = createVisitsRepository(db);
  const sync = createRosterSync({ db, repo, registry, policy, clock });

  // ---- scope -----------------------------------------------------------------------------------

  /** Visitors (no registry access) see only their own people. */
  function visitorOnly(actor: Actor): boolean {
    return !hasPermission(actor, 'persons:read');
  }

  function scopeOf(actor: Actor, region?: string, visitorId?: string): RosterScope {
    requirePermission(actor, 'visits:read');
    const r = effectiveRegion(actor, region);
    if (visitorOnly(actor)) {
      if (visitorId && visitorId !== actor.userId) throw forbidden('VISITOR_SCOPE', '探访员只能查看分配给本人的探访对象');
      return { region: r, visitorId: actor.userId ?? NO_USER };
    }
    return { region: r, visitorId };
  }

  function rosterVisible(actor: Actor, row: RosterRow | undefined): row is RosterRow {
    if (!row || !canAccessRegion(actor, row.region_code)) return false;
    return !visitorOnly(actor) || (row.active && row.visitor_id === actor.userId);
  }

  async function rosterInScope(actor: Actor, personId: string): Promise<RosterRow> {
    const row = await repo.findRoster(personId);
    if (!rosterVisible(actor, row)) throw notFound('ROSTER_NOT_FOUND', '探访对象不存在或不在您的数据权限范围内');
    return row;
  }

  // ---- presentation ----------------------------------------------------------------------------

  async function people(ids: string[]): Promise<Map<string, PersonRef>> {
    const refs = await Promise.all([...new Set(ids)].map((id) => registry.findRef(id)));
    return new Map(refs.filter((r): r is PersonRef => !!r).map((r) => [r.id, r]));
  }

  function personFields(p: PersonRef | undefined) {
    return {
      name: p?.name ?? null,
      sex: p?.sex ?? null,
      age: p?.birth_date ? ageOn(p.birth_date, clock.today()) : null,
    };
  }

  function contactsOut(c: StoredContact[]) {
    return c.map((x) => ({ name: x.name, relation: x.relation, phone: x.phone_masked }));
  }

  function rosterEntry(r: RosterRow, p: PersonRef | undefined, regionName: string | undefined): RosterEntry {
    return {
      person_id: r.person_id,
      ...personFields(p),
      region_code: r.region_code,
      region_name: regionName ?? null,
      grid: r.grid,
      tags: r.tags,
      risk_tier: r.risk_tier,
      frequency: r.frequency,
      active: r.active,
      enrolled_on: r.enrolled_on,
      removed_on: r.removed_on,
      removed_reason: r.removed_reason,
      willingness: r.willingness,
      willingness_on: r.willingness_on,
      contacts: contactsOut(r.contacts),
      visitor_id: r.visitor_id,
      visitor_name: r.visitor_name,
      last_visited_on: r.last_visited_on,
      version: r.version,
    };
  }

  async function rosterEntries(rows: RosterRow[]): Promise<RosterEntry[]> {
    const [ps, names] = await Promise.all([people(rows.map((r) => r.person_id)), regions.namesOf(rows.map((r) => r.region_code))]);
    return rows.map((r) => rosterEntry(r, ps.get(r.person_id), names.get(r.region_code)));
  }

  function alertOut(a: AlertRow, name: string | null, regionName: string | null): VisitAlert {
    return {
      id: a.id,
      person_id: a.person_id,
      person_name: name,
      region_code: a.region_code,
      region_name: regionName,
      kind: a.kind,
      reason: a.reason,
      period_key: a.period_key,
      source_visit_id: a.source_visit_id,
      raised_at: a.raised_at.toISOString(),
      deadline_at: a.deadline_at.toISOString(),
      overdue: a.status === 'open' && a.deadline_at.getTime() < clock.now().getTime(),
      status: a.status,
      resolved_at: a.resolved_at ? a.resolved_at.toISOString() : null,
      resolution: a.resolution,
      resolution_visit_id: a.resolution_visit_id,
      version: a.version,
    };
  }

  async function alertsOut(rows: AlertRow[]): Promise<VisitAlert[]> {
    const [ps, names] = await Promise.all([people(rows.map((r) => r.person_id)), regions.namesOf(rows.map((r) => r.region_code))]);
    return rows.map((a) => alertOut(a, ps.get(a.person_id)?.name ?? null, names.get(a.region_code) ?? null));
  }

  function referralOut(f: ReferralRow, name: string | null): ReferralRecord {
    return {
      id: f.id,
      person_id: f.person_id,
      person_name: name,
      region_code: f.region_code,
      source_module: f.source_module,
      source_id: f.source_id,
      target_module: f.target_module,
      kind: f.kind,
      need: f.need,
      status: f.status,
      target_ref: f.target_ref,
      note: f.note,
      created_at: f.created_at.toISOString(),
      updated_at: f.updated_at.toISOString(),
      version: f.version,
    };
  }

  async function visitRecords(rows: VisitRow[], ex: Executor = db): Promise<VisitRecord[]> {
    const ids = rows.map((v) => v.id);
    const [ps, refs, atts, alerts] = await Promise.all([
      ex === db ? people(rows.map((r) => r.person_id)) : Promise.resolve(new Map<string, PersonRef>()),
      repo.referralsOfSource('visits', ids, ex),
      repo.attachmentsOf(ids, ex),
      repo.alertsOfVisit(ids, ex),
    ]);
    return rows.map((v) => {
      const name = ps.get(v.person_id)?.name ?? null;
      return {
        id: v.id,
        person_id: v.person_id,
        person_name: name,
        region_code: v.region_code,
        visitor_id: v.visitor_id,
        visitor_name: v.visitor_name,
        mode: v.mode,
        outcome: v.outcome,
        visited_at: v.visited_at.toISOString(),
        visited_on: v.visited_on,
        findings: v.findings as VisitRecord['findings'],
        risk_level: v.risk_level,
        danger: v.danger,
        needs: v.needs,
        note: v.note,
        referrals: refs.filter((f) => f.source_id === v.id).map((f) => referralOut(f, name)),
        attachments: atts.filter((a) => a.visit_id === v.id).map(attachmentOut),
        alerts: alerts.filter((a) => a.source_visit_id === v.id).map((a) => alertOut(a, name, null)),
        recorded_at: v.recorded_at.toISOString(),
      };
    });
  }

  function attachmentOut(a: AttachmentMetaRow) {
    return { id: a.id, content_type: a.content_type, byte_size: a.byte_size, created_at: a.created_at.toISOString() };
  }

  async function displayName(actor: Actor): Promise<string> {
    if (!actor.userId) return actor.username;
    return (await users.principal(actor.userId))?.user.display_name ?? actor.username;
  }

  async function policyFor(countyCode: string, ex: Executor = db): Promise<VisitPolicy> {
    return policy.forCounty(countyCode, clock.today(), ex);
  }

  /** Policy of the county the region lies in (a region above county level: the national default). */
  async function policyForRegion(region: string): Promise<VisitPolicy> {
    const level = regionLevel(region);
    return policyFor(level === 'county' || level === 'township' || level === 'village' ? region.slice(0, 6) : region);
  }

  // ---- escalation ------------------------------------------------------------------------------

  function hoursFrom(now: Date, h: number): Date {
    return new Date(now.getTime() + h * 3600_000);
  }

  async function getRoster(actor: Actor, personId: string): Promise<RosterDetail> {
    requirePermission(actor, 'visits:read');
    const row = await rosterInScope(actor, personId);
    const [entry] = await rosterEntries([row]);
    const [visits, alerts, history] = await Promise.all([repo.visitsOfPerson(row, 20), repo.alertsOfPerson(row), repo.history(row, 50)]);
    return {
      ...entry!,
      visits: await visitRecords(visits),
      alerts: await alertsOut(alerts),
      history: history.map((h) => ({ at: h.at.toISOString(), change: h.change, details: (h.details ?? {}) as Record<string, unknown>, actor: h.actor })),
    };
  }

  async function assertVisitVisible(actor: Actor, v: VisitRow): Promise<void> {
    const row = await repo.findRoster(v.person_id);
    const ok = canAccessRegion(actor, v.region_code) && (!visitorOnly(actor) || rosterVisible(actor, row));
    if (!ok) throw notFound('VISIT_NOT_FOUND', '探访记录不存在或不在您的数据权限范围内');
  }

  /** For target modules (services, assessment, benefits) taking a referral into their queue. */
  async function setReferralStatus(trx: Executor, actor: Actor, f: ReferralRow, input: { status: 'accepted' | 'done' | 'rejected'; note?: string | undefined; target_ref?: string | undefined; version: number }) {
    if (f.status === 'done' || f.status === 'rejected') throw conflict('REFERRAL_CLOSED', '该转介已办结');
    const ok = await repo.updateReferral(f, { status: input.status, note: input.note ?? f.note, target_ref: input.target_ref ?? f.target_ref, updated_by: actor.userId }, input.version, trx);
    if (!ok) throw conflict('VERSION_CONFLICT', '该转介已被他人处理，请刷新后重试');
    await audit.record(trx, actor, { action: 'visits.referral_update', entityType: 'referral', entityId: f.id, regionCode: f.region_code, details: { from: f.status, to: input.status, target_ref: input.target_ref ?? null } });
  }

  return {
    sync,
    onPersonChanged: (s: PersonState) => sync.onPersonChanged(s),
    onPersonDied: (p: { county_code: string; person_id: string; death_date?: string | null }) => sync.onPersonDied(p),
    onPersonMoved: (p: { person_id: string; to_region: string }) => sync.onPersonMoved(p),

    // ---- roster --------------------------------------------------------------------------------
    async listRoster(actor: Actor, q: RosterQuery): Promise<{ items: RosterEntry[]; total: number }> {
      const scope = scopeOf(actor, q.region, q.visitor_id);
      const { rows, total } = await repo.listRoster({
        ...scope,
        unassigned: q.unassigned,
        tag: q.tag,
        willingness: q.willingness,
        riskTier: q.risk_tier,
        frequency: q.frequency,
        grid: q.grid,
        active: q.status === 'active',
        limit: q.page_size,
        offset: (q.page - 1) * q.page_size,
      });
      return { items: await rosterEntries(rows), total };
    },

    getRoster,

    /** Willingness (意愿), relatives' contacts, grid and risk tier. */
    async updateRoster(actor: Actor, personId: string, input: UpdateRoster): Promise<RosterDetail> {
      requirePermission(actor, 'visits:write');
      const before = await rosterInScope(actor, personId);
      if (!before.active) throw conflict('NOT_ON_ROSTER', '该老人已不在探访名单中');
      if (input.willingness_on && input.willingness_on > clock.today()) throw invalid('WILLINGNESS_DATE_FUTURE', '意愿登记日期不能晚于今天');
      if ((input.grid !== undefined || input.risk_tier !== undefined) && visitorOnly(actor)) {
        throw forbidden('VISITOR_SCOPE', '网格和风险等级由社区工作人员维护');
      }
      const pol = await policyFor(before.county_code);
      await db.transaction().execute(async (trx) => {
        const values: Record<string, unknown> = {};
        const history: Array<{ change: string; details: unknown }> = [];
        if (input.willingness !== undefined) {
          values.willingness = input.willingness;
          values.willingness_on = input.willingness_on ?? clock.today();
          history.push({ change: 'willingness', details: { from: before.willingness, to: input.willingness, on: values.willingness_on } });
        }
        if (input.contacts !== undefined) {
          values.contacts = input.contacts.map((c): StoredContact => {
            // No phone given: keep the stored one of the same contact (the client only ever saw it masked).
            const kept = c.phone === undefined ? before.contacts.find((x) => x.name === c.name && x.relation === c.relation) : undefined;
            if (kept) return kept;
            const phone = c.phone ? c.phone.replace(/[\s-]/g, '') : null;
            if (phone && !/^\+?\d{7,15}$/.test(phone)) throw invalid('PHONE_INVALID', `联系人“${c.name}”的电话格式不正确`);
            return { name: c.name, relation: c.relation, phone_enc: phone ? crypto.encrypt(phone) : null, phone_masked: phone ? maskPhone(phone) : null };
          });
          history.push({ change: 'contacts', details: { count: input.contacts.length } });
        }
        if (input.grid !== undefined) {
          values.grid = input.grid || null;
          history.push({ change: 'grid', details: { from: before.grid, to: values.grid } });
        }
        if (input.risk_tier !== undefined && input.risk_tier !== before.risk_tier) {
          values.risk_tier = input.risk_tier;
          values.frequency = visitFrequencyFor(pol, before.tags, input.risk_tier);
          history.push({ change: 'risk', details: { from: before.risk_tier, to: input.risk_tier, frequency: values.frequency, source: 'manual' } });
        }
        const ok = await repo.updateRoster(before, values, trx, input.version);
        if (!ok) throw conflict('VERSION_CONFLICT', '该探访对象已被他人修改，请刷新后重试');
        await repo.addHistory(trx, history.map((h) => ({ ...before, ...h, actor: actor.username })));
        await audit.record(trx, actor, {
          action: 'visits.roster_update',
          entityType: 'visit_roster',
          entityId: personId,
          regionCode: before.region_code,
          before: { willingness: before.willingness, grid: before.grid, risk_tier: before.risk_tier, contacts: contactsOut(before.contacts) },
          after: { willingness: values.willingness, grid: values.grid, risk_tier: values.risk_tier, contacts: values.contacts ? contactsOut(values.contacts as StoredContact[]) : undefined },
        });
      });
      return getRoster(actor, personId);
    },

    /**
     * Relatives' full phone numbers, to call them: for the assigned visitor (a phone visit needs the
     * number) or staff who may reveal personal data. Every call is audited.
     */
    async revealContacts(actor: Actor, personId: string, reason: string): Promise<{ contacts: Array<{ name: string; relation: string; phone: string | null }> }> {
      requirePermission(actor, 'visits:write');
      const row = await rosterInScope(actor, personId);
      const assigned = row.active && row.visitor_id !== null && row.visitor_id === actor.userId;
      if (!assigned && !hasPermission(actor, 'pii:reveal')) {
        throw forbidden('CONTACTS_REVEAL_FORBIDDEN', '只有负责该老人的探访员或有查看敏感信息权限的人员可以查看完整联系电话');
      }
      const contacts = row.contacts.map((c) => ({ name: c.name, relation: c.relation, phone: c.phone_enc ? crypto.decrypt(c.phone_enc) : null }));
      await audit.record(db, actor, { action: 'visits.contacts_reveal', entityType: 'visit_roster', entityId: personId, regionCode: row.region_code, details: { reason, count: contacts.length } });
      return { contacts };
    },

    /** Users in the region who may visit (hold visits:write), with their current caseload. */
    async visitors(actor: Actor, region?: string) {
      requirePermission(actor, 'visits:assign');
      const r = effectiveRegion(actor, region);
      const reader = { ...systemActor('visits'), regionCode: r };
      const roleCodes = (await users.listRoles(reader)).filter((ro) => ro.permissions.includes('visits:write')).map((ro) => ro.code);
      const found = new Map<string, { id: string; display_name: string; org_name: string; region_code: string; roles: string[] }>();
      for (const role of roleCodes) {
        const { items } = await users.list(reader, { region: r, role, status: 'active', page: 1, page_size: 200 });
        for (const u of items) found.set(u.id, { id: u.id, display_name: u.display_name, org_name: u.org_name, region_code: u.region_code, roles: u.roles });
      }
      const counts = await repo.countAssigned([...found.keys()]);
      const items = [...found.values()].map((u) => ({ ...u, assigned: counts.get(u.id) ?? 0 })).sort((a, b) => a.region_code.localeCompare(b.region_code) || a.display_name.localeCompare(b.display_name, 'zh'));
      return { items, total: items.length };
    },

    /** Assign people to a visitor — listed, or everyone of a community/grid (bulk). */
    async assign(actor: Actor, input: AssignVisitor): Promise<{ assigned: number; person_ids: string[] }> {
      requirePermission(actor, 'visits:assign');
      let visitor: { id: string; name: string; region: string } | null = null;
      if (input.visitor_id) {
        const p = await users.principal(input.visitor_id);
        if (!p || !canAccessRegion(actor, p.org.region_code)) throw notFound('VISITOR_NOT_FOUND', '探访员不存在或不在您的数据权限范围内');
        if (p.user.status !== 'active') throw conflict('VISITOR_INACTIVE', '该探访员账号已停用');
        if (!principalToActor(p).permissions.has('visits:write')) throw invalid('NOT_A_VISITOR', `“${p.user.display_name}”没有登记探访的权限，不能分配探访对象`);
        visitor = { id: p.user.id, name: p.user.display_name, region: p.org.region_code };
      }
      if (input.region) assertRegionInScope(actor, input.region);
      const result = await db.transaction().execute(async (trx) => {
        let rows: RosterRow[];
        if (input.person_ids) {
          rows = await repo.findRosterMany(input.person_ids, trx);
          const visible = rows.filter((r) => r.active && canAccessRegion(actor, r.region_code));
          const missing = input.person_ids.filter((id) => !visible.some((r) => r.person_id === id));
          if (missing.length) throw notFound('ROSTER_NOT_FOUND', `有${missing.length}位老人不在探访名单中或不在您的数据权限范围内`);
          rows = visible.filter((r) => !input.only_unassigned || r.visitor_id === null);
        } else {
          rows = await repo.activeInRegion(input.region!, input.grid, input.only_unassigned, trx);
        }
        if (visitor) {
          const outside = rows.filter((r) => !canAccessRegion({ ...actor, regionCode: visitor!.region }, r.region_code));
          if (outside.length) throw invalid('VISITOR_REGION', `探访员“${visitor.name}”所在机构的辖区不包括其中${outside.length}位老人`);
        }
        const ids = rows.map((r) => r.person_id);
        const n = await repo.setVisitor(ids, visitor ? { id: visitor.id, name: visitor.name } : null, clock.now(), trx);
        await repo.addHistory(
          trx,
          rows.map((r) => ({ county_code: r.county_code, person_id: r.person_id, change: visitor ? 'assigned' : 'unassigned', details: { from: r.visitor_id, from_name: r.visitor_name, to: visitor?.id ?? null, to_name: visitor?.name ?? null }, actor: actor.username })),
        );
        await audit.record(trx, actor, {
          action: 'visits.assign',
          entityType: 'visit_roster',
          entityId: visitor?.id ?? null,
          regionCode: input.region ?? rows[0]?.region_code ?? actor.regionCode,
          details: { visitor_id: visitor?.id ?? null, visitor_name: visitor?.name ?? null, count: n, region: input.region ?? null, grid: input.grid ?? null, person_ids: ids.slice(0, 200) },
        });
        return { assigned: n, person_ids: ids };
      });
      return result;
    },

    /** Queue a full roster rebuild of a region (also recomputes frequencies after a policy change). */
    async requestRebuild(actor: Actor, region: string): Promise<{ job_id: number }> {
      requirePermission(actor, 'visits:assign');
      assertRegionInScope(actor, region);
      const id = await db.transaction().execute(async (trx) => {
        const jobId = await jobs.enqueue(trx, { type: 'visits.rebuild_roster', payload: { region }, regionCode: region, createdBy: actor.userId, idempotencyKey: `visits.rebuild_roster:${region}:${clock.now().toISOString().slice(0, 16)}` });
        await audit.record(trx, actor, { action: 'visits.rebuild_request', entityType: 'job', entityId: String(jobId), regionCode: region });
        return jobId;
      });
      jobs.poke();
      return { job_id: id };
    },

    /** The job behind requestRebuild (and the demo seeder). */
    async rebuildRoster(region: string, onProgress?: (done: number) => Promise<void>) {
      const result = await sync.rebuild(region, onProgress);
      await audit.record(db, systemActor('job:visits.rebuild_roster'), { action: 'visits.roster_rebuild', entityType: 'visit_roster', regionCode: region, details: result });
      return result;
    },

    // ---- due list and rate ---------------------------------------------------------------------
    async policyOf(actor: Actor, region?: string): Promise<VisitPolicy> {
      requirePermission(actor, 'visits:read');
      return policyForRegion(effectiveRegion(actor, region));
    },

    async due(actor: Actor, q: VisitDueQuery): Promise<{ items: VisitDueItem[]; total: number }> {
      const scope = scopeOf(actor, q.region, q.visitor_id);
      const pol = await policyForRegion(scope.region);
      const w = periodWindow(q.period, q.date ?? clock.today(), clock.today(), pol.exclude_declined);
      const { rows, total } = await repo.dueList(scope, w, q.page_size, (q.page - 1) * q.page_size);
      const ids = rows.map((r) => r.person_id);
      const [ps, names, failed, alerts] = await Promise.all([
        people(ids),
        regions.namesOf(rows.map((r) => r.region_code)),
        repo.failedContacts(rows, w.week.start < w.month.start ? w.week.start : w.month.start),
        repo.openAlertCounts(rows),
      ]);
      const items = rows.map((r): VisitDueItem => {
        const p = q.period === 'week' || (q.period === 'current' && r.frequency === 'weekly') ? w.week : w.month;
        const attempts = failed.filter((f) => f.person_id === r.person_id && f.visited_on >= p.start && f.visited_on <= p.end && (!r.last_visit_at || f.visited_at > r.last_visit_at)).length;
        return {
          person_id: r.person_id,
          ...personFields(ps.get(r.person_id)),
          region_code: r.region_code,
          region_name: names.get(r.region_code) ?? null,
          grid: r.grid,
          tags: r.tags,
          risk_tier: r.risk_tier,
          frequency: r.frequency,
          period_start: p.start,
          period_end: p.end,
          last_visited_on: r.last_visited_on,
          failed_attempts: attempts,
          open_alerts: alerts.get(r.person_id) ?? 0,
          willingness: r.willingness,
          visitor_id: r.visitor_id,
          visitor_name: r.visitor_name,
        };
      });
      return { items, total };
    },

    /** Visit rate = visited at least once in the period ÷ due in the period. */
    async rate(actor: Actor, q: RateQuery): Promise<VisitRate> {
      const scope = scopeOf(actor, q.region, q.visitor_id);
      const pol = await policyForRegion(scope.region);
      const w = periodWindow(q.period, q.date ?? clock.today(), clock.today(), pol.exclude_declined);
      const r = await repo.rate(scope, w);
      const p = q.period === 'week' ? w.week : w.month;
      return {
        due: r.due,
        visited: r.visited,
        rate: r.due === 0 ? null : r.visited / r.due,
        declined: r.declined,
        region_code: scope.region,
        period: q.period,
        // `current`: the month (weekly people are judged in their week within it).
        period_start: p.start,
        period_end: p.end,
      };
    },

    /** Drill-down: the rate of each child region (county → streets → communities). */
    async rateByRegion(actor: Actor, q: RateQuery) {
      const scope = scopeOf(actor, q.region, q.visitor_id);
      const pol = await policyForRegion(scope.region);
      const w = periodWindow(q.period, q.date ?? clock.today(), clock.today(), pol.exclude_declined);
      const prefix = regionPrefix(scope.region);
      const childLength = prefix.length === 0 ? 2 : prefix.length === 2 ? 4 : prefix.length === 4 ? 6 : prefix.length === 6 ? 9 : 12;
      const rows = await repo.rateByPrefix(scope, w, childLength);
      const codes = rows.map((r) => codeFromPrefix(r.prefix));
      const names = await regions.namesOf(codes);
      const items = rows.map((r, i) => ({ region_code: codes[i]!, region_name: names.get(codes[i]!) ?? null, due: r.due, visited: r.visited, rate: r.due === 0 ? null : r.visited / r.due }));
      return { items, total: items.length };
    },

    // ---- visits --------------------------------------------------------------------------------
    async recordVisit(actor: Actor, input: RecordVisit): Promise<VisitRecord> {
      requirePermission(actor, 'visits:write');
      const at = parseVisitedAt(input.visited_at);
      const now = clock.now();
      if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('VISITED_AT_FUTURE', '探访时间不能晚于当前时间');
      if (at.getTime() < now.getTime() - MAX_AGE_MS) throw invalid('VISITED_AT_TOO_OLD', '探访时间不能早于一年前');
      const findings = normaliseFindings(input.findings);
      const reached = input.outcome === 'visited';
      if (!reached && (Object.keys(findings).some((k) => k !== 'note') || input.referrals.length || input.risk_level)) {
        throw invalid('FINDINGS_WITHOUT_CONTACT', '未联系上时只能填写说明，不能登记探访发现、风险等级或转介');
      }
      const row = await rosterInScope(actor, input.person_id);
      if (!row.active) throw conflict('NOT_ON_ROSTER', '该老人已不在探访名单中，不能登记探访');
      const visitorName = await displayName(actor);
      const pol = await policyFor(row.county_code);
      const visitedOn = chinaDateOf(at);
      const danger = reached && findingsShowDanger(findings);
      const saved = await db.transaction().execute(async (trx) => {
        const locked = (await repo.findRoster(row.person_id, trx, true))!;
        const key = { county_code: locked.county_code, person_id: locked.person_id };
        const visit = await repo.insertVisit(
          {
            county_code: key.county_code,
            person_id: key.person_id,
            region_code: locked.region_code,
            visitor_id: actor.userId,
            visitor_name: visitorName,
            mode: input.mode,
            outcome: input.outcome,
            visited_at: at,
            visited_on: visitedOn,
            findings,
            risk_level: input.risk_level ?? null,
            danger,
            needs: input.needs ?? null,
            note: input.note ?? null,
            recorded_by: actor.userId,
          },
          trx,
        );
        const history: Array<{ change: string; details: unknown }> = [];
        if (reached) {
          const values: Record<string, unknown> = {};
          if (!locked.last_visited_on || visitedOn > locked.last_visited_on) values.last_visited_on = visitedOn;
          if (!locked.last_visit_at || at > locked.last_visit_at) values.last_visit_at = at;
          // The latest visit's risk assessment sets the tier (and with it the frequency).
          if (input.risk_level && input.risk_level !== locked.risk_tier && (!locked.last_visit_at || at >= locked.last_visit_at)) {
            values.risk_tier = input.risk_level;
            values.frequency = visitFrequencyFor(pol, locked.tags, input.risk_level);
            history.push({ change: 'risk', details: { from: locked.risk_tier, to: input.risk_level, frequency: values.frequency, source: 'visit', visit_id: visit.id } });
          }
          if (Object.keys(values).length) await repo.updateRoster(key, values, trx);
          // An on-site visit answers danger and unreachable alerts raised before it; any visit answers "overdue".
          const kinds: AlertRow['kind'][] = input.mode === 'onsite' ? ['danger', 'unreachable', 'overdue'] : ['overdue'];
          const open = (await repo.alertsOfPerson(key, trx)).filter((a) => a.status === 'open' && kinds.includes(a.kind) && a.raised_at <= at);
          if (open.length) {
            await repo.resolveAlerts(key, [...new Set(open.map((a) => a.kind))], { at: now, by: actor.userId, resolution: `${visitorName}于${visitedOn}${input.mode === 'onsite' ? '上门' : '远程'}探访`, visitId: visit.id }, trx);
          }
          if (danger) {
            const items = (['health', 'home_safety', 'living_conditions', 'mood'] as const).filter((k) => findings[k]?.status === 'danger');
            await repo.raiseAlert(
              { county_code: key.county_code, person_id: key.person_id, region_code: locked.region_code, kind: 'danger', period_key: null, reason: `探访发现危险情况：${items.map((k) => DANGER_LABELS[k]).join('、')}`, source_visit_id: visit.id, raised_at: now, deadline_at: hoursFrom(now, pol.danger_deadline_hours) },
              trx,
            );
          }
          for (const ref of input.referrals) {
            const target = REFERRAL_TARGET[ref.kind];
            const saved = await repo.insertReferral(
              { county_code: key.county_code, person_id: key.person_id, region_code: locked.region_code, source_module: 'visits', source_id: visit.id, target_module: target as ReferralRow['target_module'], kind: ref.kind, need: ref.need, target_ref: null, note: null, created_by: actor.userId, updated_by: actor.userId },
              trx,
            );
            const payload: VisitReferralEvent = { referral_id: saved.id, county_code: key.county_code, person_id: key.person_id, region_code: locked.region_code, target_module: target, kind: ref.kind, need: ref.need, visit_id: visit.id };
            await events.publish(trx, VISIT_REFERRAL_EVENT, payload, saved.id);
            if (ref.kind === 'assessment' && assessment) {
              // The assessment module's own queue: an immediate assessment, or the one already open / still valid.
              const out = await assessment.reportMarkedChange(actor, { personId: key.person_id, sourceModule: 'visits', sourceRef: visit.id, description: ref.need }, trx);
              const note = out.outcome === 'created' ? `已受理能力评估申请（${out.number}）` : out.outcome === 'open_exists' ? `已有办理中的能力评估（${out.number}）` : `已有有效的能力评估结果（${out.number}）`;
              await repo.updateReferral(saved, { status: out.outcome === 'valid_result' ? 'done' : 'accepted', target_ref: out.assessment_id, note, updated_by: actor.userId }, saved.version, trx);
            }
          }
        } else {
          // Failed contacts in the person's current period since their last successful visit.
          const period = periodOf(periodKindOf(locked.frequency), visitedOn);
          const failed = await repo.failedSince(key, period.start, locked.last_visit_at, trx);
          if (failed >= pol.failed_attempts_threshold) {
            await repo.raiseAlert(
              { county_code: key.county_code, person_id: key.person_id, region_code: locked.region_code, kind: 'unreachable', period_key: period.key, reason: `本周期内${failed}次未联系上`, source_visit_id: visit.id, raised_at: now, deadline_at: hoursFrom(now, pol.unreachable_deadline_hours) },
              trx,
            );
          }
        }
        await repo.addHistory(trx, history.map((h) => ({ ...key, ...h, actor: actor.username })));
        await audit.record(trx, actor, {
          action: reached ? 'visits.record' : 'visits.record_failed_contact',
          entityType: 'visit',
          entityId: visit.id,
          regionCode: locked.region_code,
          after: { person_id: key.person_id, mode: input.mode, outcome: input.outcome, visited_at: at.toISOString(), risk_level: input.risk_level ?? null, danger, referrals: input.referrals.map((r) => r.kind) },
        });
        return visit;
      });
      jobs.poke();
      return (await visitRecords([saved]))[0]!;
    },

    /**
     * Visits recorded elsewhere (a previous system, paper forms typed in later, the demo): stored
     * as they were, no escalation. A person visited before is taken to have been on the roster
     * since that visit (enrolled_on moves back), so past periods count them as due.
     */
    async importVisitHistory(actor: Actor, rows: Array<{ person_id: string; visitor_id: string | null; visitor_name: string; mode: VisitRow['mode']; outcome: VisitRow['outcome']; visited_at: Date; findings?: StoredFindings; risk_level?: VisitRow['risk_level'] }>): Promise<{ imported: number }> {
      requirePermission(actor, 'visits:write');
      if (rows.length === 0) return { imported: 0 };
      const roster = new Map((await repo.findRosterMany([...new Set(rows.map((r) => r.person_id))])).map((r) => [r.person_id, r]));
      for (const r of rows) {
        const row = roster.get(r.person_id);
        if (!rosterVisible(actor, row) || !row.active) throw notFound('ROSTER_NOT_FOUND', '探访对象不存在或不在您的数据权限范围内');
        if (r.visited_at.getTime() > clock.now().getTime()) throw invalid('VISITED_AT_FUTURE', '探访时间不能晚于当前时间');
      }
      await db.transaction().execute(async (trx) => {
        await repo.insertVisits(
          rows.map((r) => {
            const row = roster.get(r.person_id)!;
            const findings = r.findings ?? {};
            return { county_code: row.county_code, person_id: row.person_id, region_code: row.region_code, visitor_id: r.visitor_id, visitor_name: r.visitor_name, mode: r.mode, outcome: r.outcome, visited_at: r.visited_at, visited_on: chinaDateOf(r.visited_at), findings, risk_level: r.risk_level ?? null, danger: r.outcome === 'visited' && findingsShowDanger(findings), needs: null, note: null, recorded_by: actor.userId };
          }),
          trx,
        );
        const keys = [...roster.values()];
        await repo.refreshLastVisit(keys, trx);
        for (const row of keys) {
          const earliest = rows.filter((r) => r.person_id === row.person_id).map((r) => chinaDateOf(r.visited_at)).sort()[0]!;
          if (earliest < row.enrolled_on) await repo.updateRoster(row, { enrolled_on: earliest }, trx);
        }
        await audit.record(trx, actor, { action: 'visits.import_history', entityType: 'visit', regionCode: actor.regionCode, details: { visits: rows.length, persons: keys.length } });
      });
      return { imported: rows.length };
    },

    async listVisits(actor: Actor, q: VisitQuery): Promise<{ items: VisitRecord[]; total: number }> {
      const scope = scopeOf(actor, q.region);
      const { rows, total } = await repo.listVisits({
        ...scope,
        personId: q.person_id,
        recorderId: q.visitor_id,
        outcome: q.outcome,
        // Without a person or a start date, the last 31 days (a county holds millions of visits).
        from: q.from ?? (q.person_id ? undefined : addDays(clock.today(), -31)),
        to: q.to,
        limit: q.page_size,
        offset: (q.page - 1) * q.page_size,
      });
      return { items: await visitRecords(rows), total };
    },

    async getVisit(actor: Actor, id: string): Promise<VisitRecord> {
      requirePermission(actor, 'visits:read');
      const v = await repo.findVisit(id);
      if (!v) throw notFound('VISIT_NOT_FOUND', '探访记录不存在或不在您的数据权限范围内');
      await assertVisitVisible(actor, v);
      return (await visitRecords([v]))[0]!;
    },

    async addAttachment(actor: Actor, visitId: string, contentType: string | undefined, body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | undefined) {
      requirePermission(actor, 'visits:write');
      const v = await repo.findVisit(visitId);
      if (!v) throw notFound('VISIT_NOT_FOUND', '探访记录不存在或不在您的数据权限范围内');
      await assertVisitVisible(actor, v);
      if ((await repo.attachmentsOf([visitId])).length >= MAX_PHOTOS_PER_VISIT) throw conflict('ATTACHMENT_LIMIT', `每次探访最多上传${MAX_PHOTOS_PER_VISIT}张照片`);
      const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
      if (!isPhotoType(type)) checkPhoto(type, new Uint8Array()); // 415 before reading the body
      const data = body ? await readBounded(body, MAX_PHOTO_BYTES) : Buffer.alloc(0);
      const checked = checkPhoto(type, data);
      const saved = await db.transaction().execute(async (trx) => {
        const a = await repo.insertAttachment(
          { county_code: v.county_code, person_id: v.person_id, visit_id: v.id, content_type: checked, byte_size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data, created_by: actor.userId },
          trx,
        );
        await audit.record(trx, actor, { action: 'visits.attach_photo', entityType: 'visit', entityId: v.id, regionCode: v.region_code, details: { attachment_id: a.id, content_type: checked, byte_size: data.length } });
        return a;
      });
      return attachmentOut(saved);
    },

    async getAttachment(actor: Actor, visitId: string, id: string): Promise<{ content_type: string; data: Buffer }> {
      requirePermission(actor, 'visits:read');
      const v = await repo.findVisit(visitId);
      if (!v) throw notFound('ATTACHMENT_NOT_FOUND', '照片不存在或不在您的数据权限范围内');
      await assertVisitVisible(actor, v);
      const a = await repo.attachmentData(visitId, id);
      if (!a) throw notFound('ATTACHMENT_NOT_FOUND', '照片不存在或不在您的数据权限范围内');
      return { content_type: a.content_type, data: Buffer.from(a.data) };
    },

    // ---- alerts --------------------------------------------------------------------------------
    async listAlerts(actor: Actor, q: AlertQuery): Promise<{ items: VisitAlert[]; total: number }> {
      const scope = scopeOf(actor, q.region);
      const { rows, total } = await repo.listAlerts({ ...scope, status: q.status, kind: q.kind, overdueAt: q.overdue ? clock.now() : undefined, limit: q.page_size, offset: (q.page - 1) * q.page_size });
      return { items: await alertsOut(rows), total };
    },

    /** Close an alert by hand (e.g. the family took the person to hospital), with what was done. */
    async resolveAlert(actor: Actor, id: string, input: { resolution: string; version: number }): Promise<VisitAlert> {
      requirePermission(actor, 'visits:assign');
      const a = await repo.findAlert(id);
      if (!a || !canAccessRegion(actor, a.region_code)) throw notFound('ALERT_NOT_FOUND', '预警不存在或不在您的数据权限范围内');
      if (a.status !== 'open') throw conflict('ALERT_RESOLVED', '该预警已处置');
      await db.transaction().execute(async (trx) => {
        const ok = await repo.updateAlert(a, { status: 'resolved', resolved_at: clock.now(), resolved_by: actor.userId, resolution: input.resolution }, input.version, trx);
        if (!ok) throw conflict('VERSION_CONFLICT', '该预警已被他人处理，请刷新后重试');
        await audit.record(trx, actor, { action: 'visits.alert_resolve', entityType: 'visit_alert', entityId: id, regionCode: a.region_code, details: { kind: a.kind, resolution: input.resolution } });
      });
      return (await alertsOut([(await repo.findAlert(id))!]))[0]!;
    },

    /**
     * The daily check (scheduled job `visits.daily`): everyone whose previous period passed
     * without a visit gets an "overdue" alert with a deadline; the open overdue alerts are the
     * day's overdue list. Idempotent per period.
     */
    async runDailyCheck(region: string): Promise<{ date: string; raised: number; open_overdue_alerts: number; past_deadline: number }> {
      const today = clock.today();
      const now = clock.now();
      const raised = await db.transaction().execute(async (trx) => {
        // Deadlines follow each county's policy: one set-based statement per county.
        const level = regionLevel(region);
        const parts = level === 'county' || level === 'township' || level === 'village' ? [region] : await countiesWithRoster(trx, region);
        let n = 0;
        for (const part of parts) {
          const p = await policyFor(part.slice(0, 6), trx);
          n += await repo.raiseOverdue(part, { ...previousPeriods(today), at: now, deadline: hoursFrom(now, p.overdue_deadline_hours), excludeDeclined: p.exclude_declined }, trx);
        }
        return n;
      });
      const open = await repo.listAlerts({ region, status: 'open', kind: 'overdue', limit: 1, offset: 0 });
      const past = await repo.listAlerts({ region, overdueAt: now, limit: 1, offset: 0 });
      const result = { date: today, raised, open_overdue_alerts: open.total, past_deadline: past.total };
      await audit.record(db, systemActor('job:visits.daily'), { action: 'visits.daily_check', entityType: 'visit_alert', regionCode: region, details: result });
      return result;
    },

    // ---- referrals -----------------------------------------------------------------------------
    async listReferrals(actor: Actor, q: ReferralQuery): Promise<{ items: ReferralRecord[]; total: number }> {
      const scope = scopeOf(actor, q.region);
      const { rows, total } = await repo.listReferrals({ ...scope, status: q.status, targetModule: q.target_module, limit: q.page_size, offset: (q.page - 1) * q.page_size });
      const ps = await people(rows.map((r) => r.person_id));
      return { items: rows.map((r) => referralOut(r, ps.get(r.person_id)?.name ?? null)), total };
    },

    /** Staff (or the target module, through `setReferralStatus`) report what became of a referral. */
    async updateReferral(actor: Actor, id: string, input: z.infer<typeof UpdateReferral>): Promise<ReferralRecord> {
      requirePermission(actor, 'visits:assign');
      const f = await repo.findReferral(id);
      if (!f || !canAccessRegion(actor, f.region_code)) throw notFound('REFERRAL_NOT_FOUND', '转介不存在或不在您的数据权限范围内');
      await db.transaction().execute((trx) => setReferralStatus(trx, actor, f, input));
      const after = (await repo.findReferral(id))!;
      return referralOut(after, (await registry.findRef(after.person_id))?.name ?? null);
    },

    setReferralStatus,

    findReferral: (id: string, ex?: Executor) => repo.findReferral(id, ex),
  };

  async function countiesWithRoster(ex: Executor, region: string): Promise<string[]> {
    const rows = await ex
      .selectFrom('visit_roster')
      .select('county_code')
      .distinct()
      .where('active', '=', true)
      .where('county_code', 'like', `${regionPrefix(region)}%`)
      .execute();
    return rows.map((r) => r.county_code);
  }
}

const DANGER_LABELS = { health: '健康', home_safety: '居家安全', living_conditions: '生活状况', mood: '精神状态' } as const;

export type VisitsService = ReturnType<typeof createVisitsService>;
