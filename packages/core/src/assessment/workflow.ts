/**
 * The assessment workflow as a declarative transition table (issue 4 §3): request → assignment to
 * an agency and two assessors → on-site form (drafts) → agency review → publication → objection and
 * re-assessment. Each row says who (permission) may do what (action) in which states, to which
 * state, under which guards. The server enforces it; the web app shows the same rows as buttons.
 */
import type { Permission } from '../auth/permissions';

export const ASSESSMENT_STATUSES = ['requested', 'assigned', 'in_progress', 'submitted', 'reviewed', 'published', 'objected', 'cancelled'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  requested: '待分派',
  assigned: '待评估',
  in_progress: '评估中',
  submitted: '待审核',
  reviewed: '待发布',
  published: '已发布',
  objected: '已提出异议',
  cancelled: '已取消',
};

/** States in which no more work happens on the assessment itself. */
export const CLOSED_STATUSES: readonly AssessmentStatus[] = ['published', 'objected', 'cancelled'];
export const OPEN_STATUSES: readonly AssessmentStatus[] = ASSESSMENT_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));

/** A.1.3 评估原因. */
export const ASSESSMENT_REASONS = ['first', 'routine', 'immediate', 'dispute'] as const;
export type AssessmentReason = (typeof ASSESSMENT_REASONS)[number];
export const ASSESSMENT_REASON_LABELS: Record<AssessmentReason, string> = {
  first: '首次评估',
  routine: '常规评估',
  immediate: '即时评估',
  dispute: '因对评估结果有疑问进行的复评',
};

/** How a request arrived. */
export const REQUEST_CHANNELS = ['applicant', 'staff', 'subsidy', 'admission', 'change_report', 'schedule'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const REQUEST_CHANNEL_LABELS: Record<RequestChannel, string> = {
  applicant: '本人或家属申请（工作人员代办）',
  staff: '工作人员发起',
  subsidy: '申请养老服务补贴',
  admission: '申请入住养老机构',
  change_report: '探访或服务中发现能力明显变化',
  schedule: '到期复评',
};
/** Channels other modules use when they need an assessment (000 三(二)5; 003 二(一)3). */
export const AUTOMATIC_CHANNELS: readonly RequestChannel[] = ['subsidy', 'admission', 'change_report'];

export const APPLICANT_RELATIONS = ['self', 'spouse', 'child', 'other_relative', 'guardian', 'village_committee', 'other'] as const;
export type ApplicantRelation = (typeof APPLICANT_RELATIONS)[number];
export const APPLICANT_RELATION_LABELS: Record<ApplicantRelation, string> = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  other_relative: '其他亲属',
  guardian: '监护人',
  village_committee: '村（居）民委员会',
  other: '其他',
};

export const ASSESSMENT_ACTIONS = ['request', 'assign', 'save_draft', 'submit', 'return', 'approve', 'publish', 'object', 'cancel'] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];
export const ASSESSMENT_ACTION_LABELS: Record<AssessmentAction | 'change_reported', string> = {
  request: '申请评估',
  assign: '分派评估员',
  save_draft: '保存草稿',
  submit: '提交审核',
  return: '退回修改',
  approve: '审核通过',
  publish: '发布结果',
  object: '提出异议',
  cancel: '取消评估',
  change_reported: '报告能力明显变化',
};

/**
 * What a failed guard means for the caller: bad input (400), the wrong person (403), or the
 * assessment's situation (409).
 */
export type GuardKind = 'input' | 'actor' | 'state';

/** Conditions a transition needs besides the permission; evaluated on a `GuardContext`. */
export const GUARDS = {
  assessors_distinct: {
    kind: 'input',
    code: 'ASSESSMENT_ASSESSORS_SAME',
    message: '两名评估员不能是同一人',
    test: (c: GuardContext) => !!c.newAssessors && c.newAssessors[0] !== c.newAssessors[1],
  },
  dispute_assessors_fresh: {
    kind: 'input',
    code: 'ASSESSMENT_DISPUTE_SAME_ASSESSOR',
    message: '复评须由原评估以外的评估员实施',
    test: (c: GuardContext) => !c.newAssessors || !c.disputedAssessors.some((a) => c.newAssessors!.includes(a)),
  },
  actor_is_assessor: {
    kind: 'actor',
    code: 'ASSESSMENT_NOT_ASSESSOR',
    message: '只有分派的评估员可以填写和提交本次评估',
    test: (c: GuardContext) => c.actorId !== null && c.assessors.includes(c.actorId),
  },
  actor_not_assessor: {
    kind: 'actor',
    code: 'ASSESSMENT_REVIEWER_IS_ASSESSOR',
    message: '审核、发布人不能是本次评估的评估员',
    test: (c: GuardContext) => c.actorId === null || !c.assessors.includes(c.actorId),
  },
  form_complete: {
    kind: 'input',
    code: 'ASSESSMENT_FORM_INCOMPLETE',
    message: '评估表尚未填写完整（26项均须评分）',
    test: (c: GuardContext) => c.formComplete,
  },
  within_objection_window: {
    kind: 'state',
    code: 'ASSESSMENT_OBJECTION_EXPIRED',
    message: '已超过提出异议的期限',
    test: (c: GuardContext) => c.objectionOpen,
  },
  not_dispute: {
    kind: 'state',
    code: 'ASSESSMENT_DISPUTE_FINAL',
    message: '复评结果为最终结果，不能再次提出异议',
    test: (c: GuardContext) => c.reason !== 'dispute',
  },
} as const satisfies Record<string, { kind: GuardKind; code: string; message: string; test: (c: GuardContext) => boolean }>;
export type GuardName = keyof typeof GUARDS;

