/**
 * Visiting-care policy of a locality (探访关爱政策参数): how often each category and risk tier is
 * visited, and when a missed contact or a finding escalates. A policy pack supplies one per county;
 * without one the seeds' defaults apply:
 *  - everyone monthly (000 三(二)7: 到2025年底，特殊困难老年人月探访率达到100%; 民政部等10部门 2022 指导意见);
 *  - high-risk weekly (standards.md §5.2: 高风险对象每周探访);
 *  - 田家庵区 340403: weekly for 高龄、独居、不能自理 (003 二(二)4: 周探访率实现100%).
 */
import { z } from 'zod';
import { HARDSHIP_TAG_CODES, type HardshipTag } from '../person/hardship';
import { VISIT_FREQUENCIES, type VisitFrequency } from './periods';

export const RISK_TIERS = ['high', 'medium', 'low'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];
export const RISK_TIER_LABELS: Record<RiskTier, string> = { high: '高风险', medium: '中风险', low: '低风险' };

export const VisitFrequencyRule = z.object({
  /** The rule applies when the person has any of these tags (omitted: any person). */
  tags_any: z.array(z.enum(HARDSHIP_TAG_CODES as [HardshipTag, ...HardshipTag[]])).optional(),
  /** … and their risk tier is one of these (omitted: any tier). */
  risk_tiers: z.array(z.enum(RISK_TIERS)).optional(),
  frequency: z.enum(VISIT_FREQUENCIES),
  /** Where the rule comes from, e.g. "003 二(二)4". */
  source: z.string().max(100).optional(),
});
export type VisitFrequencyRule = z.infer<typeof VisitFrequencyRule>;

export const VisitPolicy = z.object({
  default_frequency: z.enum(VISIT_FREQUENCIES).default('monthly'),
  /** The most frequent matching rule wins (weekly over monthly). */
  rules: z.array(VisitFrequencyRule).default([]),
  /** Failed contacts in the current period that raise an "unreachable" alert. */
  failed_attempts_threshold: z.number().int().min(1).max(20).default(3),
  /** Deadline for the on-site visit after a danger finding / after repeated failed contacts. */
  danger_deadline_hours: z.number().int().min(1).max(24 * 14).default(24),
  unreachable_deadline_hours: z.number().int().min(1).max(24 * 14).default(24),
  /** Deadline to catch up with a person whose previous period passed without a visit. */
  overdue_deadline_hours: z.number().int().min(1).max(24 * 31).default(72),
  /** People who declined visits (意愿：不愿接受) are not counted as due (000 三(二)7: 掌握…接受探访关爱服务的意愿). */
  exclude_declined: z.boolean().default(true),
});
export type VisitPolicy = z.infer<typeof VisitPolicy>;

const HIGH_RISK_WEEKLY: VisitFrequencyRule = { risk_tiers: ['high'], frequency: 'weekly', source: '探访关爱分级：高风险对象每周探访' };

export const NATIONAL_VISIT_POLICY: VisitPolicy = VisitPolicy.parse({
  default_frequency: 'monthly',
  rules: [HIGH_RISK_WEEKLY],
});

/** Built-in defaults per county (the seeds), used when no policy pack or setting provides one. */
export const SEED_VISIT_POLICIES: Readonly<Record<string, VisitPolicy>> = {
  // 003 二(二)4: 居家高龄、独居、不能自理等特殊困难老年人社区探访，周探访率实现100%.
  // 不能自理 is the 失能 tag (capability lost); 高龄 very_old; 独居 living_alone.
  '340403': VisitPolicy.parse({
    default_frequency: 'monthly',
    rules: [HIGH_RISK_WEEKLY, { tags_any: ['very_old', 'living_alone', 'disabled'], frequency: 'weekly', source: '003 二(二)4' }],
  }),
};

export function seedVisitPolicy(countyCode: string): VisitPolicy {
  return SEED_VISIT_POLICIES[countyCode] ?? NATIONAL_VISIT_POLICY;
}

function ruleMatches(rule: VisitFrequencyRule, tags: readonly string[], tier: RiskTier): boolean {
  if (rule.tags_any && !rule.tags_any.some((t) => tags.includes(t))) return false;
  if (rule.risk_tiers && !rule.risk_tiers.includes(tier)) return false;
  return true;
}

/** How often a person with these tags and this risk tier is visited under the policy. */
export function visitFrequencyFor(policy: VisitPolicy, tags: readonly string[], tier: RiskTier): VisitFrequency {
  let f: VisitFrequency = policy.default_frequency;
  for (const r of policy.rules) {
    if (ruleMatches(r, tags, tier) && r.frequency === 'weekly') f = 'weekly';
  }
  return f;
}
