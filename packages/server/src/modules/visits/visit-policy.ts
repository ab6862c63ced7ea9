/**
 * Where a county's visiting-care policy comes from. The service asks a VisitPolicyProvider; the
 * default one reads the `settings` table and falls back to the seeds' defaults (core
 * `seedVisitPolicy`). A policy pack plugs in either way:
 *  - by writing the setting `visits.policy.<county code>` (or `<city code>`, `<province code>`,
 *    or `visits.policy` for everywhere) with a JSON document of core's `VisitPolicy` shape when a
 *    pack is published, or
 *  - by passing its own provider to `createVisitsService({ policy })` in modules/index.ts.
 * After a change, the roster rebuild job (`visits.rebuild_roster`) recomputes every frequency.
 */
import { codeFromPrefix, invalid, seedVisitPolicy, VisitPolicy, type PlainDate } from '@yiyang/core';
import type { Executor } from '../../db/database';

export interface VisitPolicyProvider {
  /** The policy in force for a county on a date. `ex`: the caller's transaction, if any. */
  forCounty(countyCode: string, on: PlainDate, ex?: Executor): Promise<VisitPolicy>;
}

export const VISIT_POLICY_SETTING = 'visits.policy';

export function settingKeysFor(countyCode: string): string[] {
  return [
    `${VISIT_POLICY_SETTING}.${countyCode}`,
    `${VISIT_POLICY_SETTING}.${codeFromPrefix(countyCode.slice(0, 4))}`,
    `${VISIT_POLICY_SETTING}.${codeFromPrefix(countyCode.slice(0, 2))}`,
    VISIT_POLICY_SETTING,
  ];
}

export function createSettingsVisitPolicyProvider(db: Executor): VisitPolicyProvider {
  return {
    async forCounty(countyCode, _on, ex = db) {
      const keys = settingKeysFor(countyCode);
      const rows = await ex.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
      for (const key of keys) {
        const row = rows.find((r) => r.key === key);
        if (!row) continue;
        const parsed = VisitPolicy.safeParse(row.value);
        if (!parsed.success) {
          throw invalid('VISIT_POLICY_INVALID', `探访政策参数“${key}”格式不正确：${parsed.error.issues[0]?.message ?? ''}`);
        }
        return parsed.data;
      }
      return seedVisitPolicy(countyCode);
    },
  };
}
