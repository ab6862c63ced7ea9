/**
 * Where a locality's assessment settings come from (core `AssessmentSettings`: the C.4 points the
 * standard leaves open, the free re-assessment intervals, reminders, the objection window).
 *
 * Until the policy packs (feat/policy) provide them, `createStoredSettingsProvider` answers with the
 * defaults — Lanxi's rule 002 二(一)3 (80周岁以上每年、80周岁以下每两年) for every county — overlaid
 * by runtime settings rows `assessment.settings` (all counties) and `assessment.settings.<county>`
 * (one county), each a partial JSON object of the same shape. A policy pack plugs in by passing its
 * own provider to `createAssessmentService({ settings })` in modules/index.ts, e.g.
 * `{ forCounty: (county, date) => policy.assessmentSettings(county, date) }`, reading the pack's
 * `assessment:` section (same keys as `AssessmentSettings`).
 */
import { AssessmentSettingsSchema, DEFAULT_ASSESSMENT_SETTINGS, DomainError, ErrorKind, type AssessmentSettings } from '@yiyang/core';
import type { Executor } from '../../db/database';

export interface AssessmentSettingsProvider {
  /** Settings in force for persons of `county` (6 digits; null: platform defaults) on `date`. */
  forCounty(county: string | null, date: string, ex?: Executor): Promise<AssessmentSettings>;
}

type Partial2<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

function overlay(base: AssessmentSettings, o: Partial2<AssessmentSettings> | undefined): AssessmentSettings {
  if (!o || typeof o !== 'object') return base;
  return {
    grade_change: { ...base.grade_change, ...(o.grade_change ?? {}) },
    reassessment: { ...base.reassessment, ...(o.reassessment ?? {}) },
    objection_days: typeof o.objection_days === 'number' ? o.objection_days : base.objection_days,
  };
}

export function createStoredSettingsProvider(db: Executor): AssessmentSettingsProvider {
  return {
    async forCounty(county, _date, ex = db) {
      const keys = ['assessment.settings', ...(county ? [`assessment.settings.${county}`] : [])];
      const rows = await ex.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
      let s: AssessmentSettings = DEFAULT_ASSESSMENT_SETTINGS;
      for (const k of keys) s = overlay(s, rows.find((r) => r.key === k)?.value as Partial2<AssessmentSettings> | undefined);
      const checked = AssessmentSettingsSchema.safeParse(s);
      if (!checked.success) {
        throw new DomainError(ErrorKind.internal, 'ASSESSMENT_SETTINGS_INVALID', `能力评估参数设置有误（${keys.join('、')}）：${checked.error.issues[0]?.message ?? ''}`);
      }
      return checked.data;
    },
  };
}
