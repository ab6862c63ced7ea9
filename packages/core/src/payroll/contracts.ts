/** API contracts of benefits (applications, enrolments) and payroll (cycles, lines, returns). snake_case JSON. */
import { z } from 'zod';
import { PlainDateString, PlainMonthString, RegionCode, Uuid } from '../contracts/common';

export const ProgrammeCode = z.string().regex(/^[A-Z][A-Z0-9]*-[A-Za-z0-9-]+$/, '项目编码格式不正确（如 LX-07）');
export const CountyCode = z.string().regex(/^\d{6}$/, '发放批次的区划应为6位县级代码');

export const CreateCycle = z.object({ region: CountyCode, programme: ProgrammeCode, month: PlainMonthString });
export type CreateCycle = z.infer<typeof CreateCycle>;

export const CYCLE_STATUSES = ['computing', 'computed', 'approved', 'exported', 'returned', 'closed'] as const;
export const CycleStatus = z.enum(CYCLE_STATUSES);
export const CycleSummary = z.object({
  id: Uuid,
  status: CycleStatus,
  payment_count: z.number().int(),
  total_fen: z.number().int(),
});
export type CycleSummary = z.infer<typeof CycleSummary>;

export const CycleDetail = CycleSummary.extend({
  region: z.string(),
  programme: z.string(),
  programme_name: z.string().nullable(),
  month: z.string(),
  arrears_count: z.number().int(),
  recovery_count: z.number().int(),
  recovery_fen: z.number().int(),
  failed_count: z.number().int(),
  paid_count: z.number().int(),
  prepared_by: z.string().nullable(),
  approved_by: z.string().nullable(),
  content_hash: z.string().nullable(),
  computed_at: z.string().nullable(),
  approved_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  version: z.number().int(),
});
export type CycleDetail = z.infer<typeof CycleDetail>;

export const CycleQuery = z.object({
  region: RegionCode.optional(),
  programme: ProgrammeCode.optional(),
  month: PlainMonthString.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});

export const PaymentLine = z.object({
  id: z.number().int(),
  person_id: Uuid,
  name: z.string(),
  id_number: z.string().nullable(),
  region_code: z.string(),
  period_month: z.string(),
  kind: z.enum(['regular', 'arrears']),
  amount_fen: z.number().int(),
  attempt: z.number().int(),
  original_line_id: z.number().int().nullable(),
  status: z.enum(['computed', 'approved', 'exported', 'paid', 'failed']),
  fail_reason: z.string().nullable(),
  reason: z.string().nullable(),
});
export type PaymentLine = z.infer<typeof PaymentLine>;
export const LineQuery = z.object({
  status: z.enum(['computed', 'approved', 'exported', 'paid', 'failed']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});

export const CycleDiffEntry = z.object({
  person_id: Uuid,
  name: z.string(),
  change: z.enum(['new', 'stopped', 'changed']),
  before_fen: z.number().int().nullable(),
  after_fen: z.number().int().nullable(),
  reason: z.string(),
});
export const CycleReview = z.object({
  previous_cycle_id: Uuid.nullable(),
  items: z.array(CycleDiffEntry),
  skipped: z.array(z.object({ person_id: Uuid, name: z.string(), code: z.string(), reason: z.string() })),
  recoveries: z.array(z.object({ person_id: Uuid, name: z.string(), period_month: z.string(), amount_fen: z.number().int(), reason: z.string() })),
});
export type CycleReview = z.infer<typeof CycleReview>;

export const CycleAction = z.object({ version: z.number().int().optional() });
export const ReturnImportResult = z.object({
  duplicate: z.boolean(),
  rows: z.number().int(),
  paid: z.number().int(),
  failed: z.number().int(),
  status: CycleStatus,
});
export type ReturnImportResult = z.infer<typeof ReturnImportResult>;
export const ReissueResult = z.object({ reissued: z.number().int(), line_ids: z.array(z.number().int()) });

// ---- benefits --------------------------------------------------------------------------------

export const Programme = z.object({
  code: z.string(),
  name: z.string(),
  benefit_kind: z.enum(['cash', 'service_credit']),
  start_rule: z.enum(['month_after_eligible', 'month_of_eligible', 'month_of_approval']),
  requires_application: z.boolean(),
  not_with: z.array(z.string()),
  citation: z.string(),
  monthly_fen_example: z.number().int().nullable(),
  enrolled: z.number().int(),
});
export type Programme = z.infer<typeof Programme>;

export const ENROLMENT_END_REASONS = ['died', 'moved_out', 'lost_eligibility', 'excluded', 'withdrawn', 'other'] as const;
export const Enrolment = z.object({
  id: Uuid,
  person_id: Uuid,
  name: z.string(),
  id_number: z.string().nullable(),
  region_code: z.string(),
  programme: z.string(),
  benefit_kind: z.enum(['cash', 'service_credit']),
  start_month: z.string(),
  end_month: z.string().nullable(),
  status: z.enum(['active', 'suspended', 'terminated']),
  end_reason: z.enum(ENROLMENT_END_REASONS).nullable(),
  source: z.enum(['application', 'auto']),
  version: z.number().int(),
  changes: z.array(z.object({ kind: z.string(), from_month: z.string(), to_month: z.string().nullable(), reason: z.string(), at: z.string() })).optional(),
});
export type Enrolment = z.infer<typeof Enrolment>;
export const EnrolmentQuery = z.object({
  region: RegionCode.optional(),
  programme: ProgrammeCode.optional(),
  status: z.enum(['active', 'suspended', 'terminated']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});
/** 免申即享: enrolment without application, confirmed by street staff. */
export const AutoEnrol = z.object({
  person_id: Uuid,
  programme: ProgrammeCode,
  start_month: PlainMonthString.optional(),
  bank: z.string().max(50).optional(),
  account: z.string().regex(/^\d{8,30}$/, '账号应为8–30位数字').optional(),
  confirm: z.literal(true, { message: '须由街道工作人员确认' }),
});
export const SuspendEnrolment = z.object({ from_month: PlainMonthString, to_month: PlainMonthString.nullable().optional(), reason: z.string().min(2).max(200), version: z.number().int() });
export const ResumeEnrolment = z.object({ from_month: PlainMonthString, reason: z.string().min(2).max(200), version: z.number().int() });
export const TerminateEnrolment = z.object({ last_month: PlainMonthString, end_reason: z.enum(ENROLMENT_END_REASONS), reason: z.string().min(2).max(200), version: z.number().int() });

export const CreateApplication = z.object({
  person_id: Uuid,
  programme: ProgrammeCode,
  applicant_kind: z.enum(['self', 'family', 'staff']),
  applicant_name: z.string().min(1).max(50),
  applicant_relation: z.string().max(20).optional(),
  note: z.string().max(500).optional(),
  bank: z.string().max(50).optional(),
  account: z.string().regex(/^\d{8,30}$/, '账号应为8–30位数字').optional(),
  attachments: z.array(z.object({ name: z.string().max(100), sha256: z.string().regex(/^[0-9a-f]{64}$/), byte_size: z.number().int().min(1).max(10_000_000) })).max(10).default([]),
});
export const DecideApplication = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().min(2, '请填写理由').max(500),
  version: z.number().int(),
});
export const Application = z.object({
  id: Uuid,
  person_id: Uuid,
  name: z.string(),
  region_code: z.string(),
  programme: z.string(),
  applicant_kind: z.enum(['self', 'family', 'staff']),
  applicant_name: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  step: z.string().nullable(),
  step_label: z.string().nullable(),
  step_due_on: z.string().nullable(),
  overdue: z.boolean(),
  chain_version: z.number().int(),
  applied_on: PlainDateString,
  decided_on: z.string().nullable(),
  enrolment_id: z.string().nullable(),
  version: z.number().int(),
  steps: z.array(z.object({ step: z.string(), decision: z.string(), reason: z.string().nullable(), actor_name: z.string().nullable(), at: z.string(), due_on: z.string().nullable(), overdue: z.boolean() })).optional(),
});
export type Application = z.infer<typeof Application>;
export const ApplicationQuery = z.object({
  region: RegionCode.optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});

