/**
 * Wire contracts of visiting care (探访关爱): roster, assignment, due lists, visit records,
 * escalation alerts, referrals and the visit rate. Phones are always masked here.
 * Record fields follow standards.md §5.2 (民政部等10部门 2022 指导意见; 002 附件 第16项):
 * visitor, time, mode, living situation, safety risks, supporters' duty, needs referred, risk.
 */
import { z } from 'zod';
import { PlainDateString, RegionCode, Uuid } from '../contracts/common';
import { HARDSHIP_TAG_CODES, type HardshipTag } from '../person/hardship';
import { VISIT_FREQUENCIES } from './periods';
import { RISK_TIERS } from './policy';

export const VISIT_MODES = ['onsite', 'phone', 'video'] as const;
export const VisitMode = z.enum(VISIT_MODES);
export const VISIT_MODE_LABELS: Record<(typeof VISIT_MODES)[number], string> = { onsite: '上门探访', phone: '电话探访', video: '视频探访' };

/** `not_reached` is a failed contact (未联系上): recorded, never counted as a visit. */
export const VISIT_OUTCOMES = ['visited', 'not_reached'] as const;
export const VisitOutcome = z.enum(VISIT_OUTCOMES);

export const CONDITIONS = ['good', 'concern', 'danger'] as const;
export const Condition = z.enum(CONDITIONS);
export const CONDITION_LABELS: Record<(typeof CONDITIONS)[number], string> = { good: '良好', concern: '需关注', danger: '危险' };

/** Whether supporters fulfil their duty of support (赡养/扶养义务履行情况). */
export const FAMILY_SUPPORT = ['fulfilled', 'partial', 'not_fulfilled', 'no_supporter'] as const;
export const FamilySupport = z.enum(FAMILY_SUPPORT);

const note = z.string().trim().max(500, '说明不超过500字');
const finding = <T extends z.ZodType>(status: T) => z.union([status, z.object({ status, note: note.optional() })]);

/** Findings of a visit. Each item is a status or `{status, note}`; "danger" anywhere raises an alert. */
export const VisitFindings = z
  .strictObject({
    health: finding(Condition).optional(),
    home_safety: finding(Condition).optional(),
    living_conditions: finding(Condition).optional(),
    mood: finding(Condition).optional(),
    family_support: finding(FamilySupport).optional(),
    note: z.string().trim().max(2000, '情况说明不超过2000字').optional(),
  })
  .meta({ id: 'VisitFindings' });
export type VisitFindings = z.infer<typeof VisitFindings>;

export const FINDING_ITEMS = ['health', 'home_safety', 'living_conditions', 'mood', 'family_support'] as const;
export type FindingItem = (typeof FINDING_ITEMS)[number];

export const StoredFinding = z.object({ status: z.string(), note: z.string().optional() });
export const StoredFindings = z.object({
  health: StoredFinding.optional(),
  home_safety: StoredFinding.optional(),
  living_conditions: StoredFinding.optional(),
  mood: StoredFinding.optional(),
  family_support: StoredFinding.optional(),
  note: z.string().optional(),
});
export type StoredFindings = z.infer<typeof StoredFindings>;

/** Normalise findings to `{status, note?}` per item. */
export function normaliseFindings(f: VisitFindings): StoredFindings {
  const out: StoredFindings = {};
  for (const k of FINDING_ITEMS) {
    const v = f[k];
    if (v === undefined) continue;
    out[k] = typeof v === 'string' ? { status: v } : { status: v.status, ...(v.note ? { note: v.note } : {}) };
  }
  if (f.note) out.note = f.note;
  return out;
}

export function findingsShowDanger(f: StoredFindings): boolean {
  return FINDING_ITEMS.some((k) => f[k]?.status === 'danger');
}

