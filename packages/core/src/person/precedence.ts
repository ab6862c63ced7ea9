/**
 * Which department's data wins when departments disagree about a fact (000 三(二)6: 统一归集、互认;
 * 004 二(二)5: 人口、社(医)保、救助、残疾人、退役军人数据跨部门归集). Each fact lists its sources from
 * the most to the least authoritative: the department that decides the fact by law comes first
 * (公安 keeps hukou and residence registration, 民政 decides 特困/低保, 残联 issues the disability
 * certificate, 退役军人事务 the veteran status, 人社 the pension). Sources not listed rank below all
 * listed ones. Documented for staff in docs/registry-import.md.
 *
 * The rule applies to imports only: an import never overwrites a value currently in force that
 * came from a more authoritative source; the disagreement is listed for staff instead. Deliberate
 * writes (staff entries, life events, assessments) always apply.
 */
import type { FactName, FactSource } from './facts';

/** Who recorded a fact, as ranked here: departments by key, plus staff/assessment/system. */
export type PrecedenceSource = FactSource;

export const FACT_PRECEDENCE: Record<FactName, PrecedenceSource[]> = {
  residence_region: ['public_security', 'civil_affairs', 'staff'],
  hukou_region: ['public_security'],
  economic_status: ['civil_affairs'],
  disability_category: ['disabled_federation', 'health', 'civil_affairs'],
  disability_level: ['disabled_federation', 'health', 'civil_affairs'],
  // Who lives with whom is best known by the community (排查 by staff, 000 三(二)7), then 民政.
  living_arrangement: ['staff', 'civil_affairs', 'public_security'],
  family_planning_special: ['health', 'civil_affairs'],
  veteran_category: ['veterans'],
  pension_insurance: ['human_resources', 'medical_insurance'],
  pension_receiving: ['human_resources', 'medical_insurance'],
  childless: ['civil_affairs', 'staff', 'public_security'],
  has_supporter: ['civil_affairs', 'staff'],
  dementia: ['health'],
  homeless: ['civil_affairs'],
  heroic_disabled: ['civil_affairs', 'disabled_federation'],
  capability_grade: ['assessment'],
  institution_id: ['staff', 'civil_affairs'],
};

/** The ranked source of a recorded fact: imports by department, deliberate writes as staff. */
export function precedenceSourceOf(sourceType: string, sourceDepartment: string | null): PrecedenceSource {
  if (sourceType === 'import') return (sourceDepartment ?? 'system') as PrecedenceSource;
  if (sourceType === 'assessment') return 'assessment';
  if (sourceType === 'system') return 'system';
  return 'staff';
}

function rank(fact: FactName, s: PrecedenceSource): number {
  const i = FACT_PRECEDENCE[fact].indexOf(s);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

/** True when `current` is strictly more authoritative than `incoming` for this fact. */
export function outranks(fact: FactName, current: PrecedenceSource, incoming: PrecedenceSource): boolean {
  return rank(fact, current) < rank(fact, incoming);
}
