/**
 * Scoring of one GB/T 42195-2022 assessment: dimension subtotals (C.1), total (C.2), initial grade
 * (C.3), change rules (C.4) and final grade (C.5). One function serves the public scoring contract
 * (`POST /api/v1/assessments/score`), the on-site form (live subtotals in the browser) and the
 * workflow (the result frozen at submission).
 */
import { err, ok, type Result } from '../lib/result';
import {
  applyChangeRules,
  DEFAULT_GRADE_CHANGE_SETTINGS,
  ICD10_RE,
  normaliseDiagnosis,
  RISK_EVENT_LABELS,
  RISK_EVENT_TYPES,
  type GradeChange,
  type GradeChangeSettings,
  type RiskEvents,
} from './change-rules';
import { GRADE_NAMES, initialGradeOf, type CapabilityGrade } from './grades';
import { ASSESSMENT_ITEMS, DIMENSION_CODES, findItem, type DimensionCode } from './items';

export type ItemScores = Record<string, number>;
export type DimensionScores = Record<DimensionCode, number>;

/** A complete, checked scoring input. */
export interface ScoreInput {
  items: ItemScores;
  coma: boolean;
  diagnoses: string[];
  risk_events_30d: RiskEvents;
}

export interface ScoreResult {
  dimensions: DimensionScores;
  total: number;
  initial_grade: CapabilityGrade;
  grade: CapabilityGrade;
  grade_name: string;
  changes: GradeChange[];
}

export type ScoreProblemCode =
  | 'ASSESSMENT_ITEM_MISSING'
  | 'ASSESSMENT_ITEM_UNKNOWN'
  | 'ASSESSMENT_ITEM_SCORE_INVALID'
  | 'ASSESSMENT_DIAGNOSIS_INVALID'
  | 'ASSESSMENT_RISK_COUNT_INVALID';

export interface ScoreProblem {
  code: ScoreProblemCode;
  /** JSON path of the offending value, e.g. `items.B.1.3`. */
  path: string;
  message: string;
  /** The item code, for item problems. */
  item?: string;
}

/** What arrives from the API or a form before checking. */
export interface RawScoreInput {
  items: Record<string, unknown>;
  coma?: boolean | undefined;
  diagnoses?: readonly unknown[] | undefined;
  risk_events_30d?: Partial<Record<string, unknown>> | undefined;
}

function optionList(points: readonly number[]): string {
  return points.join('、');
}

/** Problems with the 26 item scores, in item order: missing, then unknown, then invalid. */
export function itemProblems(items: Record<string, unknown>, opts: { allowMissing?: boolean } = {}): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  if (!opts.allowMissing) {
    for (const it of ASSESSMENT_ITEMS) {
      if (items[it.code] === undefined || items[it.code] === null) {
        problems.push({ code: 'ASSESSMENT_ITEM_MISSING', path: `items.${it.code}`, item: it.code, message: `缺少评估项目${it.code}（${it.name}）的得分` });
      }
    }
  }
  for (const code of Object.keys(items)) {
    if (!findItem(code)) {
      problems.push({ code: 'ASSESSMENT_ITEM_UNKNOWN', path: `items.${code}`, item: code, message: `未知的评估项目${code}（应为B.1.1～B.4.5中的二级指标编号）` });
    }
  }
  for (const it of ASSESSMENT_ITEMS) {
    const v = items[it.code];
    if (v === undefined || v === null) continue;
    const allowed = it.options.map((o) => o.points);
    if (typeof v !== 'number' || !allowed.includes(v)) {
      problems.push({
        code: 'ASSESSMENT_ITEM_SCORE_INVALID',
        path: `items.${it.code}`,
        item: it.code,
        message: `评估项目${it.code}（${it.name}）的得分${JSON.stringify(v)}不是有效选项，可选分值：${optionList(allowed)}`,
      });
    }
  }
  return problems;
}

/**
 * Check and normalise a scoring input; every problem is reported, each naming what is wrong.
 * `allowMissing` checks a draft: unanswered items are not problems (the result is then partial).
 */
export function checkScoreInput(raw: RawScoreInput, opts: { allowMissing?: boolean } = {}): Result<ScoreInput, ScoreProblem[]> {
  const problems = itemProblems(raw.items ?? {}, opts);

  const diagnoses: string[] = [];
  (raw.diagnoses ?? []).forEach((d, i) => {
    const code = typeof d === 'string' ? normaliseDiagnosis(d) : '';
    if (!ICD10_RE.test(code)) {
      problems.push({
        code: 'ASSESSMENT_DIAGNOSIS_INVALID',
        path: `diagnoses.${i}`,
        message: `疾病诊断第${i + 1}项${JSON.stringify(d)}不是有效的ICD-10编码（例如F03、F00.1、I63）`,
      });
    } else if (!diagnoses.includes(code)) diagnoses.push(code);
  });

  const risk: RiskEvents = { fall: 0, wandering: 0, choking: 0, self_harm: 0, other: 0 };
  for (const [k, v] of Object.entries(raw.risk_events_30d ?? {})) {
    if (!(RISK_EVENT_TYPES as readonly string[]).includes(k)) {
      problems.push({ code: 'ASSESSMENT_RISK_COUNT_INVALID', path: `risk_events_30d.${k}`, message: `未知的照护风险事件类型“${k}”（应为fall、wandering、choking、self_harm、other）` });
      continue;
    }
    if (v === undefined) continue;
    const label = RISK_EVENT_LABELS[k as keyof RiskEvents];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 999) {
      problems.push({ code: 'ASSESSMENT_RISK_COUNT_INVALID', path: `risk_events_30d.${k}`, message: `近30天内照护风险事件“${label}”的次数${JSON.stringify(v)}应为0或正整数` });
      continue;
    }
    risk[k as keyof RiskEvents] = v;
  }

  if (problems.length) return err(problems);
  return ok({ items: raw.items as ItemScores, coma: raw.coma === true, diagnoses, risk_events_30d: risk });
}

/** Dimension subtotals and total over the items present (a partly filled form gives partial sums). */
export function dimensionScores(items: Partial<ItemScores>): { dimensions: DimensionScores; total: number; answered: number } {
  const dimensions = Object.fromEntries(DIMENSION_CODES.map((d) => [d, 0])) as DimensionScores;
  let answered = 0;
  for (const it of ASSESSMENT_ITEMS) {
    const v = items[it.code];
    if (typeof v !== 'number') continue;
    dimensions[it.dimension] += v;
    answered++;
  }
  const total = DIMENSION_CODES.reduce((s, d) => s + dimensions[d], 0);
  return { dimensions, total, answered };
}

/** Score a checked input (see `checkScoreInput`). */
export function scoreAssessment(input: ScoreInput, settings: GradeChangeSettings = DEFAULT_GRADE_CHANGE_SETTINGS): ScoreResult {
  const { dimensions, total } = dimensionScores(input.items);
  const initial = initialGradeOf(total);
  const { grade, changes } = applyChangeRules(initial, input, settings);
  return { dimensions, total, initial_grade: initial, grade, grade_name: GRADE_NAMES[grade], changes };
}