/** Needs referred to another module's queue (需求转介). */
export const REFERRAL_KINDS = ['service', 'assessment', 'subsidy'] as const;
export const ReferralKind = z.enum(REFERRAL_KINDS);
export const REFERRAL_KIND_LABELS: Record<(typeof REFERRAL_KINDS)[number], string> = { service: '居家养老服务', assessment: '能力评估', subsidy: '补贴申请' };
/** Which module's queue each kind lands in (the `visit.referral` event's `target_module`). */
export const REFERRAL_TARGET: Record<(typeof REFERRAL_KINDS)[number], string> = { service: 'services', assessment: 'assessment', subsidy: 'benefits' };
export const REFERRAL_STATUSES = ['open', 'accepted', 'done', 'rejected'] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);

export const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export const RecordVisit = z
  .object({
    person_id: Uuid,
    mode: VisitMode,
    visited_at: z
      .string()
      .regex(ISO_INSTANT_RE, '探访时间应为ISO-8601格式，如 2025-06-03T10:00:00+08:00（不带时区按北京时间）')
      .meta({ example: '2025-06-03T10:00:00+08:00' }),
    outcome: VisitOutcome.default('visited'),
    findings: VisitFindings.default({}),
    risk_level: z.enum(RISK_TIERS).optional(),
    needs: z.string().trim().max(1000, '需求不超过1000字').optional(),
    referrals: z
      .array(z.object({ kind: ReferralKind, need: z.string().trim().min(1, '请填写转介的需求').max(500) }))
      .max(10)
      .default([]),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'RecordVisit' });
export type RecordVisit = z.infer<typeof RecordVisit>;

export const AttachmentMeta = z.object({ id: Uuid, content_type: z.string(), byte_size: z.number().int(), created_at: z.string() });

