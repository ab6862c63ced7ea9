/**
 * Capability assessment (老年人能力综合评估, GB/T 42195-2022) — the workflow: request → assignment to
 * an agency and two assessors → on-site form (drafts) → agency review → publication (the person's
 * `capability_grade` fact) → objection and re-assessment (issue 4). Results are recognised by every
 * department (000 三(二)5; 003 二(一)3; 004 二(二)2): other modules read the grade from the registry.
 *
 * Rules of the workflow live in core (`TRANSITIONS`); this service supplies the guard context,
 * enforces permission and data scope, keeps the append-only action log and audits every change in
 * the same transaction. Form and result are health data: encrypted at rest, returned only to
 * holders of `health:read`.
 */
import {
  addDays,
  ageOn,
  availableActions,
  buildReportModel,
  checkScoreInput,
  checkTransition,
  conflict,
  countyOf,
  forbidden,
  GRADE_NAMES,
  invalid,
  isInRegion,
  nextDueDate,
  notFound,
  scoreAssessment,
  type AssessmentDetail,
  type AssessmentForm,
  type AssessmentReason,
  type AssessmentResult,
  type AssessmentSettings,
  type AssessmentStatus,
  type AssessmentSummary,
  type AssignAssessment,
  type CapabilityGrade,
  type GuardContext,
  type ReportModel,
  type ObjectAssessment,
  type RequestAssessment,
  type RequestChannel,
  type ReviewAssessment,
  type SaveAssessmentForm,
  type ScoreProblem,
  type ScoreRequest,
  type ScoreResponse,
  type SubmitAssessment,
  type Transition,
} from '@yiyang/core';
import type { FieldCrypto } from '../../crypto/field-crypto';
import type { Db, Executor } from '../../db/database';
import type { EventBus } from '../../jobs/events';
import type { JobQueue } from '../../jobs/queue';
import { systemActor, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { assertRecordInScope, canAccessRegion, effectiveRegion, hasPermission, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import type { OrgService } from '../orgs';
import type { RegionService } from '../regions';
import type { PersonRef, RegistryService } from '../registry';
import type { UserService } from '../users';
import { createAssessmentRepository, type AssessmentRow } from './assessment.repository';
import { createAssessmentSchedule } from './assessment.schedule';
import type { AssessmentSettingsProvider } from './assessment.settings';
import { renderReportPdf } from './report-pdf';

/** What is frozen at submission: the scores, grades, reasons and the settings that produced them. */
interface StoredResult extends Omit<AssessmentResult, 'complete'> {
  settings: AssessmentSettings['grade_change'];
}

export interface AutomaticRequest {
  personId: string;
  channel: Extract<RequestChannel, 'subsidy' | 'admission' | 'change_report'>;
  /** Calling module and its record (e.g. 'benefits', application id; 'visits', visit id). */
  sourceModule: string;
  sourceRef: string;
  note?: string | null;
}

export type AutomaticOutcome =
  | { outcome: 'created'; assessment_id: string; number: string }
  | { outcome: 'open_exists'; assessment_id: string; number: string }
  | { outcome: 'valid_result'; assessment_id: string; number: string; grade: CapabilityGrade; next_due_date: string | null };

export const ASSESSMENT_EVENTS = {
  requested: 'assessment.requested',
  published: 'assessment.published',
  due: 'assessment.due',
} as const;

function throwProblems(problems: ScoreProblem[]): never {
  const first = problems[0]!;
  throw invalid(first.code, first.message, problems.map((p) => ({ path: p.path, code: p.code, message: p.message, ...(p.item ? { item: p.item } : {}) })));
}

export function createAssessmentService(deps: {
  db: Db;
  audit: AuditService;
  registry: RegistryService;
  orgs: OrgService;
  users: UserService;
  crypto: FieldCrypto;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  regions: RegionService;
  settings: AssessmentSettingsProvider;
}) {
  const { db, audit, registry, orgs, users, crypto, clock, events, jobs } = deps;
  const repo = createAssessmentRepository(db);
  const schedule = createAssessmentSchedule({ db, repo, regions: deps.regions, clock, events, settings: deps.settings });

  // Inside a transaction every read goes through `ex`: on PGlite a read on `db` would wait for the
  // transaction's own connection.
  const settingsFor = (regionCode: string | null, date: string = clock.today(), ex: Executor = db) =>
    deps.settings.forCounty(regionCode ? countyOf(regionCode) : null, date, ex);

  async function displayName(actor: Actor, ex: Executor = db): Promise<string> {
    if (!actor.userId) return actor.username;
    const p = await users.principal(actor.userId, ex);
    return p?.user.display_name ?? actor.username;
  }

  /**
   * The actor's organisation if it is an assessment agency (agency users see their agency's work).
   * Read before a transaction opens.
   */
  async function agencyOf(actor: Actor): Promise<string | null> {
    if (!actor.orgId) return null;
    const org = await orgs.findInternal(actor.orgId);
    return org?.type === 'assessment_agency' ? org.id : null;
  }

  function readForm(row: AssessmentRow): AssessmentForm | null {
    return row.form_enc ? (JSON.parse(crypto.decrypt(row.form_enc)) as AssessmentForm) : null;
  }
  function readResult(row: AssessmentRow): StoredResult | null {
    return row.result_enc ? (JSON.parse(crypto.decrypt(row.result_enc)) as StoredResult) : null;
  }

  function assessorsOf(row: AssessmentRow): string[] {
    return [row.assessor1_id, row.assessor2_id].filter((x): x is string => !!x);
  }

  async function guardContext(actor: Actor, row: AssessmentRow, extra: Partial<GuardContext> = {}, ex: Executor = db): Promise<GuardContext> {
    let disputedAssessors: string[] = [];
    if (row.disputes_id) {
      const original = await repo.find(row.disputes_id, ex);
      if (original) disputedAssessors = assessorsOf(original);
    }
    const settings = await settingsFor(row.region_code, clock.today(), ex);
    const objectionOpen = !!row.published_date && clock.today() <= addDays(row.published_date, settings.objection_days);
    const form = row.form_enc ? readForm(row) : null;
    return {
      actorId: actor.userId,
      reason: row.reason,
      assessors: assessorsOf(row),
      disputedAssessors,
      formComplete: !!form && checkScoreInput(form).ok,
      objectionOpen,
      ...extra,
    };
  }

  function assertAllowed(actor: Actor, action: Transition['action'], row: AssessmentRow, ctx: GuardContext): AssessmentStatus {
    const r = checkTransition(action, row.status, actor.permissions, ctx);
    if (r.ok) return r.to;
    if (r.kind === 'state' || r.guardKind === 'state') throw conflict(r.code, r.message);
    if (r.guardKind === 'input') throw invalid(r.code, r.message);
    throw forbidden(r.code, r.message);
  }

  /** Visible to the actor: region scope, and for agency users their agency's work or open requests. */
  async function getVisible(actor: Actor, id: string, agency: string | null, ex: Executor = db, forUpdate = false): Promise<AssessmentRow> {
    const row = await repo.find(id, ex, { forUpdate });
    assertRecordInScope(actor, row?.region_code ?? null, '能力评估');
    if (agency && row!.agency_org_id !== agency && !(row!.status === 'requested' && row!.agency_org_id === null)) {
      throw notFound('NOT_FOUND', '能力评估不存在或不在您的数据权限范围内');
    }
    return row!;
  }

  function summary(r: AssessmentRow): AssessmentSummary {
    const published = r.status === 'published' || r.status === 'objected';
    return {
      id: r.id,
      number: r.number,
      person_id: r.person_id,
      person_name: r.person_name,
      region_code: r.region_code,
      reason: r.reason,
      channel: r.channel,
      status: r.status,
      requested_at: r.requested_at.toISOString(),
      agency_id: r.agency_org_id,
      agency_name: r.agency_name,
      assessors: [
        ...(r.assessor1_id ? [{ id: r.assessor1_id, name: r.assessor1_name ?? '' }] : []),
        ...(r.assessor2_id ? [{ id: r.assessor2_id, name: r.assessor2_name ?? '' }] : []),
      ],
      assessment_date: r.assessment_date,
      grade: published ? r.grade : null,
      grade_name: published && r.grade !== null ? GRADE_NAMES[r.grade as CapabilityGrade] : null,
      published_at: r.published_at ? r.published_at.toISOString() : null,
      next_due_date: r.next_due_date,
      disputes_id: r.disputes_id,
      version: r.version,
    };
  }

  async function detail(actor: Actor, r: AssessmentRow, ex: Executor = db): Promise<AssessmentDetail> {
    const health = hasPermission(actor, 'health:read');
    let form: AssessmentForm | null = null;
    let result: AssessmentResult | null = null;
    if (health) {
      form = readForm(r);
      const stored = readResult(r);
      if (stored) {
        const { settings: _s, ...rest } = stored;
        result = { ...rest, complete: true };
      } else if (form) {
        const checked = checkScoreInput(form);
        if (checked.ok) result = { ...scoreAssessment(checked.value, (await settingsFor(r.region_code, clock.today(), ex)).grade_change), complete: true };
      }
    }
    const ctx = await guardContext(actor, r, {}, ex);
    return {
      ...summary(r),
      person_age: r.person_birth_date ? ageOn(r.person_birth_date, r.assessment_date ?? clock.today()) : null,
      person_sex: r.person_sex,
      applicant_name: r.applicant_name,
      applicant_relation: r.applicant_relation as AssessmentDetail['applicant_relation'],
      request_note: r.request_note,
      source_module: r.source_module,
      source_ref: r.source_ref,
      requested_by_name: r.requested_by_name,
      reviewer_name: r.reviewer_name,
      reviewed_at: r.reviewed_at ? r.reviewed_at.toISOString() : null,
      review_comment: r.review_comment,
      publisher_name: r.publisher_name,
      objection: r.objected_at
        ? { reason: r.objection_reason ?? '', raised_at: r.objected_at.toISOString(), raised_by_name: r.objected_by_name, dispute_id: r.dispute_id }
        : null,
      health_visible: health,
      form,
      result,
      allowed_actions: availableActions(r.status, actor.permissions, ctx),
    };
  }

  async function logAction(ex: Executor, actor: Actor, row: Pick<AssessmentRow, 'county_code' | 'id'>, a: { action: string; from: string | null; to: string | null; comment?: string | null; details?: unknown }, name?: string) {
    await repo.insertAction(
      {
        county_code: row.county_code,
        assessment_id: row.id,
        action: a.action,
        from_status: a.from,
        to_status: a.to,
        actor_id: actor.userId,
        actor_name: name ?? (await displayName(actor, ex)),
        at: clock.now(),
        comment: a.comment ?? null,
        details: a.details ?? null,
      },
      ex,
    );
  }

  /** The workflow facts an audit entry keeps (never health details). */
  function auditView(r: AssessmentRow) {
    return {
      number: r.number,
      person_id: r.person_id,
      status: r.status,
      reason: r.reason,
      agency_id: r.agency_org_id,
      assessor_ids: assessorsOf(r),
      assessment_date: r.assessment_date,
      grade: r.status === 'published' ? r.grade : undefined,
      version: r.version,
    };
  }

  async function record(ex: Executor, actor: Actor, action: string, before: AssessmentRow | null, after: AssessmentRow, details?: unknown) {
    await audit.record(ex, actor, {
      action: `assessments.${action}`,
      entityType: 'assessment',
      entityId: after.id,
      regionCode: after.region_code,
      before: before ? auditView(before) : null,
      after: auditView(after),
      ...(details !== undefined ? { details } : {}),
    });
  }

  async function mustUpdate(ex: Executor, row: AssessmentRow, values: Parameters<typeof repo.update>[1], version: number | undefined): Promise<AssessmentRow> {
    const updated = await repo.update(row, values, ex, version);
    if (!updated) throw conflict('VERSION_CONFLICT', '该评估已被他人修改，请刷新后重试');
    return updated;
  }

  /** A new assessment for a person (caller checked permission and scope). */
  async function createRequest(
    ex: Executor,
    actor: Actor,
    ref: PersonRef,
    input: { reason: AssessmentReason; channel: RequestChannel; applicantName?: string | null | undefined; applicantRelation?: string | null | undefined; note?: string | null | undefined; sourceModule?: string | null; sourceRef?: string | null; disputesId?: string | null },
  ): Promise<AssessmentRow> {
    if (!ref.alive) throw conflict('PERSON_DECEASED', `${ref.name}已去世，不能申请评估`);
    const open = await repo.openForPerson(ref.county_code, ref.id, ex);
    if (open) throw conflict('ASSESSMENT_OPEN_EXISTS', `${ref.name}已有正在办理的评估（${open.number}），请勿重复申请`);
    const previous = await repo.latestPublished(ref.county_code, ref.id, ex);
    if (input.reason === 'first' && previous) throw invalid('ASSESSMENT_REASON_FIRST', `${ref.name}已有评估结果（${previous.number}），请选择常规评估或即时评估`);
    if (input.reason === 'routine' && !previous) throw invalid('ASSESSMENT_REASON_ROUTINE', `${ref.name}尚无评估结果，请选择首次评估`);
    const now = clock.now();
    const number = await repo.nextNumber(ref.county_code, Number(clock.today().slice(0, 4)), ex);
    const name = await displayName(actor, ex);
    const row = await repo.insert(
      {
        county_code: ref.county_code,
        person_id: ref.id,
        region_code: ref.region_code,
        number,
        person_name: ref.name,
        person_birth_date: ref.birth_date,
        person_sex: ref.sex,
        reason: input.reason,
        channel: input.channel,
        status: 'requested',
        applicant_name: input.applicantName ?? null,
        applicant_relation: input.applicantRelation ?? null,
        request_note: input.note ?? null,
        source_module: input.sourceModule ?? null,
        source_ref: input.sourceRef ?? null,
        requested_by: actor.userId,
        requested_by_name: name,
        requested_at: now,
        disputes_id: input.disputesId ?? null,
      },
      ex,
    );
    await logAction(ex, actor, row, { action: 'request', from: null, to: 'requested', comment: input.note ?? null, details: { reason: input.reason, channel: input.channel } }, name);
    await record(ex, actor, 'request', null, row);
    await events.publish(
      ex,
      ASSESSMENT_EVENTS.requested,
      { county_code: row.county_code, assessment_id: row.id, person_id: row.person_id, region_code: row.region_code, reason: row.reason, channel: row.channel, number: row.number },
      row.id,
    );
    return row;
  }

  /** Check a form as a draft: item codes and points, diagnoses, risk counts (items may be missing). */
  function checkDraft(form: AssessmentForm) {
    const r = checkScoreInput(form, { allowMissing: true });
    if (!r.ok) throwProblems(r.error);
  }

  function checkAssessmentDate(date: string | null | undefined, row: AssessmentRow): string {
    const d = date ?? row.assessment_date ?? clock.today();
    if (d > clock.today()) throw invalid('ASSESSMENT_DATE_FUTURE', '评估基准日期不能晚于今天');
    const requested = row.requested_at.toISOString().slice(0, 10);
    if (d < addDays(requested, -1)) throw invalid('ASSESSMENT_DATE_BEFORE_REQUEST', '评估基准日期不能早于申请日期');
    return d;
  }

  async function ensureDailyJob(ex: Executor) {
    const tomorrow = addDays(clock.today(), 1);
    // 01:00 China time (UTC+8) on the next day.
    const runAt = new Date(`${tomorrow}T01:00:00+08:00`);
    await jobs.enqueue(ex, { type: 'assessment.daily', idempotencyKey: `assessment.daily:${tomorrow}`, runAt, maxAttempts: 3 });
  }

  async function publishInTrx(trx: Executor, actor: Actor, row: AssessmentRow, version: number): Promise<AssessmentRow> {
    const to = assertAllowed(actor, 'publish', row, await guardContext(actor, row, {}, trx));
    const result = readResult(row);
    if (!result || !row.assessment_date) throw conflict('ASSESSMENT_NO_RESULT', '评估尚未提交结果，不能发布');
    const ref = await registry.findRef(row.person_id, trx);
    if (!ref) throw notFound('NOT_FOUND', '老年人档案不存在');
    const today = clock.today();
    const settings = await settingsFor(row.region_code, today, trx);
    // The grade takes effect when the result is published (结果告知); its history stays in the registry.
    await registry.setFact(trx, actor, ref, {
      fact: 'capability_grade',
      value: result.grade,
      validFrom: today,
      sourceType: 'assessment',
      sourceDepartment: row.agency_name,
      sourceRef: row.id,
    });
    const due = nextDueDate(row.assessment_date, ref.birth_date, settings.reassessment);
    const name = await displayName(actor, trx);
    const after = await mustUpdate(
      trx,
      row,
      { status: to, grade: result.grade, published_at: clock.now(), published_date: today, publisher_id: actor.userId, publisher_name: name, next_due_date: due },
      version,
    );
    await repo.upsertSchedule(
      {
        county_code: after.county_code,
        person_id: after.person_id,
        region_code: ref.region_code,
        person_name: ref.name,
        birth_date: ref.birth_date,
        last_assessment_id: after.id,
        last_grade: result.grade,
        last_assessment_date: row.assessment_date,
        next_due_date: due,
      },
      trx,
    );
    await logAction(trx, actor, after, { action: 'publish', from: row.status, to, details: { grade: result.grade, next_due_date: due } }, name);
    if (row.disputes_id) {
      const original = await repo.find(row.disputes_id, trx);
      if (original) await logAction(trx, actor, original, { action: 'dispute_published', from: original.status, to: original.status, details: { dispute_id: row.id, grade: result.grade } }, name);
    }
    await record(trx, actor, 'publish', row, after, { grade: result.grade });
    await events.publish(
      trx,
      ASSESSMENT_EVENTS.published,
      { county_code: after.county_code, person_id: after.person_id, assessment_id: after.id, grade: result.grade, region_code: after.region_code, published_date: today, next_due_date: due },
      after.id,
    );
    await ensureDailyJob(trx);
    return after;
  }

  async function requestAutomaticInTrx(trx: Executor, actor: Actor, input: AutomaticRequest): Promise<AutomaticOutcome> {
    const ref = await registry.findRef(input.personId, trx);
    assertRecordInScope(actor, ref?.region_code ?? null, '老年人档案');
    const open = await repo.openForPerson(ref!.county_code, ref!.id, trx);
    if (open) {
      await logAction(trx, actor, open, {
        action: input.channel === 'change_report' ? 'change_reported' : 'needed_by',
        from: open.status,
        to: open.status,
        comment: input.note ?? null,
        details: { channel: input.channel, source_module: input.sourceModule, source_ref: input.sourceRef },
      });
      return { outcome: 'open_exists', assessment_id: open.id, number: open.number };
    }
    const previous = await repo.latestPublished(ref!.county_code, ref!.id, trx);
    // A subsidy application or an admission needs a result; a valid one is recognised as it is.
    if (previous && input.channel !== 'change_report' && previous.next_due_date && previous.next_due_date >= clock.today()) {
      return { outcome: 'valid_result', assessment_id: previous.id, number: previous.number, grade: previous.grade as CapabilityGrade, next_due_date: previous.next_due_date };
    }
    const reason: AssessmentReason = !previous ? 'first' : input.channel === 'change_report' ? 'immediate' : 'routine';
    const row = await createRequest(trx, actor, ref!, { reason, channel: input.channel, note: input.note ?? null, sourceModule: input.sourceModule, sourceRef: input.sourceRef });
    return { outcome: 'created', assessment_id: row.id, number: row.number };
  }

  return {
    ...schedule,

    /** Public scoring contract: the same code scores the forms (locality settings of the caller). */
    async score(actor: Actor, body: ScoreRequest): Promise<ScoreResponse> {
      requirePermission(actor, 'assessments:read');
      const checked = checkScoreInput(body);
      if (!checked.ok) throwProblems(checked.error);
      return scoreAssessment(checked.value, (await settingsFor(actor.regionCode)).grade_change);
    },

    async list(actor: Actor, q: { status?: string | undefined; reason?: string | undefined; region?: string | undefined; person_id?: string | undefined; mine?: 'true' | 'false' | undefined; q?: string | undefined; page: number; page_size: number }) {
      requirePermission(actor, 'assessments:read');
      const region = effectiveRegion(actor, q.region);
      const agency = await agencyOf(actor);
      const { rows, total } = await repo.list({
        region,
        status: q.status,
        reason: q.reason,
        personId: q.person_id,
        assessorId: q.mine === 'true' ? (actor.userId ?? '00000000-0000-0000-0000-000000000000') : undefined,
        agencyId: agency ?? undefined,
        q: q.q,
        limit: q.page_size,
        offset: (q.page - 1) * q.page_size,
      });
      return { items: rows.map(summary), total };
    },

    async get(actor: Actor, id: string): Promise<AssessmentDetail> {
      requirePermission(actor, 'assessments:read');
      return detail(actor, await getVisible(actor, id, await agencyOf(actor)));
    },

    async actions(actor: Actor, id: string) {
      requirePermission(actor, 'assessments:read');
      const row = await getVisible(actor, id, await agencyOf(actor));
      return (await repo.actions(row)).map((a) => ({
        id: a.id,
        action: a.action,
        from_status: a.from_status,
        to_status: a.to_status,
        actor_name: a.actor_name,
        at: a.at.toISOString(),
        comment: a.comment,
      }));
    },

    /** The Annex C report (print page and PDF): health data, so `health:read` is required. */
    report: reportOf,

    async reportPdf(actor: Actor, id: string): Promise<{ pdf: Buffer; filename: string }> {
      const { model, detail: d } = await reportOf(actor, id);
      return { pdf: await renderReportPdf(model), filename: `老年人能力评估报告-${d.number}-${d.person_name}.pdf` };
    },

    /** Staff record a request (the person or family applying through them, or on their own initiative). */
    async request(actor: Actor, input: RequestAssessment): Promise<AssessmentDetail> {
      requirePermission(actor, 'assessments:request');
      const ref = await registry.getRef(actor, input.person_id);
      return db.transaction().execute(async (trx) => {
        const row = await createRequest(trx, actor, ref, {
          reason: input.reason,
          channel: input.channel,
          applicantName: input.applicant_name,
          applicantRelation: input.applicant_relation,
          note: input.note,
        });
        return detail(actor, row, trx);
      });
    },

    /**
     * For other modules: a subsidy application or an institution admission needs a result
     * (000 三(二)5; 003 二(一)3), or a visit/service reported a marked change (即时评估). Returns
     * the open assessment or a still-valid result instead of creating a duplicate. The caller has
     * authorised the triggering action; this checks only that the person is in the actor's scope.
     * Pass the caller's transaction so the request commits with the triggering record.
     */
    async requestAutomatic(actor: Actor, input: AutomaticRequest, trx?: Executor): Promise<AutomaticOutcome> {
      if (trx) return requestAutomaticInTrx(trx, actor, input);
      return db.transaction().execute((t) => requestAutomaticInTrx(t, actor, input));
    },

    /** A visit or a service reports a marked change in capability: an immediate assessment (即时评估). */
    async reportMarkedChange(actor: Actor, input: { personId: string; sourceModule: string; sourceRef: string; description: string }, trx?: Executor): Promise<AutomaticOutcome> {
      const req: AutomaticRequest = { personId: input.personId, channel: 'change_report', sourceModule: input.sourceModule, sourceRef: input.sourceRef, note: input.description };
      if (trx) return requestAutomaticInTrx(trx, actor, req);
      return db.transaction().execute((t) => requestAutomaticInTrx(t, actor, req));
    },

    /** Assessment agencies (with their assessors) the actor may assign work to. */
    async agencies(actor: Actor, regionCode?: string) {
      requirePermission(actor, 'assessments:assign');
      const region = effectiveRegion(actor, regionCode);
      const own = await agencyOf(actor);
      const { items } = await orgs.list(actor, { type: 'assessment_agency', page: 1, page_size: 200 });
      const out = [];
      for (const o of items) {
        if (o.status !== 'active' || (own && o.id !== own)) continue;
        // The agency must cover the region asked about (an agency of the county serves its streets).
        if (!isInRegion(region, o.region_code) && !isInRegion(o.region_code, region)) continue;
        out.push({ id: o.id, name: o.name, region_code: o.region_code, assessors: await assessorsIn(o.id) });
      }
      return out;
    },

    async assign(actor: Actor, id: string, input: AssignAssessment): Promise<AssessmentDetail> {
      requirePermission(actor, 'assessments:assign');
      const own = await agencyOf(actor);
      await getVisible(actor, id, own);
      const agency = await orgs.findInternal(input.agency_id);
      if (!agency || agency.type !== 'assessment_agency' || agency.status !== 'active' || !canAccessRegion(actor, agency.region_code) || (own && own !== agency.id)) {
        throw invalid('ASSESSMENT_AGENCY_INVALID', '所选评估机构不存在、已停用或不在您的数据权限范围内');
      }
      const [a1, a2] = input.assessor_ids;
      const people: Array<{ id: string; name: string }> = [];
      for (const uid of new Set([a1, a2])) {
        const p = await users.principal(uid);
        const ok = p && p.user.status === 'active' && p.org.id === agency.id && p.roles.some((r) => r.permissions.includes('assessments:perform'));
        if (!ok) throw invalid('ASSESSMENT_ASSESSOR_INVALID', '所选评估员不属于该评估机构或没有实施评估的权限');
        people.push({ id: uid, name: p.user.display_name });
      }
      const nameOf = (uid: string) => people.find((p) => p.id === uid)!.name;
      return db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, own, trx, true);
        if (!isInRegion(row.region_code, agency.region_code) && !isInRegion(agency.region_code, countyOf(row.region_code) ?? row.region_code)) {
          throw invalid('ASSESSMENT_AGENCY_REGION', '所选评估机构不服务该老人所在地区');
        }
        const to = assertAllowed(actor, 'assign', row, await guardContext(actor, row, { newAssessors: [a1, a2] }, trx));
        const after = await mustUpdate(
          trx,
          row,
          { status: to, agency_org_id: agency.id, agency_name: agency.name, assessor1_id: a1, assessor1_name: nameOf(a1), assessor2_id: a2, assessor2_name: nameOf(a2), assigned_at: clock.now() },
          input.version,
        );
        await logAction(trx, actor, after, { action: 'assign', from: row.status, to, details: { agency_id: agency.id, assessor_ids: [a1, a2] } });
        await record(trx, actor, 'assign', row, after);
        return detail(actor, after, trx);
      });
    },

    /** Save the on-site form as a draft (tablet: saved often, items may be missing). */
    async saveDraft(actor: Actor, id: string, input: SaveAssessmentForm): Promise<AssessmentDetail> {
      requirePermission(actor, 'assessments:perform');
      checkDraft(input.form);
      const agency = await agencyOf(actor);
      return db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, agency, trx, true);
        const to = assertAllowed(actor, 'save_draft', row, await guardContext(actor, row, {}, trx));
        const date = checkAssessmentDate(input.assessment_date, row);
        const after = await mustUpdate(trx, row, { status: to, form_enc: crypto.encrypt(JSON.stringify(input.form)), assessment_date: date }, input.version);
        const answered = Object.keys(input.form.items).length;
        await logAction(trx, actor, after, { action: 'save_draft', from: row.status, to, details: { answered } });
        await record(trx, actor, 'save_draft', row, after, { answered });
        return detail(actor, after, trx);
      });
    },

    /** Submit the completed form for the agency's review; the result is computed and frozen here. */
    async submit(actor: Actor, id: string, input: SubmitAssessment): Promise<AssessmentDetail> {
      requirePermission(actor, 'assessments:perform');
      if (input.form) checkDraft(input.form);
      const agency = await agencyOf(actor);
      return db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, agency, trx, true);
        const form = input.form ?? readForm(row);
        // State, permission and assessor first (nothing about the form leaks to others) …
        assertAllowed(actor, 'submit', row, await guardContext(actor, row, { formComplete: true }, trx));
        // … then completeness, naming every missing item.
        if (!form) throw invalid('ASSESSMENT_FORM_INCOMPLETE', '评估表尚未填写');
        const checked = checkScoreInput(form);
        if (!checked.ok) throwProblems(checked.error);
        const date = checkAssessmentDate(input.assessment_date, row);
        const settings = await settingsFor(row.region_code, date, trx);
        const scored = scoreAssessment(checked.value, settings.grade_change);
        const stored: StoredResult = { ...scored, settings: settings.grade_change };
        const after = await mustUpdate(
          trx,
          row,
          {
            status: 'submitted',
            form_enc: crypto.encrypt(JSON.stringify(form)),
            result_enc: crypto.encrypt(JSON.stringify(stored)),
            assessment_date: date,
            submitted_at: clock.now(),
            submitted_by: actor.userId,
          },
          input.version,
        );
        await logAction(trx, actor, after, { action: 'submit', from: row.status, to: 'submitted' });
        await record(trx, actor, 'submit', row, after);
        return detail(actor, after, trx);
      });
    },

    /** Agency review: approve (to publication) or return to the assessors with a comment. */
    async review(actor: Actor, id: string, input: ReviewAssessment): Promise<AssessmentDetail> {
      requirePermission(actor, 'assessments:review');
      if (input.decision === 'return' && !input.comment) throw invalid('ASSESSMENT_RETURN_COMMENT', '退回修改须填写意见');
      const agency = await agencyOf(actor);
      return db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, agency, trx, true);
        const to = assertAllowed(actor, input.decision, row, await guardContext(actor, row, {}, trx));
        const name = await displayName(actor, trx);
        const after = await mustUpdate(
          trx,
          row,
          { status: to, reviewer_id: actor.userId, reviewer_name: name, reviewed_at: clock.now(), review_comment: input.comment ?? null, ...(input.decision === 'return' ? { result_enc: null, submitted_at: null } : {}) },
          input.version,
        );
        await logAction(trx, actor, after, { action: input.decision, from: row.status, to, comment: input.comment ?? null }, name);
        await record(trx, actor, input.decision, row, after);
        return detail(actor, after, trx);
      });
    },

    /** Publish: the person's `capability_grade` fact is set from this assessment (source: assessment). */
    async publish(actor: Actor, id: string, input: { version: number }): Promise<AssessmentDetail> {
      requirePermission(actor, 'assessments:review');
      const agency = await agencyOf(actor);
      return db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, agency, trx, true);
        const after = await publishInTrx(trx, actor, row, input.version);
        return detail(actor, after, trx);
      });
    },

    /** The person or family object to a published result: a dispute re-assessment is requested. */
    async object(actor: Actor, id: string, input: ObjectAssessment): Promise<AssessmentDetail> {
      requirePermission(actor, 'assessments:request');
      const agency = await agencyOf(actor);
      return db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, agency, trx, true);
        const to = assertAllowed(actor, 'object', row, await guardContext(actor, row, {}, trx));
        const latest = await repo.latestPublished(row.county_code, row.person_id, trx);
        if (latest && latest.id !== row.id) throw conflict('ASSESSMENT_SUPERSEDED', `该评估结果已被更新的评估（${latest.number}）取代`);
        const ref = await registry.findRef(row.person_id, trx);
        if (!ref) throw notFound('NOT_FOUND', '老年人档案不存在');
        const name = await displayName(actor, trx);
        const updated = await mustUpdate(trx, row, { status: to, objection_reason: input.reason, objected_at: clock.now(), objected_by_name: name }, input.version);
        const dispute = await createRequest(trx, actor, ref, {
          reason: 'dispute',
          channel: 'applicant',
          applicantName: input.applicant_name,
          applicantRelation: input.applicant_relation,
          note: input.reason,
          disputesId: row.id,
        });
        const after = (await repo.update(updated, { dispute_id: dispute.id }, trx))!;
        await logAction(trx, actor, after, { action: 'object', from: row.status, to, comment: input.reason, details: { dispute_id: dispute.id } }, name);
        await record(trx, actor, 'object', row, after, { dispute_id: dispute.id });
        return detail(actor, dispute, trx);
      });
    },

    async cancel(actor: Actor, id: string, input: { reason: string; version: number }): Promise<AssessmentDetail> {
      requirePermission(actor, 'assessments:assign');
      const agency = await agencyOf(actor);
      return db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, agency, trx, true);
        const to = assertAllowed(actor, 'cancel', row, await guardContext(actor, row, {}, trx));
        const after = await mustUpdate(trx, row, { status: to, cancel_reason: input.reason }, input.version);
        await logAction(trx, actor, after, { action: 'cancel', from: row.status, to, comment: input.reason });
        await record(trx, actor, 'cancel', row, after, { reason: input.reason });
        return detail(actor, after, trx);
      });
    },

    // ---- registry events -----------------------------------------------------------------------

    /** person.died: open assessments end, the person leaves the due list. */
    async onPersonDied(actor: Actor, personId: string) {
      await db.transaction().execute(async (trx) => {
        for (const row of await repo.openForPersonAnyCounty(personId, trx)) {
          const after = (await repo.update(row, { status: 'cancelled', cancel_reason: '老人已去世' }, trx))!;
          await logAction(trx, actor, after, { action: 'cancel', from: row.status, to: 'cancelled', comment: '老人已去世' });
          await record(trx, actor, 'cancel', row, after, { reason: 'person.died' });
        }
        await repo.deactivateSchedule(personId, trx);
      });
    },

    /** person.moved: assessments and the schedule follow the person to the new region. */
    async onPersonMoved(personId: string, toRegion: string) {
      await db.transaction().execute((trx) => repo.moveRegion(personId, toRegion, trx));
    },

    // for tests and the demo seeder
    ensureDailyJob: () => ensureDailyJob(db),
    settingsFor,
  };

  /** The Annex C report (print page and PDF): health data, so `health:read` is required. */
  async function reportOf(actor: Actor, id: string): Promise<{ model: ReportModel; detail: AssessmentDetail }> {
    requirePermission(actor, 'assessments:read');
    requirePermission(actor, 'health:read');
    const d = await detail(actor, await getVisible(actor, id, await agencyOf(actor)));
    const model = buildReportModel(d, (await deps.regions.nameOf(d.region_code)) ?? null);
    if (!model) throw conflict('ASSESSMENT_NO_RESULT', '评估尚未提交完整结果，暂无评估报告');
    return { model, detail: d };
  }

  async function assessorsIn(orgId: string): Promise<Array<{ id: string; name: string }>> {
    const { items } = await users.list(systemActor('assessment'), { org_id: orgId, status: 'active', page: 1, page_size: 200 });
    const out = [];
    for (const u of items) {
      const p = await users.principal(u.id);
      if (p?.roles.some((r) => r.permissions.includes('assessments:perform'))) out.push({ id: u.id, name: u.display_name });
    }
    return out;
  }
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
