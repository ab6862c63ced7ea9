/** Wire contracts of the assessment workflow (能力综合评估). */
import { z } from 'zod';
import { PlainDateString, RegionCode, Uuid } from '../contracts/common';
import { AssessmentForm } from './AssessmentForm';
import { DimensionScoresOut, Grade, GradeChangeOut } from './ScoreRequest';
import { APPLICANT_RELATIONS, ASSESSMENT_ACTIONS, ASSESSMENT_REASONS, ASSESSMENT_STATUSES, REQUEST_CHANNELS } from './workflow';

export const AssessmentStatusSchema = z.enum(ASSESSMENT_STATUSES);
export const AssessmentReasonSchema = z.enum(ASSESSMENT_REASONS);
export const RequestChannelSchema = z.enum(REQUEST_CHANNELS);
export const ApplicantRelationSchema = z.enum(APPLICANT_RELATIONS);

const Person = z.object({ id: z.string(), name: z.string() });

export const AssessmentSummary = z
  .object({
    id: Uuid,
    number: z.string().meta({ description: 'A.1.1 评估编号' }),
    person_id: Uuid,
    person_name: z.string(),
    region_code: z.string(),
    reason: AssessmentReasonSchema,
    channel: RequestChannelSchema,
    status: AssessmentStatusSchema,
    requested_at: z.string(),
    agency_id: z.string().nullable(),
    agency_name: z.string().nullable(),
    assessors: z.array(Person),
    assessment_date: z.string().nullable().meta({ description: 'A.1.2 评估基准日期' }),
    grade: Grade.nullable().meta({ description: '发布的最终等级（发布前为空）' }),
    grade_name: z.string().nullable(),
    published_at: z.string().nullable(),
    next_due_date: z.string().nullable().meta({ description: '下次免费复评日期' }),
    disputes_id: z.string().nullable().meta({ description: '本次复评针对的原评估' }),
    version: z.number().int(),
  })
  .meta({ id: 'AssessmentSummary' });
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;

export const AssessmentResult = z
  .object({
    dimensions: DimensionScoresOut,
    total: z.number().int(),
    initial_grade: Grade,
    grade: Grade,
    grade_name: z.string(),
    changes: z.array(GradeChangeOut),
    complete: z.boolean().meta({ description: '26项是否均已评分（草稿中为部分小计）' }),
  })
  .meta({ id: 'AssessmentResult' });
export type AssessmentResult = z.infer<typeof AssessmentResult>;

export const AssessmentDetail = AssessmentSummary.extend({
  person_age: z.number().int().nullable(),
  person_sex: z.enum(['male', 'female']).nullable(),
  applicant_name: z.string().nullable(),
  applicant_relation: ApplicantRelationSchema.nullable(),
  request_note: z.string().nullable(),
  source_module: z.string().nullable(),
  source_ref: z.string().nullable(),
  requested_by_name: z.string().nullable(),
  reviewer_name: z.string().nullable(),
  reviewed_at: z.string().nullable(),
  review_comment: z.string().nullable(),
  publisher_name: z.string().nullable(),
  objection: z
    .object({ reason: z.string(), raised_at: z.string(), raised_by_name: z.string().nullable(), dispute_id: z.string().nullable() })
    .nullable(),
  /** Whether the caller may see health details (form, scores, change reasons). */
  health_visible: z.boolean(),
  form: AssessmentForm.nullable().meta({ description: '评估表（健康信息，需health:read）' }),
  result: AssessmentResult.nullable().meta({ description: '得分与等级（健康信息，需health:read）' }),
  allowed_actions: z.array(z.enum(ASSESSMENT_ACTIONS)),
}).meta({ id: 'AssessmentDetail' });
export type AssessmentDetail = z.infer<typeof AssessmentDetail>;

export const AssessmentActionEntry = z
  .object({
    id: z.number().int(),
    action: z.string(),
    from_status: z.string().nullable(),
    to_status: z.string().nullable(),
    actor_name: z.string(),
    at: z.string(),
    comment: z.string().nullable(),
  })
  .meta({ id: 'AssessmentActionEntry' });

export const AssessmentQuery = z.object({
  status: AssessmentStatusSchema.optional(),
  reason: AssessmentReasonSchema.optional(),
  region: RegionCode.optional(),
  person_id: Uuid.optional(),
  mine: z.enum(['true', 'false']).optional().meta({ description: 'true：只看分派给我的评估' }),
  q: z.string().trim().max(40).optional().meta({ description: '评估编号或老人姓名' }),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});
