/**
 * Every policy pack under policies/: loads and validates it, resolves its extends chain, compiles
 * every CEL expression and runs the pack's tests.yaml cases (batch path and explain must agree
 * with each other and with the expected items and amounts).
 */
import { describe, expect, it } from 'vitest';
import { compilePack, resolvePack, runPackTests, type PolicyPack } from '@yiyang/core';
import { loadPackDirectory } from '../packages/server/src/modules/catalogue/pack-files';

const { packs, tests } = await loadPackDirectory();
const byCode = new Map<string, PolicyPack>(packs.map((p) => [p.code, p]));

describe('policy packs', () => {
  it('finds the packs of every locality', () => {
    expect(packs.map((p) => p.code).sort()).toEqual(['BD', 'CZ', 'LX', 'NAT', 'TJA']);
  });
  for (const pack of packs) {
    describe(`${pack.code} ${pack.name}`, () => {
      const resolved = resolvePack(pack.code, byCode);
      const compiled = resolved.ok ? compilePack(resolved.value) : null;
      it('resolves and compiles', () => {
        expect(resolved.ok ? [] : resolved.error).toEqual([]);
        expect(compiled?.ok ? [] : compiled?.error).toEqual([]);
      });
      const cases = tests[pack.code] ?? [];
      if (pack.level !== 'national') it('has test cases', () => expect(cases.length).toBeGreaterThan(5));
      for (const c of cases) {
        it(c.name, () => {
          if (!compiled?.ok) throw new Error('pack does not compile');
          expect(runPackTests(compiled.value, [c])).toEqual([]);
        });
      }
    });
  }
});
