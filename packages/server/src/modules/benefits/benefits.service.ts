/**
 * Benefits (津补贴): programmes from the catalogue, applications (申请 → 街道初审 → 县级审批, each
 * step with its time limit and reason, the chain pinned to the version in force when the case
 * started), enrolment without application (免申即享, confirmed by street staff), effective-dated
 * enrolments (start month, suspension, termination with reason) and exclusions from the pack
 * (not_with: 高龄津贴 and 长寿保健补助金 不重复享受, 002 附件 第7项).
 * 000 三(三)8–9; 002 二(一)2,4; 003 二(五)18; 004 二(三)6.
 */
import {
  addDays,
  addMonths,
  conflict,
  DEFAULT_APPROVAL_CHAIN,
  evaluationDate,
  forbidden,
  invalid,
  isDomainError,
  maskAccount,
  monthOf,
  notFound,
  regionLevel,
  type Application,
  type ChainStep,
  type Enrolment,
  type PlainDate,
  type Programme,
} from '@yiyang/core';
import type { z } from 'zod';
import type { AutoEnrol, CreateApplication, DecideApplication, EnrolmentQuery, ApplicationQuery, SuspendEnrolment, ResumeEnrolment, TerminateEnrolment } from '@yiyang/core';
import type { FieldCrypto } from '../../crypto/field-crypto';
import type { Db, Executor } from '../../db/database';
import { systemActor, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { assertRecordInScope, assertRegionInScope, effectiveRegion, hasPermission, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import type { RegistryService } from '../registry';
import { createBenefitsRepository, type ApplicationRow, type EnrolmentRow } from './benefits.repository';
import type { ProgrammeCatalogue, ProgrammeInfo, ProgrammeProvider } from './programme-source';

export function createBenefitsService(deps: { db: Db; audit: AuditService; registry: RegistryService; crypto: FieldCrypto; clock: Clock; programmes: ProgrammeProvider }) {
  const { db, audit, registry, crypto, clock } = deps;
  const repo = createBenefitsRepository(db);

  async function catalogue(region: string, asOf: PlainDate): Promise<ProgrammeCatalogue> {
    return deps.programmes(region, asOf);
  }

  async function programmeOf(region: string, code: string, asOf: PlainDate): Promise<{ cat: ProgrammeCatalogue; p: ProgrammeInfo }> {
    const cat = await catalogue(region, asOf);
    const p = cat.programmes.find((x) => x.code === code);
    if (!p) throw notFound('PROGRAMME_NOT_FOUND', `本地清单中没有发放项目 ${code}（须为现金补贴或服务券项目）`);
    return { cat, p };
  }

  function toEnrolment(r: EnrolmentRow & { name?: string | null; id_number_masked?: string | null }): Enrolment {
    return {
      id: r.id, person_id: r.person_id, name: r.name ?? '', id_number: r.id_number_masked ?? null, region_code: r.region_code, programme: r.programme,
      benefit_kind: r.benefit_kind, start_month: r.start_month, end_month: r.end_month, status: r.status, end_reason: r.end_reason, source: r.source, version: r.version,
    };
  }

  /** Is the person entitled to `code` in `month` per the pack (after exclusions)? */
  async function entitledIn(person: Awaited<ReturnType<RegistryService['getRef']>>, cat: ProgrammeCatalogue, p: ProgrammeInfo, month: string, ex: Executor = db): Promise<boolean> {
    const on = evaluationDate(p.start_rule, month, person.death_date);
    const facts = await registry.factsAsOf(person, on, { ex });
    return cat.entitle({ ...facts, alive: true }, on).some((e) => e.code === p.code);
  }

  /** Exclusions: an open enrolment in a programme this one is not_with (either direction). */
  async function assertNoExclusion(ex: Executor, county: string, personId: string, p: ProgrammeInfo, cat: ProgrammeCatalogue) {
    const live = await repo.liveEnrolments(county, personId, ex);
    if (live.some((e) => e.programme === p.code)) throw conflict('ALREADY_ENROLLED', `该老人已在享受${p.name}`);
    for (const e of live) {
      const other = cat.programmes.find((x) => x.code === e.programme);
      if (p.not_with.includes(e.programme) || other?.not_with.includes(p.code)) {
        throw conflict('EXCLUDED_PROGRAMME', `${p.name}与${other?.name ?? e.programme}不重复享受（${p.citation}），请先终止${other?.name ?? e.programme}`);
      }
    }
  }

  async function savePayee(ex: Executor, ref: { county_code: string; id: string; name: string }, bank?: string, account?: string) {
    const full = await registry.factsAsOfMany(ref.county_code, [ref.id], clock.today(), { withIdNumber: true, ex });
    const hit = full.get(ref.id);
    if (!hit) throw notFound('PERSON_NOT_FOUND', '老年人档案不存在');
    await repo.upsertPayee(ex, {
      county_code: ref.county_code, person_id: ref.id, name: ref.name, id_number_enc: crypto.encrypt(hit.id_number!), id_number_masked: hit.id_number_masked,
      bank: bank ?? null, account_enc: account ? crypto.encrypt(account) : null, account_masked: account ? maskAccount(account) : null,
    });
  }

  /** Create an enrolment inside `ex` (application approval, 免申即享, demo). */
  async function enrolIn(ex: Executor, actor: Actor, input: { ref: Awaited<ReturnType<RegistryService['getRef']>>; p: ProgrammeInfo; cat: ProgrammeCatalogue; start_month: string; source: 'application' | 'auto'; application_id?: string | null; reason: string }): Promise<EnrolmentRow> {
    const { ref, p } = input;
    await assertNoExclusion(ex, ref.county_code, ref.id, p, input.cat);
    const current = monthOf(clock.today());
    const row = await ex.insertInto('enrolments').values({
      county_code: ref.county_code, person_id: ref.id, region_code: ref.region_code, programme: p.code, benefit_kind: p.benefit_kind,
      start_month: input.start_month, end_month: null, status: 'active', end_reason: null, source: input.source,
      application_id: input.application_id ?? null, confirmed_by: actor.userId,
    }).returningAll().executeTakeFirstOrThrow();
    await repo.addChange(ex, { county_code: ref.county_code, enrolment_id: row.id, kind: 'start', from_month: input.start_month, reason: input.reason, actor_id: actor.userId });
    // A start before the current month is back-dated: the next cycle pays the arrears (补发).
    if (input.start_month < current) await repo.addChange(ex, { county_code: ref.county_code, enrolment_id: row.id, kind: 'backdate', from_month: input.start_month, to_month: addMonths(current, -1), reason: '追溯享受，补发', actor_id: actor.userId });
    await audit.record(ex, actor, { action: 'benefits.enrol', entityType: 'enrolment', entityId: row.id, regionCode: ref.region_code, after: { programme: p.code, start_month: input.start_month, source: input.source } });
    return row;
  }

  async function getEnrolmentScoped(actor: Actor, id: string): Promise<EnrolmentRow> {
    requirePermission(actor, 'benefits:read');
    const row = await repo.findEnrolment(id);
    assertRecordInScope(actor, row?.region_code ?? null, '享受记录');
    return row!;
  }

  async function updateEnrolment(actor: Actor, id: string, version: number, fn: (trx: Executor, row: EnrolmentRow) => Promise<Partial<EnrolmentRow>>, action: string): Promise<Enrolment> {
    requirePermission(actor, 'benefits:review');
    const before = await getEnrolmentScoped(actor, id);
    return db.transaction().execute(async (trx) => {
      const values = await fn(trx, before);
      const r = await trx.updateTable('enrolments').set({ ...values, version: before.version + 1, updated_at: new Date() })
        .where('county_code', '=', before.county_code).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
      if (!r) throw conflict('VERSION_CONFLICT', '记录已被他人修改，请刷新后重试');
      await audit.record(trx, actor, { action, entityType: 'enrolment', entityId: id, regionCode: r.region_code, before: { status: before.status, end_month: before.end_month }, after: { status: r.status, end_month: r.end_month, end_reason: r.end_reason } });
      return toEnrolment(r);
    });
  }

  function toApplication(r: ApplicationRow & { name: string }, steps: ChainStep[], today: PlainDate): Application {
    const step = r.status === 'pending' ? steps[r.step_index] ?? null : null;
    return {
      id: r.id, person_id: r.person_id, name: r.name, region_code: r.region_code, programme: r.programme, applicant_kind: r.applicant_kind, applicant_name: r.applicant_name,
      status: r.status, step: step?.step ?? null, step_label: step?.label ?? null, step_due_on: r.step_due_on, overdue: r.status === 'pending' && !!r.step_due_on && r.step_due_on < today,
      chain_version: r.chain_version, applied_on: r.applied_on, decided_on: r.decided_on, enrolment_id: r.enrolment_id, version: r.version,
    };
  }

  /** The approval chain in force for a region on a date; the default chain is recorded as version 1 for the county. */
  async function chainFor(ex: Executor, region: string, on: PlainDate): Promise<{ region_code: string; version: number; steps: ChainStep[] }> {
    const hit = await repo.chainFor(region, on, ex);
    if (hit) return { region_code: hit.region_code, version: hit.version, steps: hit.steps as ChainStep[] };
    const county = region.slice(0, 6);
    await ex.insertInto('benefit_approval_chains').values({ region_code: county, version: 1, effective_from: '2000-01-01', steps: JSON.stringify(DEFAULT_APPROVAL_CHAIN) as unknown as ChainStep[] }).onConflict((oc) => oc.doNothing()).execute();
    return { region_code: county, version: 1, steps: DEFAULT_APPROVAL_CHAIN };
  }

  function canActOn(actor: Actor, step: ChainStep, region: string): boolean {
    if (!hasPermission(actor, step.permission)) return false;
    // county approval needs a county-level (or higher) scope; street review a street-level scope or higher
    const level = regionLevel(actor.regionCode);
    if (step.level === 'county') return level === 'county' || level === 'city' || level === 'province' || level === 'country';
    return region.startsWith(actor.regionCode.replace(/0+$/, '')) || actor.regionCode === '000000';
  }

  return {
    catalogue,

    /** The programmes in force, or undefined where the locality has published no list (batch jobs, demo). */
    async catalogueIfPublished(region: string, asOf: PlainDate): Promise<ProgrammeCatalogue | undefined> {
      try {
        return await catalogue(region, asOf);
      } catch (e) {
        if (isDomainError(e) && e.code === 'CATALOGUE_NOT_FOUND') return undefined;
        throw e;
      }
    },

    /** Programme overview: cash and service-credit items of the locality, with enrolled counts. */
    async programmes(actor: Actor, region?: string): Promise<Programme[]> {
      requirePermission(actor, 'benefits:read');
      const r = effectiveRegion(actor, region);
      const county = r.length >= 6 ? r.slice(0, 6) : r;
      const cat = await catalogue(county, clock.today());
      const counts = await repo.countByProgramme(r);
      return cat.programmes.map((p) => ({ ...p, monthly_fen_example: null, enrolled: counts.get(p.code) ?? 0 }));
    },

    async listEnrolments(actor: Actor, q: z.infer<typeof EnrolmentQuery>) {
      requirePermission(actor, 'benefits:read');
      const region = effectiveRegion(actor, q.region);
      const { items, total } = await repo.listEnrolments({ region, programme: q.programme, status: q.status, limit: q.page_size, offset: (q.page - 1) * q.page_size });
      return { items: items.map(toEnrolment), total };
    },

    async getEnrolment(actor: Actor, id: string): Promise<Enrolment> {
      const row = await getEnrolmentScoped(actor, id);
      const [payee] = await repo.payees(row.county_code, [row.person_id]);
      const changes = await repo.changes(row.county_code, id);
      return { ...toEnrolment({ ...row, name: payee?.name ?? '', id_number_masked: payee?.id_number_masked ?? null }), changes: changes.map((c) => ({ kind: c.kind, from_month: c.from_month, to_month: c.to_month, reason: c.reason, at: c.at.toISOString() })) };
    },

    /** 免申即享: enrol a person found on the work list; street staff confirm (benefits:review). */
    async enrolAuto(actor: Actor, input: z.infer<typeof AutoEnrol>): Promise<Enrolment> {
      requirePermission(actor, 'benefits:review');
      const ref = await registry.getRef(actor, input.person_id);
      const today = clock.today();
      const { cat, p } = await programmeOf(ref.county_code, input.programme, today);
      if (p.requires_application) throw invalid('APPLICATION_REQUIRED', `${p.name}须本人申请，不能免申即享`);
      const start = input.start_month ?? monthOf(today);
      if (start > addMonths(monthOf(today), 1)) throw invalid('START_IN_FUTURE', '起始月份不能晚于下月');
      if (!(await entitledIn(ref, cat, p, start))) throw invalid('NOT_ENTITLED', `${start}该老人不符合${p.name}的条件（或与已享受项目不重复享受）`);
      return db.transaction().execute(async (trx) => {
        await savePayee(trx, ref, input.bank, input.account);
        const row = await enrolIn(trx, actor, { ref, p, cat, start_month: start, source: 'auto', reason: '免申即享，街道确认' });
        return toEnrolment({ ...row, name: ref.name });
      });
    },

    async suspend(actor: Actor, id: string, input: z.infer<typeof SuspendEnrolment>) {
      return updateEnrolment(actor, id, input.version, async (trx, row) => {
        if (row.status !== 'active') throw conflict('ENROLMENT_NOT_ACTIVE', '只有正常享受的记录可以暂停');
        if (input.to_month && input.to_month < input.from_month) throw invalid('MONTH_RANGE', '暂停结束月份不能早于开始月份');
        await repo.addChange(trx, { county_code: row.county_code, enrolment_id: id, kind: 'suspend', from_month: input.from_month, to_month: input.to_month ?? null, reason: input.reason, actor_id: actor.userId });
        return { status: input.to_month ? 'active' : 'suspended', has_suspensions: true };
      }, 'benefits.suspend');
    },

    async resume(actor: Actor, id: string, input: z.infer<typeof ResumeEnrolment>) {
      return updateEnrolment(actor, id, input.version, async (trx, row) => {
        if (row.status !== 'suspended') throw conflict('ENROLMENT_NOT_SUSPENDED', '该记录未暂停');
        // close the open suspension at the month before resumption
        await sql_closeSuspension(trx, row.county_code, id, addMonths(input.from_month, -1));
        await repo.addChange(trx, { county_code: row.county_code, enrolment_id: id, kind: 'resume', from_month: input.from_month, reason: input.reason, actor_id: actor.userId });
        return { status: 'active' };
      }, 'benefits.resume');
    },

    async terminate(actor: Actor, id: string, input: z.infer<typeof TerminateEnrolment>) {
      return updateEnrolment(actor, id, input.version, async (trx, row) => {
        if (row.status === 'terminated') throw conflict('ENROLMENT_TERMINATED', '该记录已终止');
        if (input.last_month < addMonths(row.start_month, -1)) throw invalid('MONTH_RANGE', '终止月份不能早于起始月份');
        await repo.addChange(trx, { county_code: row.county_code, enrolment_id: id, kind: 'terminate', from_month: input.last_month, reason: input.reason, actor_id: actor.userId });
        return { status: 'terminated', end_month: input.last_month, end_reason: input.end_reason };
      }, 'benefits.terminate');
    },

    /** person.died: stop every open enrolment after the month of death (荣成: 发放至死亡当月). */
    async onPersonDied(p: { county_code: string; person_id: string; death_date: string }) {
      const sys = systemActor('benefits');
      await db.transaction().execute(async (trx) => {
        const live = await repo.liveEnrolments(p.county_code, p.person_id, trx);
        const last = monthOf(p.death_date);
        for (const e of live) {
          await trx.updateTable('enrolments').set({ status: 'terminated', end_month: last, end_reason: 'died', version: e.version + 1, updated_at: new Date() }).where('county_code', '=', e.county_code).where('id', '=', e.id).execute();
          await repo.addChange(trx, { county_code: e.county_code, enrolment_id: e.id, kind: 'terminate', from_month: last, reason: `死亡（${p.death_date}），发放至死亡当月`, actor_id: null });
          await audit.record(trx, sys, { action: 'benefits.terminate', entityType: 'enrolment', entityId: e.id, regionCode: e.region_code, after: { end_month: last, end_reason: 'died' } });
        }
      });
    },

    // ---- applications ------------------------------------------------------------------------

    async apply(actor: Actor, input: z.infer<typeof CreateApplication>): Promise<Application> {
      requirePermission(actor, 'benefits:apply');
      const ref = await registry.getRef(actor, input.person_id);
      const today = clock.today();
      const { p } = await programmeOf(ref.county_code, input.programme, today);
      return db.transaction().execute(async (trx) => {
        const chain = await chainFor(trx, ref.region_code, today);
        const due = addDays(today, chain.steps[0]!.days);
        await savePayee(trx, ref, input.bank, input.account);
        const open = await trx.selectFrom('benefit_applications').select('id').where('county_code', '=', ref.county_code).where('person_id', '=', ref.id).where('programme', '=', p.code).where('status', '=', 'pending').executeTakeFirst();
        if (open) throw conflict('APPLICATION_OPEN', `该老人已有待审批的${p.name}申请`);
        const row = await trx.insertInto('benefit_applications').values({
          county_code: ref.county_code, person_id: ref.id, region_code: ref.region_code, programme: p.code, applicant_kind: input.applicant_kind, applicant_name: input.applicant_name,
          applicant_relation: input.applicant_relation ?? null, note: input.note ?? null, attachments: JSON.stringify(input.attachments),
          chain_region: chain.region_code, chain_version: chain.version, step_index: 0, step_due_on: due, status: 'pending', applied_on: today, decided_on: null, enrolment_id: null, created_by: actor.userId,
        }).returningAll().executeTakeFirstOrThrow();
        await repo.addStep(trx, { county_code: row.county_code, application_id: row.id, step: 'submitted', decision: 'submitted', reason: input.note ?? null, due_on: null, overdue: false, actor_id: actor.userId, actor_name: actor.username });
        await audit.record(trx, actor, { action: 'benefits.apply', entityType: 'benefit_application', entityId: row.id, regionCode: row.region_code, after: { programme: p.code, applicant_kind: input.applicant_kind } });
        return toApplication({ ...row, name: ref.name }, chain.steps, today);
      });
    },

    async listApplications(actor: Actor, q: z.infer<typeof ApplicationQuery>) {
      requirePermission(actor, 'benefits:read');
      const region = effectiveRegion(actor, q.region);
      const { items, total } = await repo.listApplications({ region, status: q.status, limit: q.page_size, offset: (q.page - 1) * q.page_size });
      const today = clock.today();
      const out: Application[] = [];
      for (const r of items) {
        const chain = await repo.chain(r.chain_region, r.chain_version);
        const steps = (chain?.steps ?? DEFAULT_APPROVAL_CHAIN) as ChainStep[];
        const a = toApplication(r, steps, today);
        if (q.mine === 'true' && (r.status !== 'pending' || !canActOn(actor, steps[r.step_index]!, r.region_code))) continue;
        out.push(a);
      }
      return { items: out, total: q.mine === 'true' ? out.length : total };
    },

    async getApplication(actor: Actor, id: string): Promise<Application> {
      requirePermission(actor, 'benefits:read');
      const r = await repo.findApplication(id);
      assertRecordInScope(actor, r?.region_code ?? null, '申请');
      const chain = await repo.chain(r!.chain_region, r!.chain_version);
      const steps = await repo.applicationSteps(r!.county_code, id);
      return { ...toApplication(r!, (chain?.steps ?? DEFAULT_APPROVAL_CHAIN) as ChainStep[], clock.today()), steps: steps.map((s) => ({ step: s.step, decision: s.decision, reason: s.reason, actor_name: s.actor_name, at: s.at.toISOString(), due_on: s.due_on, overdue: s.overdue })) };
    },

    /** Decide the current step (reason required); the last approval enrols the person. */
    async decide(actor: Actor, id: string, input: z.infer<typeof DecideApplication>): Promise<Application> {
      requirePermission(actor, 'benefits:read');
      const r = await repo.findApplication(id);
      assertRecordInScope(actor, r?.region_code ?? null, '申请');
      if (r!.status !== 'pending') throw conflict('APPLICATION_CLOSED', '该申请已办结');
      const chainRow = await repo.chain(r!.chain_region, r!.chain_version);
      const steps = (chainRow?.steps ?? DEFAULT_APPROVAL_CHAIN) as ChainStep[];
      const step = steps[r!.step_index]!;
      if (!canActOn(actor, step, r!.region_code)) throw forbidden('STEP_FORBIDDEN', `当前环节为“${step.label}”，您无权办理`);
      const today = clock.today();
      const overdue = !!r!.step_due_on && r!.step_due_on < today;
      // the catalogue is read outside the transaction (PGlite: one connection)
      const prog = await programmeOf(r!.county_code, r!.programme, today);
      return db.transaction().execute(async (trx) => {
        const last = r!.step_index === steps.length - 1;
        let status: ApplicationRow['status'] = 'pending';
        let enrolmentId: string | null = null;
        if (input.decision === 'reject') status = 'rejected';
        else if (last) {
          status = 'approved';
          const ref = (await registry.findRef(r!.person_id, trx))!;
          const { cat, p } = prog;
          // start month per the pack's rule, from the application date (eligible then) or approval
          const start = p.start_rule === 'month_of_approval' ? monthOf(today) : (await entitledIn(ref, cat, p, monthOf(r!.applied_on), trx)) ? monthOf(r!.applied_on) : monthOf(today);
          if (!(await entitledIn(ref, cat, p, start, trx)) && !(await entitledIn(ref, cat, p, addMonths(start, 1), trx))) throw invalid('NOT_ENTITLED', `该老人不符合${p.name}的条件，请驳回`);
          const e = await enrolIn(trx, actor, { ref, p, cat, start_month: start, source: 'application', application_id: r!.id, reason: `申请审批通过：${input.reason}` });
          enrolmentId = e.id;
        }
        const nextIndex = status === 'pending' ? r!.step_index + 1 : r!.step_index;
        const u = await trx.updateTable('benefit_applications').set({
          status, step_index: nextIndex, step_due_on: status === 'pending' ? addDays(today, steps[nextIndex]!.days) : null,
          decided_on: status === 'pending' ? null : today, enrolment_id: enrolmentId, version: r!.version + 1,
        }).where('county_code', '=', r!.county_code).where('id', '=', id).where('version', '=', input.version).returningAll().executeTakeFirst();
        if (!u) throw conflict('VERSION_CONFLICT', '申请已被他人处理，请刷新后重试');
        await repo.addStep(trx, { county_code: r!.county_code, application_id: id, step: step.step, decision: input.decision, reason: input.reason, due_on: r!.step_due_on, overdue, actor_id: actor.userId, actor_name: actor.username });
        await audit.record(trx, actor, { action: `benefits.${input.decision}`, entityType: 'benefit_application', entityId: id, regionCode: r!.region_code, details: { step: step.step, reason: input.reason, overdue } });
        return toApplication({ ...u, name: r!.name }, steps, today);
      });
    },

    // ---- for payroll, eligibility and demo (no HTTP) ----------------------------------------

    /** Eligibility's EnrolmentSource: who currently receives which item. */
    async currentEnrolments(region: string, opts: { personIds?: string[] } = {}) {
      return repo.currentEnrolments(region, opts.personIds);
    },
    enrolIn,
    savePayee,
    programmeOf,
    repo,
    assertRegion: assertRegionInScope,
  };

  async function sql_closeSuspension(trx: Executor, county: string, id: string, toMonth: string) {
    await trx.updateTable('enrolment_changes').set({ to_month: toMonth }).where('county_code', '=', county).where('enrolment_id', '=', id).where('kind', '=', 'suspend').where('to_month', 'is', null).execute();
  }
}
export type BenefitsService = ReturnType<typeof createBenefitsService>;
