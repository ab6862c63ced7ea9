/**
 * The public scoring contract `POST /api/v1/assessments/score` (issue 4 §2). Item codes and
 * points are checked by `checkScoreInput` so that every error names the item; the schema only
 * fixes the JSON types.
 */
import { z } from 'zod';
import { CAPABILITY_GRADES } from './grades';
import { DIMENSION_CODES } from './items';

const RiskCount = z.number().int().meta({ description: '近30天内发生次数（0或正整数）' });

export const RiskEvents30d = z
  .object({
    fall: RiskCount.default(0).meta({ description: '跌倒' }),
    wandering: RiskCount.default(0).meta({ description: '走失' }),
    choking: RiskCount.default(0).meta({ description: '噎食' }),
    self_harm: RiskCount.default(0).meta({ description: '自杀、自伤' }),
    other: RiskCount.default(0).meta({ description: '其他' }),
  })
  .meta({ id: 'RiskEvents30d', description: 'A.2.14 近30天内照护风险事件' });
export type RiskEvents30d = z.infer<typeof RiskEvents30d>;

export const ItemScoresInput = z
  .record(z.string(), z.number())
  .meta({
    description: 'Annex B 26项二级指标得分，键为指标编号（B.1.1～B.4.5），值为所选选项的分值',
    example: { 'B.1.1': 4, 'B.1.2': 4, 'B.2.4': 3, 'B.3.7': 1, 'B.3.9': 2, 'B.4.1': 2 },
  });

export const ScoreRequest = z
  .object({
    items: ItemScoresInput,
    coma: z.boolean().default(false).meta({ description: 'A.5.11 是否处于昏迷状态' }),
    diagnoses: z.array(z.string()).max(100).default([]).meta({ description: 'A.4.1 疾病诊断（ICD-10编码，如F03）', example: ['F03'] }),
    risk_events_30d: RiskEvents30d.default({ fall: 0, wandering: 0, choking: 0, self_harm: 0, other: 0 }),
  })
  .meta({ id: 'ScoreRequest' });
export type ScoreRequest = z.infer<typeof ScoreRequest>;

export const Grade = z.number().int().min(0).max(4).meta({ description: `能力等级 ${CAPABILITY_GRADES.join('/')}：0能力完好 … 4能力完全丧失` });

/** A map keyed by dimension code (B.1…B.4), not field names. */
export const DimensionScoresOut = z
  .record(z.enum(DIMENSION_CODES), z.number().int())
  .meta({ id: 'DimensionScores', description: '一级指标得分：自理能力(32)、基础运动能力(15)、精神状态(28)、感知觉与社会参与(15)' });

export const GradeChangeOut = z.object({
  rule: z.enum(['coma', 'dementia', 'mental_disorder', 'risk_events']),
  description: z.string(),
});

export const ScoreResponse = z
  .object({
    dimensions: DimensionScoresOut,
    total: z.number().int().meta({ description: '总分（满分90）' }),
    initial_grade: Grade.meta({ description: 'C.3 初步等级' }),
    grade: Grade.meta({ description: 'C.5 最终等级' }),
    grade_name: z.string(),
    changes: z.array(GradeChangeOut).meta({ description: 'C.4 能力等级变更依据' }),
  })
  .meta({ id: 'ScoreResponse' });
export type ScoreResponse = z.infer<typeof ScoreResponse>;
