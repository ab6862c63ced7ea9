/**
 * The on-site form (评估表): Annex A basic information that matters for the result (A.2 selected
 * items, A.3 informant, A.4 diagnoses and medication, A.5.11 coma, A.2.14 risk events) and the
 * Annex B item scores. Drafts may leave items unanswered; submission needs all 26.
 * Everything here is health data: shown only to holders of `health:read`.
 */
import { z } from 'zod';
import { EDUCATION_LEVELS, INCOME_SOURCES, INFORMANT_RELATIONS, LIVING_WITH, MARITAL_STATUSES, MEDICAL_PAYMENTS } from './annex-a';
import { RiskEvents30d } from './ScoreRequest';

const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const AssessmentBasicInfo = z
  .object({
    height_cm: z.number().min(50, '身高应在50～250厘米之间').max(250, '身高应在50～250厘米之间').nullable().optional(),
    weight_kg: z.number().min(10, '体重应在10～300公斤之间').max(300, '体重应在10～300公斤之间').nullable().optional(),
    education: z.enum(keysOf(EDUCATION_LEVELS)).nullable().optional(),
    marital_status: z.enum(keysOf(MARITAL_STATUSES)).nullable().optional(),
    living_with: z.array(z.enum(keysOf(LIVING_WITH))).max(8).optional(),
    medical_payment: z.array(z.enum(keysOf(MEDICAL_PAYMENTS))).max(9).optional(),
    income_sources: z.array(z.enum(keysOf(INCOME_SOURCES))).max(6).optional(),
  })
  .meta({ id: 'AssessmentBasicInfo', description: 'A.2 评估对象基本信息（健康相关部分）' });

export const AssessmentInformant = z
  .object({
    name: z.string().trim().max(50).nullable().optional(),
    relation: z.enum(keysOf(INFORMANT_RELATIONS)).nullable().optional(),
  })
  .meta({ id: 'AssessmentInformant', description: 'A.3 信息提供者' });

export const AssessmentForm = z
  .object({
    basic: AssessmentBasicInfo.default({}),
    informant: AssessmentInformant.default({}),
    diagnoses: z.array(z.string().max(12)).max(50).default([]).meta({ description: 'A.4.1 疾病诊断（ICD-10编码）' }),
    medications: z.string().trim().max(1000).nullable().optional().meta({ description: 'A.4.2 用药情况' }),
    coma: z.boolean().default(false).meta({ description: 'A.5.11 昏迷' }),
    risk_events_30d: RiskEvents30d.default({ fall: 0, wandering: 0, choking: 0, self_harm: 0, other: 0 }),
    items: z.record(z.string(), z.number()).default({}).meta({ description: 'Annex B 二级指标得分（草稿可不全）' }),
    location: z.string().trim().max(200).nullable().optional().meta({ description: '评估地点' }),
    notes: z.string().trim().max(2000).nullable().optional(),
  })
  .meta({ id: 'AssessmentForm' });
export type AssessmentForm = z.infer<typeof AssessmentForm>;

export const EMPTY_ASSESSMENT_FORM: AssessmentForm = AssessmentForm.parse({});
