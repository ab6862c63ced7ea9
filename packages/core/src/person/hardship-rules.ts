/**
 * How special-hardship tags (特殊困难老年人类别, hardship.ts) are derived from a person's facts:
 * one CEL expression per tag over the fact vocabulary (PersonFacts: age, economic_status,
 * living_arrangement, capability_grade, disability_level, childless, has_supporter, …).
 *
 * National defaults below; a locality overrides any of them through its policy pack: the pack
 * supplies a plain object `{ [tag]: celExpression }` which the registry merges over these
 * (registry service `setHardshipDefinitions(region, defs)`; see docs/registry-import.md).
 * Deceased persons carry no tags.
 */
import { compileExpression, type CompiledExpression } from '../rules/cel';
import { err, ok, type Result } from '../lib/result';
import type { PersonFacts } from './facts';
import { HARDSHIP_TAG_CODES, type HardshipTag } from './hardship';

export type HardshipDefinitions = Partial<Record<HardshipTag, string>>;

/**
 * National defaults. Sources: 民政部等10部门《关于开展特殊困难老年人探访关爱服务的指导意见》(2022)
 * names 独居、空巢、留守、失能、重残、计划生育特殊家庭; 000 三(二)7 and 004 二(二)4 add 孤寡, 高龄,
 * 经济困难. 重残 = 一级、二级残疾 (GB/T 26341-2010 grading). 失能 = GB/T 42195 grade 2 (中度受损)
 * or worse. 孤寡 = 特困 (no supporter by definition) or childless without a supporter.
 */
export const NATIONAL_HARDSHIP_DEFINITIONS: Record<HardshipTag, string> = {
  solitary: "economic_status == 'tekun' || (childless && !has_supporter)",
  living_alone: "living_arrangement == 'alone'",
  empty_nest: "living_arrangement == 'empty_nest'",
  left_behind: "living_arrangement == 'left_behind'",
  disabled: 'capability_grade != null && capability_grade >= 2',
  severely_disabled: 'disability_level != null && disability_level <= 2',
  family_planning_special: 'family_planning_special',
  economic_hardship: "economic_status in ['tekun', 'dibao', 'dibao_edge', 'low_income']",
  very_old: 'age != null && age >= 80',
};

export interface HardshipDefinitionError {
  tag: string;
  code: 'HARDSHIP_TAG_UNKNOWN' | 'CEL_SYNTAX';
  message: string;
}

/** Binding names a definition may read (the PersonFacts fields). */
const FACT_BINDINGS = [
  'birth_date', 'sex', 'age', 'alive', 'hukou_region', 'residence_region', 'economic_status', 'capability_grade',
  'disability_category', 'disability_level', 'living_arrangement', 'family_planning_special', 'veteran_category',
  'homeless', 'heroic_disabled', 'pension_insurance', 'pension_receiving', 'childless', 'has_supporter', 'dementia',
  'institution_id',
] as const;

export interface HardshipClassifier {
  readonly definitions: Record<HardshipTag, string>;
  /** Tags of a person, in HARDSHIP_TAG_CODES order. Evaluation errors count as "not tagged". */
  classify(facts: PersonFacts): HardshipTag[];
}

/** Compile national defaults merged with overrides; every definition must parse. */
export function createHardshipClassifier(overrides: HardshipDefinitions = {}): Result<HardshipClassifier, HardshipDefinitionError[]> {
  const errors: HardshipDefinitionError[] = [];
  for (const tag of Object.keys(overrides)) {
    if (!(HARDSHIP_TAG_CODES as string[]).includes(tag)) errors.push({ tag, code: 'HARDSHIP_TAG_UNKNOWN', message: `未知的特殊困难类别“${tag}”` });
  }
  const definitions = { ...NATIONAL_HARDSHIP_DEFINITIONS, ...overrides } as Record<HardshipTag, string>;
  const compiled: Array<[HardshipTag, CompiledExpression]> = [];
  for (const tag of HARDSHIP_TAG_CODES) {
    const c = compileExpression(definitions[tag]);
    if (!c.ok) errors.push({ tag, code: 'CEL_SYNTAX', message: `“${tag}”的定义无法解析：${c.error.message}` });
    else compiled.push([tag, c.value]);
  }
  if (errors.length) return err(errors);
  // The bindings a definition mentions: the memo key uses only those, so a million persons
  // collapse to a few thousand distinct evaluations (imports classify every row).
  const used = FACT_BINDINGS.filter((b) => compiled.some(([, c]) => new RegExp(`\\b${b}\\b`).test(c.source)));
  const memo = new Map<string, HardshipTag[]>();
  return ok({
    definitions,
    classify(facts) {
      if (!facts.alive) return [];
      const f = facts as unknown as Record<string, unknown>;
      let key = '';
      for (const b of used) key += `${f[b] ?? ''}|`;
      const hit = memo.get(key);
      if (hit) return hit;
      const bindings: Record<string, unknown> = {};
      for (const b of FACT_BINDINGS) bindings[b] = f[b] ?? null;
      const tags: HardshipTag[] = [];
      for (const [tag, c] of compiled) {
        const r = c.evaluate(bindings);
        if (r.ok && r.value === true) tags.push(tag);
      }
      if (memo.size > 50_000) memo.clear();
      memo.set(key, tags);
      return tags;
    },
  });
}