export interface GuardContext {
  actorId: string | null;
  reason: AssessmentReason;
  /** The two assigned assessors (empty before assignment). */
  assessors: readonly string[];
  /** Assessors proposed by an assignment. */
  newAssessors?: readonly [string, string] | undefined;
  /** Assessors of the assessment this one re-examines (dispute), else empty. */
  disputedAssessors: readonly string[];
  formComplete: boolean;
  objectionOpen: boolean;
}

export interface Transition {
  action: Exclude<AssessmentAction, 'request'>;
  from: readonly AssessmentStatus[];
  /** null: the state does not change (e.g. re-assigning, saving a draft while in progress). */
  to: AssessmentStatus | null;
  permission: Permission;
  guards: readonly GuardName[];
}

export const TRANSITIONS: readonly Transition[] = [
  { action: 'assign', from: ['requested'], to: 'assigned', permission: 'assessments:assign', guards: ['assessors_distinct', 'dispute_assessors_fresh'] },
  { action: 'assign', from: ['assigned', 'in_progress'], to: null, permission: 'assessments:assign', guards: ['assessors_distinct', 'dispute_assessors_fresh'] },
  { action: 'save_draft', from: ['assigned', 'in_progress'], to: 'in_progress', permission: 'assessments:perform', guards: ['actor_is_assessor'] },
  { action: 'submit', from: ['assigned', 'in_progress'], to: 'submitted', permission: 'assessments:perform', guards: ['actor_is_assessor', 'form_complete'] },
  { action: 'return', from: ['submitted'], to: 'in_progress', permission: 'assessments:review', guards: ['actor_not_assessor'] },
  { action: 'approve', from: ['submitted'], to: 'reviewed', permission: 'assessments:review', guards: ['actor_not_assessor'] },
  { action: 'publish', from: ['reviewed'], to: 'published', permission: 'assessments:review', guards: ['actor_not_assessor'] },
  { action: 'object', from: ['published'], to: 'objected', permission: 'assessments:request', guards: ['within_objection_window', 'not_dispute'] },
  { action: 'cancel', from: ['requested', 'assigned', 'in_progress'], to: 'cancelled', permission: 'assessments:assign', guards: [] },
];

export type TransitionCheck =
  | { ok: true; to: AssessmentStatus; transition: Transition }
  | { ok: false; kind: 'state' | 'permission' | 'guard'; guardKind?: GuardKind; code: string; message: string };

/** Whether `action` is allowed in `status` for an actor holding `permissions`, under `ctx`. */
export function checkTransition(action: Transition['action'], status: AssessmentStatus, permissions: ReadonlySet<string>, ctx: GuardContext): TransitionCheck {
  const rows = TRANSITIONS.filter((t) => t.action === action);
  const row = rows.find((t) => t.from.includes(status));
  if (!row) {
    return { ok: false, kind: 'state', code: 'ASSESSMENT_STATE_INVALID', message: `评估当前状态为“${ASSESSMENT_STATUS_LABELS[status]}”，不能${ASSESSMENT_ACTION_LABELS[action]}` };
  }
  if (!permissions.has(row.permission)) {
    return { ok: false, kind: 'permission', code: 'PERMISSION_DENIED', message: `没有权限执行此操作（需要“${row.permission}”权限）` };
  }
  for (const g of row.guards) {
    const guard = GUARDS[g];
    if (!guard.test(ctx)) return { ok: false, kind: 'guard', guardKind: guard.kind, code: guard.code, message: guard.message };
  }
  return { ok: true, to: row.to ?? status, transition: row };
}

/**
 * Actions the actor may take now (for buttons). Guards that depend on input not yet given
 * (the assessors of an assignment, the completeness of a form being edited) are not evaluated.
 */
export function availableActions(status: AssessmentStatus, permissions: ReadonlySet<string>, ctx: GuardContext): Transition['action'][] {
  const deferred: GuardName[] = ['assessors_distinct', 'dispute_assessors_fresh', 'form_complete'];
  const out = new Set<Transition['action']>();
  for (const t of TRANSITIONS) {
    if (!t.from.includes(status) || !permissions.has(t.permission)) continue;
    if (t.guards.every((g) => deferred.includes(g) || GUARDS[g].test(ctx))) out.add(t.action);
  }
  return [...out];
}
