/**
 * Where programmes and amounts come from: the locality's compiled policy pack (the catalogue
 * item with a cash or service_credit benefit). One function, so switching from compiling packs
 * here to `services.catalogue.compiledFor` is one line.
 */
import type { EntitleFn, PersonFacts, PlainDate, StartRule } from '@yiyang/core';

export interface ProgrammeInfo {
  code: string;
  name: string;
  benefit_kind: 'cash' | 'service_credit';
  start_rule: StartRule;
  not_with: string[];
  requires_application: boolean;
  citation: string;
}

export interface ProgrammeCatalogue {
  /** Pack code and version the amounts come from (shown on the cycle). */
  source: string;
  programmes: ProgrammeInfo[];
  entitle: EntitleFn;
  /** Conditions read birth_date directly: entitle results cannot be memoised by the other facts. */
  reads_birth_date: boolean;
}

export type ProgrammeProvider = (region: string, asOf: PlainDate) => Promise<ProgrammeCatalogue>;

/**
 * Memoised entitle for population runs: people with equal facts (birth date aside, age included)
 * have equal entitlements, so a million enrolments evaluate the rules a few thousand times.
 */
export function memoisedEntitle(cat: ProgrammeCatalogue): EntitleFn {
  if (cat.reads_birth_date) return cat.entitle;
  const cache = new Map<string, ReturnType<EntitleFn>>();
  return (facts: PersonFacts, asOf: PlainDate) => {
    const { birth_date: _b, ...rest } = facts;
    const key = `${asOf}|${JSON.stringify(rest)}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = cat.entitle(facts, asOf);
      if (cache.size > 100_000) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
}
