/**
 * A locality's assessment settings: the grade-change points the standard leaves open
 * (change-rules.ts), the free re-assessment intervals, reminders and the objection window.
 * The server reads them per county from a settings provider; locality policy packs supply them
 * (docs: packages/server/src/modules/assessment/README.md).
 */
import { z } from 'zod';
import { addMonthsToDate, ageOn, type PlainDate } from '../lib/dates';
import { DEFAULT_GRADE_CHANGE_SETTINGS, type GradeChangeSettings } from './change-rules';

export interface ReassessmentSettings {
  /** Age (周岁) from which the shorter interval applies. */
  age_threshold: number;
  months_at_or_above: number;
  months_below: number;
  /** How many days before the due date the daily job reminds. */
  reminder_days_before: number;
}

/**
 * 002 二(一)3 and 002 附件 第3项: 80周岁以上老年人每年、80周岁以下老年人每两年可申请免费评估一次.
 * Lanxi's rule is the default for every locality until its policy pack says otherwise.
 */
export const LANXI_REASSESSMENT: Readonly<ReassessmentSettings> = Object.freeze({
  age_threshold: 80,
  months_at_or_above: 12,
  months_below: 24,
  reminder_days_before: 30,
});

export interface AssessmentSettings {
  grade_change: GradeChangeSettings;
  reassessment: ReassessmentSettings;
  /**
   * Days after publication in which the person or family may object (因对评估结果有疑问进行的复评).
   * No seed names a period; 30 days is a setting.
   */
  objection_days: number;
}

export const DEFAULT_ASSESSMENT_SETTINGS: Readonly<AssessmentSettings> = Object.freeze({
  grade_change: DEFAULT_GRADE_CHANGE_SETTINGS,
  reassessment: LANXI_REASSESSMENT,
  objection_days: 30,
});

/**
 * When the next free routine assessment falls due. The shorter interval applies when the person
 * is at or above the age threshold on the date it would fall due: a 79-year-old who turns 80
 * within the year is due again after one year.
 */
export function nextDueDate(assessmentDate: PlainDate, birthDate: PlainDate | null, s: ReassessmentSettings = LANXI_REASSESSMENT): PlainDate {
  const short = addMonthsToDate(assessmentDate, s.months_at_or_above);
  // Unknown birth date (some non-resident IDs): remind sooner rather than later.
  if (!birthDate || ageOn(birthDate, short) >= s.age_threshold) return short;
  return addMonthsToDate(assessmentDate, s.months_below);
}

/** Validates settings from a store or a policy pack (a typo must not silently change grades). */
export const AssessmentSettingsSchema = z.object({
  grade_change: z.object({
    raise_combination: z.enum(['once', 'stack']),
    risk_event_counting: z.enum(['total', 'per_type']),
    risk_event_threshold: z.number().int().min(1).max(30),
  }),
  reassessment: z.object({
    age_threshold: z.number().int().min(60).max(120),
    months_at_or_above: z.number().int().min(1).max(120),
    months_below: z.number().int().min(1).max(120),
    reminder_days_before: z.number().int().min(0).max(366),
  }),
  objection_days: z.number().int().min(1).max(366),
});
