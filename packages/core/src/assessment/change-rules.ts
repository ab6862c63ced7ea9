/**
 * Grade-change rules (能力等级变更依据, GB/T 42195-2022 Annex C.4) and the final grade (C.5),
 * standards.md §1.4. Inputs come from Annex A: A.5.11 昏迷, A.4.1 疾病诊断, A.2.14 近30天内照护风险事件.
 *
 *  - coma → 能力完全丧失 (grade 4) directly;
 *  - diagnosed dementia (ICD-10 F00–F03) or another mental/behavioural disorder (F04–F99) → +1;
 *  - two or more care-risk events in the last 30 days → +1;
 *  - never above grade 4.
 *
 * Two points are not settled by the sources (standards.md §1.4 "open points"); each is a setting
 * (`GradeChangeSettings`) a locality's policy pack may override:
 *
 *  - `raise_combination` — do the diagnosis rule and the risk-event rule stack?
 *    Default `once`: together they raise one level. Both C.4 rules read "在原有能力级别上提高一个
 *    等级" (raise the *original* level by one), and the only full implementation found (G1) raises
 *    at most one level; `stack` (+2) is the alternative reading.
 *  - `risk_event_counting` — is the threshold (2) counted over all event types or per type?
 *    Default `total`: the standard's wording "发生过2次及以上照护风险事件" counts events, not types,
 *    and G1 sums the counts over all types; `per_type` requires one type to reach the threshold.
 */
import { type CapabilityGrade } from './grades';

export const RISK_EVENT_TYPES = ['fall', 'wandering', 'choking', 'self_harm', 'other'] as const;
export type RiskEventType = (typeof RISK_EVENT_TYPES)[number];
export type RiskEvents = Record<RiskEventType, number>;

/** A.2.14.1–5 in the standard's order: 跌倒, 走失, 噎食, 自杀/自伤, 其他. */
export const RISK_EVENT_LABELS: Record<RiskEventType, string> = {
  fall: '跌倒',
  wandering: '走失',
  choking: '噎食',
  self_harm: '自杀、自伤',
  other: '其他',
};

export const NO_RISK_EVENTS: RiskEvents = { fall: 0, wandering: 0, choking: 0, self_harm: 0, other: 0 };

export interface GradeChangeSettings {
  raise_combination: 'once' | 'stack';
  risk_event_counting: 'total' | 'per_type';
  /** Events in the last 30 days that raise the grade (C.4: 2). */
  risk_event_threshold: number;
}

export const DEFAULT_GRADE_CHANGE_SETTINGS: Readonly<GradeChangeSettings> = Object.freeze({
  raise_combination: 'once',
  risk_event_counting: 'total',
  risk_event_threshold: 2,
});

export const CHANGE_RULES = ['coma', 'dementia', 'mental_disorder', 'risk_events'] as const;
export type ChangeRule = (typeof CHANGE_RULES)[number];

export const CHANGE_RULE_LABELS: Record<ChangeRule, string> = {
  coma: '处于昏迷状态，直接评定为能力完全丧失',
  dementia: '确诊为痴呆（F00～F03），在原有能力级别上提高一个等级',
  mental_disorder: '确诊为精神科专科医生诊断的其他精神和行为障碍疾病（F04～F99），在原有能力级别上提高一个等级',
  risk_events: '近30天内发生过2次及以上照护风险事件（跌倒、走失、噎食、自杀、自伤等），在原有能力级别上提高一个等级',
};

/** The risk-event reason as the locality's setting applies it. */
export function riskRuleDescription(s: GradeChangeSettings): string {
  if (s.risk_event_counting === 'total' && s.risk_event_threshold === 2) return CHANGE_RULE_LABELS.risk_events;
  const how = s.risk_event_counting === 'per_type' ? `同一类照护风险事件发生${s.risk_event_threshold}次及以上` : `发生过${s.risk_event_threshold}次及以上照护风险事件`;
  return `近30天内${how}（跌倒、走失、噎食、自杀、自伤等），在原有能力级别上提高一个等级`;
}

export interface GradeChange {
  rule: ChangeRule;
  description: string;
}

/** ICD-10 code: a letter, two digits, an optional subdivision (F03, F00.1, I63.9). */
export const ICD10_RE = /^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/;

export function normaliseDiagnosis(code: string): string {
  return code.trim().toUpperCase();
}

/** F00–F03 dementia; F04–F99 other mental and behavioural disorders; else null. */
export function mentalCategory(icd10: string): 'dementia' | 'mental_disorder' | null {
  const m = /^F(\d{2})/.exec(icd10);
  if (!m) return null;
  return Number(m[1]) <= 3 ? 'dementia' : 'mental_disorder';
}

export function riskEventsTrigger(events: RiskEvents, s: GradeChangeSettings): boolean {
  const counts = RISK_EVENT_TYPES.map((t) => events[t]);
  if (s.risk_event_counting === 'per_type') return counts.some((n) => n >= s.risk_event_threshold);
  return counts.reduce((a, b) => a + b, 0) >= s.risk_event_threshold;
}

export interface ChangeInput {
  coma: boolean;
  /** Normalised ICD-10 codes. */
  diagnoses: readonly string[];
  risk_events_30d: RiskEvents;
}

/** C.4 + C.5: the final grade and the reasons that changed it (in the standard's order). */
export function applyChangeRules(initial: CapabilityGrade, input: ChangeInput, s: GradeChangeSettings = DEFAULT_GRADE_CHANGE_SETTINGS): { grade: CapabilityGrade; changes: GradeChange[] } {
  const changes: GradeChange[] = [];
  const add = (rule: ChangeRule) => changes.push({ rule, description: rule === 'risk_events' ? riskRuleDescription(s) : CHANGE_RULE_LABELS[rule] });

  const categories = new Set(input.diagnoses.map(mentalCategory));
  const diagnosisRule = categories.has('dementia') || categories.has('mental_disorder');
  const riskRule = riskEventsTrigger(input.risk_events_30d, s);

  if (input.coma) add('coma');
  if (categories.has('dementia')) add('dementia');
  if (categories.has('mental_disorder')) add('mental_disorder');
  if (riskRule) add('risk_events');

  if (input.coma) return { grade: 4, changes };
  const raises = s.raise_combination === 'stack' ? Number(diagnosisRule) + Number(riskRule) : diagnosisRule || riskRule ? 1 : 0;
  return { grade: Math.min(4, initial + raises) as CapabilityGrade, changes };
}