export const ReferralRecord = z
  .object({
    id: Uuid,
    person_id: Uuid,
    person_name: z.string().nullable(),
    region_code: z.string(),
    source_module: z.string(),
    source_id: z.string().nullable(),
    target_module: z.string(),
    kind: z.string(),
    need: z.string(),
    status: ReferralStatus,
    target_ref: z.string().nullable(),
    note: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Referral' });
export type ReferralRecord = z.infer<typeof ReferralRecord>;

export const ALERT_KINDS = ['danger', 'unreachable', 'overdue'] as const;
export const AlertKind = z.enum(ALERT_KINDS);
export const ALERT_KIND_LABELS: Record<(typeof ALERT_KINDS)[number], string> = { danger: '发现危险', unreachable: '多次未联系上', overdue: '逾期未探访' };
export const AlertStatus = z.enum(['open', 'resolved']);

export const VisitAlert = z
  .object({
    id: Uuid,
    person_id: Uuid,
    person_name: z.string().nullable(),
    region_code: z.string(),
    region_name: z.string().nullable(),
    kind: AlertKind,
    reason: z.string(),
    period_key: z.string().nullable(),
    source_visit_id: z.string().nullable(),
    raised_at: z.string(),
    deadline_at: z.string(),
    /** Open and past its deadline. */
    overdue: z.boolean(),
    status: AlertStatus,
    resolved_at: z.string().nullable(),
    resolution: z.string().nullable(),
    resolution_visit_id: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'VisitAlert' });
export type VisitAlert = z.infer<typeof VisitAlert>;

export const VisitRecord = z
  .object({
    id: Uuid,
    person_id: Uuid,
    person_name: z.string().nullable(),
    region_code: z.string(),
    visitor_id: z.string().nullable(),
    visitor_name: z.string(),
    mode: VisitMode,
    outcome: VisitOutcome,
    visited_at: z.string(),
    visited_on: z.string(),
    findings: StoredFindings,
    risk_level: z.enum(RISK_TIERS).nullable(),
    danger: z.boolean(),
    needs: z.string().nullable(),
    note: z.string().nullable(),
    referrals: z.array(ReferralRecord),
    attachments: z.array(AttachmentMeta),
    alerts: z.array(VisitAlert),
    recorded_at: z.string(),
  })
  .meta({ id: 'VisitRecord' });
export type VisitRecord = z.infer<typeof VisitRecord>;

export const WILLINGNESS = ['willing', 'declined', 'unknown'] as const;
export const Willingness = z.enum(WILLINGNESS);
export const WILLINGNESS_LABELS: Record<(typeof WILLINGNESS)[number], string> = { willing: '愿意', declined: '不愿意', unknown: '未了解' };

export const ContactOut = z.object({ name: z.string(), relation: z.string(), phone: z.string().nullable().meta({ description: '脱敏' }) });
export const ContactIn = z.object({
  name: z.string().trim().min(1, '请填写联系人姓名').max(50),
  relation: z.string().trim().min(1, '请填写与老人的关系').max(20),
  phone: z.string().trim().max(30).nullable().optional(),
});

export const REMOVAL_REASONS = ['tags_lost', 'died', 'moved_out', 'merged', 'left_registry'] as const;

export const RosterEntry = z
  .object({
    person_id: Uuid,
    name: z.string().nullable(),
    sex: z.enum(['male', 'female']).nullable(),
    age: z.number().int().nullable(),
    region_code: z.string(),
    region_name: z.string().nullable(),
    grid: z.string().nullable(),
    tags: z.array(z.string()),
    risk_tier: z.enum(RISK_TIERS),
    frequency: z.enum(VISIT_FREQUENCIES),
    active: z.boolean(),
    enrolled_on: z.string(),
    removed_on: z.string().nullable(),
    removed_reason: z.string().nullable(),
    willingness: Willingness,
    willingness_on: z.string().nullable(),
    contacts: z.array(ContactOut),
    visitor_id: z.string().nullable(),
    visitor_name: z.string().nullable(),
    last_visited_on: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'RosterEntry' });
export type RosterEntry = z.infer<typeof RosterEntry>;

export const RosterHistoryItem = z.object({ at: z.string(), change: z.string(), details: z.record(z.string(), z.unknown()), actor: z.string().nullable() });

export const RosterDetail = RosterEntry.extend({
  visits: z.array(VisitRecord),
  alerts: z.array(VisitAlert),
  history: z.array(RosterHistoryItem),
}).meta({ id: 'RosterDetail' });
export type RosterDetail = z.infer<typeof RosterDetail>;

const bool = z.stringbool();
const tag = z.enum(HARDSHIP_TAG_CODES as [HardshipTag, ...HardshipTag[]]);

export const RosterQuery = z.object({
  region: RegionCode.optional(),
  visitor_id: Uuid.optional(),
  unassigned: bool.optional(),
  tag: tag.optional(),
  willingness: Willingness.optional(),
  risk_tier: z.enum(RISK_TIERS).optional(),
  frequency: z.enum(VISIT_FREQUENCIES).optional(),
  grid: z.string().max(40).optional(),
  status: z.enum(['active', 'removed']).default('active'),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});
export type RosterQuery = z.infer<typeof RosterQuery>;

export const UpdateRoster = z.object({
  willingness: Willingness.optional(),
  willingness_on: PlainDateString.optional(),
  contacts: z.array(ContactIn).max(5, '联系人最多5位').optional(),
  grid: z.string().trim().max(40).nullable().optional(),
  risk_tier: z.enum(RISK_TIERS).optional(),
  version: z.number().int(),
});
export type UpdateRoster = z.infer<typeof UpdateRoster>;

export const AssignVisitor = z
  .object({
    /** null: take the people off their visitor. */
    visitor_id: Uuid.nullable(),
    person_ids: z.array(Uuid).min(1).max(1000).optional(),
    /** Bulk: everyone on the roster in this community (or street), optionally one grid. */
    region: RegionCode.optional(),
    grid: z.string().trim().max(40).optional(),
    only_unassigned: z.boolean().default(false),
  })
  .refine((v) => (v.person_ids ? 1 : 0) + (v.region ? 1 : 0) === 1, { message: '请指定老人（person_ids）或社区/网格（region）之一' });
export type AssignVisitor = z.infer<typeof AssignVisitor>;

export const VisitorSummary = z.object({
  id: Uuid,
  display_name: z.string(),
  org_name: z.string(),
  region_code: z.string(),
  roles: z.array(z.string()),
  assigned: z.number().int(),
});

export const PERIOD_CHOICES = ['current', 'week', 'month'] as const;
/**
 * `current`: each person in their own frequency's period (weekly people this week, the rest this
 * month) — the visitor's work list. `month`: the monthly visit rate (000 三(二)7), everyone due.
 * `week`: the weekly visit rate (003 二(二)4), people visited weekly.
 */
export const PeriodChoice = z.enum(PERIOD_CHOICES);
export type PeriodChoice = z.infer<typeof PeriodChoice>;

export const VisitDueQuery = z.object({
  region: RegionCode.optional(),
  visitor_id: Uuid.optional(),
  period: PeriodChoice.default('current'),
  /** Any day of the period (default today, China time). */
  date: PlainDateString.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type VisitDueQuery = z.infer<typeof VisitDueQuery>;

export const VisitDueItem = RosterEntry.pick({
  person_id: true,
  name: true,
  sex: true,
  age: true,
  region_code: true,
  region_name: true,
  grid: true,
  tags: true,
  risk_tier: true,
  frequency: true,
  last_visited_on: true,
  willingness: true,
  visitor_id: true,
  visitor_name: true,
})
  .extend({
    /** The person's period (their frequency's, or the one asked for). */
    period_start: z.string(),
    period_end: z.string(),
    /** Failed contacts in that period since the last successful visit. */
    failed_attempts: z.number().int(),
    open_alerts: z.number().int(),
  })
  .meta({ id: 'VisitDueItem' });
export type VisitDueItem = z.infer<typeof VisitDueItem>;

export const RateQuery = z.object({
  region: RegionCode.optional(),
  visitor_id: Uuid.optional(),
  period: PeriodChoice.default('current'),
  date: PlainDateString.optional(),
});
export type RateQuery = z.infer<typeof RateQuery>;

export const VisitRate = z
  .object({
    due: z.number().int(),
    visited: z.number().int(),
    /** visited ÷ due; null when nobody is due. */
    rate: z.number().nullable(),
    /** On the roster but declined visits (not counted as due when the policy says so). */
    declined: z.number().int(),
    region_code: z.string(),
    period: PeriodChoice,
    period_start: z.string(),
    period_end: z.string(),
  })
  .meta({ id: 'VisitRate' });
export type VisitRate = z.infer<typeof VisitRate>;

export const RegionRate = z.object({ region_code: z.string(), region_name: z.string().nullable(), due: z.number().int(), visited: z.number().int(), rate: z.number().nullable() });

/** Without `person_id`, `from` defaults to 31 days ago. */
export const VisitQuery = z.object({
  region: RegionCode.optional(),
  person_id: Uuid.optional(),
  visitor_id: Uuid.optional(),
  outcome: VisitOutcome.optional(),
  from: PlainDateString.optional(),
  to: PlainDateString.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});
export type VisitQuery = z.infer<typeof VisitQuery>;

export const AlertQuery = z.object({
  region: RegionCode.optional(),
  status: AlertStatus.optional(),
  kind: AlertKind.optional(),
  overdue: bool.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});
export type AlertQuery = z.infer<typeof AlertQuery>;

export const ResolveAlert = z.object({ resolution: z.string().trim().min(2, '请填写处置情况').max(500), version: z.number().int() });

export const ReferralQuery = z.object({
  region: RegionCode.optional(),
  status: ReferralStatus.optional(),
  target_module: z.enum(['services', 'assessment', 'benefits']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});
export type ReferralQuery = z.infer<typeof ReferralQuery>;

export const UpdateReferral = z.object({
  status: z.enum(['accepted', 'done', 'rejected']),
  note: z.string().trim().max(500).optional(),
  target_ref: z.string().trim().max(100).optional(),
  version: z.number().int(),
});

export const RebuildRoster = z.object({ region: RegionCode });