/** An approval chain step: who acts (permission + region level) and the time limit in days. */
export const ChainStep = z.object({ step: z.string(), label: z.string(), permission: z.enum(['benefits:review', 'benefits:approve']), level: z.enum(['street', 'county']), days: z.number().int().min(1).max(60) });
export type ChainStep = z.infer<typeof ChainStep>;
/** Default chain (002 二(一)2: 街道受理初审 → 县级民政部门审批). */
export const DEFAULT_APPROVAL_CHAIN: ChainStep[] = [
  { step: 'street_review', label: '街道（乡镇）初审', permission: 'benefits:review', level: 'street', days: 5 },
  { step: 'county_approval', label: '县级民政审批', permission: 'benefits:approve', level: 'county', days: 10 },
];

/** Service accounts (养老服务券): statements, provider settlements and the list of account holders. */
export const LEDGER_KINDS = ['credit', 'spend', 'expire', 'refund'] as const;
export const StatementLine = z.object({ on_date: z.string(), kind: z.enum(LEDGER_KINDS), description: z.string().nullable(), amount_fen: z.number().int(), balance_fen: z.number().int() });
export type StatementLine = z.infer<typeof StatementLine>;
export const AccountStatement = z.object({ balance_fen: z.number().int(), lines: z.array(StatementLine) });
export type AccountStatement = z.infer<typeof AccountStatement>;
export const ProviderSettlement = z.object({
  provider: z.string(),
  month: z.string(),
  orders: z.number().int(),
  total_fen: z.number().int(),
  lines: z.array(z.object({ on_date: z.string(), description: z.string().nullable(), amount_fen: z.number().int() })),
});
export type ProviderSettlement = z.infer<typeof ProviderSettlement>;
/** A person's service account in the list of holders: ID number masked, balance in fen. */
export const AccountHolder = z.object({
  person_id: Uuid,
  name: z.string(),
  id_number: z.string(),
  region_code: z.string(),
  programme: z.string(),
  balance_fen: z.number().int(),
});
export type AccountHolder = z.infer<typeof AccountHolder>;
export const AccountHolderQuery = z.object({
  region: RegionCode.optional(),
  programme: ProgrammeCode.optional(),
  /** Part of the name. */
  q: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});
