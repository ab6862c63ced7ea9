/**
 * Property: for every item of every pack, the compiled batch path (CEL translated to JavaScript)
 * agrees with the reference CEL interpreter (explain) on random persons and dates — same items,
 * same exclusions, same amounts, same condition errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePack, FACT_VALUE_SETS, ITEM_STATE, personFactsOn, resolvePack, type PersonFacts, type PolicyPack } from '@yiyang/core';
import { loadPackDirectory } from '../packages/server/src/modules/catalogue/pack-files';

const { packs } = await loadPackDirectory();
const byCode = new Map<string, PolicyPack>(packs.map((p) => [p.code, p]));

const date = (from: number, to: number) =>
  fc.record({ y: fc.integer({ min: from, max: to }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const personArb = fc.record({
  birth_date: fc.option(date(1900, 1975), { nil: null, freq: 20 }),
  alive: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
  hukou_region: fc.constantFrom(...FACT_VALUE_SETS.region),
  residence_region: fc.constantFrom(...FACT_VALUE_SETS.region),
  economic_status: fc.constantFrom(...FACT_VALUE_SETS.economic_status),
  capability_grade: fc.constantFrom(...FACT_VALUE_SETS.capability_grade),
  disability_category: fc.constantFrom(...FACT_VALUE_SETS.disability_category),
  disability_level: fc.constantFrom(...FACT_VALUE_SETS.disability_level),
  living_arrangement: fc.constantFrom(...FACT_VALUE_SETS.living_arrangement),
  family_planning_special: fc.boolean(),
  veteran_category: fc.constantFrom(...FACT_VALUE_SETS.veteran_category),
  homeless: fc.boolean(),
  heroic_disabled: fc.boolean(),
  pension_insurance: fc.constantFrom(...FACT_VALUE_SETS.pension_insurance),
  pension_receiving: fc.boolean(),
  childless: fc.boolean(),
  has_supporter: fc.boolean(),
  dementia: fc.boolean(),
  institution_id: fc.constantFrom(null, 'inst-1'),
});

describe('compiled batch path agrees with the CEL interpreter', () => {
  for (const pack of packs) {
    it(`${pack.code}: every item, random persons and dates`, () => {
      const r = resolvePack(pack.code, byCode);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const c = compilePack(r.value);
      if (!c.ok) throw new Error(JSON.stringify(c.error));
      const compiled = c.value;
      const n = compiled.pack.items.length;
      const states = new Uint8Array(n);
      const amounts = new Float64Array(n);
      const asOfs = ['2018-06-01', '2022-12-31', '2023-01-01', '2025-06-01', '2026-12-31'];
      for (const d of asOfs) expect(compiled.batch(d).fullyCompiled).toBe(true);
      fc.assert(
        fc.property(personArb, fc.constantFrom(...asOfs), (raw, asOf) => {
          const facts = personFactsOn(raw as Partial<PersonFacts>, asOf);
          compiled.batch(asOf).evaluate(facts, states, amounts);
          const ref = compiled.explain(facts, asOf);
          for (let i = 0; i < n; i++) {
            const e = ref[i]!;
            const want = e.eligible ? ITEM_STATE.granted : e.excluded_by ? ITEM_STATE.excluded : e.error && !e.eligible ? ITEM_STATE.error : ITEM_STATE.not_eligible;
            expect([e.code, states[i]]).toEqual([e.code, want]);
            const amt = Number.isNaN(amounts[i]!) ? null : amounts[i]!;
            expect([e.code, amt]).toEqual([e.code, e.monthly_cash_fen]);
          }
        }),
        { numRuns: 400, seed: 20260601 },
      );
    });
  }
});