export type AssessmentQuery = z.infer<typeof AssessmentQuery>;

export const RequestAssessment = z.object({
  person_id: Uuid,
  reason: z.enum(['first', 'routine', 'immediate']),
  channel: z.enum(['applicant', 'staff']).default('applicant'),
  applicant_name: z.string().trim().max(50).nullable().optional(),
  applicant_relation: ApplicantRelationSchema.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type RequestAssessment = z.infer<typeof RequestAssessment>;

const Version = z.number().int().meta({ description: '当前版本号（防止并发覆盖）' });

export const AssignAssessment = z.object({
  agency_id: Uuid,
  assessor_ids: z.tuple([Uuid, Uuid]).meta({ description: '两名评估员' }),
  version: Version,
});
export type AssignAssessment = z.infer<typeof AssignAssessment>;

export const SaveAssessmentForm = z.object({
  form: AssessmentForm,
  assessment_date: PlainDateString.nullable().optional(),
  version: Version,
});
export type SaveAssessmentForm = z.infer<typeof SaveAssessmentForm>;

export const SubmitAssessment = SaveAssessmentForm.partial({ form: true });
export type SubmitAssessment = z.infer<typeof SubmitAssessment>;

export const ReviewAssessment = z.object({
  decision: z.enum(['approve', 'return']),
  comment: z.string().trim().max(500).nullable().optional(),
  version: Version,
});
export type ReviewAssessment = z.infer<typeof ReviewAssessment>;

export const PublishAssessment = z.object({ version: Version });

export const ObjectAssessment = z.object({
  reason: z.string().trim().min(2, '请填写异议理由').max(500),
  applicant_name: z.string().trim().max(50).nullable().optional(),
  applicant_relation: ApplicantRelationSchema.nullable().optional(),
  version: Version,
});
export type ObjectAssessment = z.infer<typeof ObjectAssessment>;

export const CancelAssessment = z.object({
  reason: z.string().trim().min(2, '请填写取消原因').max(500),
  version: Version,
});

export const AgencyOption = z
  .object({
    id: Uuid,
    name: z.string(),
    region_code: z.string(),
    assessors: z.array(Person),
  })
  .meta({ id: 'AssessmentAgencyOption' });

export const DueQuery = z.object({
  region: RegionCode.optional(),
  within_days: z.coerce.number().int().min(0).max(366).default(30),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});
export type DueQuery = z.infer<typeof DueQuery>;

export const DueItem = z
  .object({
    person_id: Uuid,
    person_name: z.string(),
    region_code: z.string(),
    age: z.number().int().nullable(),
    last_assessment_id: Uuid,
    last_grade: Grade,
    last_assessment_date: z.string(),
    next_due_date: z.string(),
    days_left: z.number().int().meta({ description: '距到期天数（负数为已逾期）' }),
    reminded_at: z.string().nullable(),
    open_assessment_id: z.string().nullable(),
  })
  .meta({ id: 'AssessmentDueItem' });
export type DueItem = z.infer<typeof DueItem>;

export const StatisticsQuery = z.object({
  region: RegionCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const GradeCounts = z.array(z.number().int()).length(5).meta({ description: '等级0～4的人数' });

export const AssessmentStatistics = z
  .object({
    region_code: z.string(),
    as_of: z.string(),
    year: z.number().int(),
    total_assessed: z.number().int(),
    grade_counts: GradeCounts,
    by_region: z.array(z.object({ region_code: z.string(), region_name: z.string(), counts: GradeCounts, total: z.number().int() })),
    by_age_band: z.array(z.object({ band: z.string(), label: z.string(), counts: GradeCounts, total: z.number().int() })),
    months: z.array(
      z.object({
        month: z.string(),
        due: z.number().int().meta({ description: '当月到期应复评人数' }),
        done: z.number().int().meta({ description: '其中已在到期月底前完成复评的人数' }),
        published: z.number().int().meta({ description: '当月发布的评估数' }),
      }),
    ),
    totals: z.object({
      due: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int().meta({ description: '已到期仍未复评' }),
      published: z.number().int(),
      open: z.number().int().meta({ description: '办理中的评估' }),
    }),
    by_reason: z.array(z.object({ reason: AssessmentReasonSchema, published: z.number().int() })),
  })
  .meta({ id: 'AssessmentStatistics' });
export type AssessmentStatistics = z.infer<typeof AssessmentStatistics>;
