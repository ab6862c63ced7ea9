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
    expect(packs.map((p) => p.code).sort()).toEqual(expect.arrayContaining(['LX', 'NAT']));
  });
  for (const pack of packs) {
    describe(`${pack.code} ${pack.name}`, () => {
      it('resolves and compiles', () => {
        const resolved = resolvePack(pack.code, byCode);
        expect(resolved.ok ? [] : resolved.error).toEqual([]);
        if (!resolved.ok) return;
        const compiled = compilePack(resolved.value);
        expect(compiled.ok ? [] : compiled.error).toEqual([]);
      });
      const cases = tests[pack.code] ?? [];
      if (pack.level !== 'national') it('has test cases', () => expect(cases.length).toBeGreaterThan(5));
      for (const c of cases) {
        it(c.name, () => {
          const resolved = resolvePack(pack.code, byCode);
          if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
          const compiled = compilePack(resolved.value);
          if (!compiled.ok) throw new Error(JSON.stringify(compiled.error));
          expect(runPackTests(compiled.value, [c])).toEqual([]);
        });
      }
    });
  }
});
