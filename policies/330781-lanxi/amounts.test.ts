/**
 * Lanxi amounts whose rates are left to other documents (002 附件 第11项 refers to the provincial
 * severe-disability nursing rate): unset → the item is granted but payment is blocked, naming the
 * parameters; once an administrator sets a rate, the formula applies the tiers and the 50% rule.
 */
import { describe, expect, it } from 'vitest';
import { compilePack, personFactsOn, resolvePack, type PolicyPack } from '@yiyang/core';
import { loadPackDirectory } from '../../packages/server/src/modules/catalogue/pack-files';

const { packs } = await loadPackDirectory();
const on = '2025-06-01';

function lanxi(overrides: Record<string, number | null> = {}) {
  const map = new Map<string, PolicyPack>(packs.map((p) => [p.code, structuredClone(p)]));
  const lx = map.get('LX')!;
  for (const [name, value] of Object.entries(overrides)) lx.parameters[name]!.values = [{ from: '2024-01-01', value }];
  const r = resolvePack('LX', map);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const c = compilePack(r.value);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return c.value;
}

const person = (facts: Record<string, unknown>) => personFactsOn({ birth_date: '1945-01-01', hukou_region: '330781', ...facts }, on);

describe('LX-11 护理补贴 amounts', () => {
  it('is granted but blocked while the provincial rates are unset', () => {
    const e = lanxi().entitle(person({ economic_status: 'dibao', capability_grade: 3 }), on).find((x) => x.code === 'LX-11');
    expect(e?.monthly_cash_fen).toBeNull();
    expect(e?.blocked_parameters).toEqual(expect.arrayContaining(['care_allowance_basic']));
    expect(lanxi().parameterStatus(on).find((p) => p.name === 'care_allowance_basic')).toMatchObject({ status: 'unset', value: null });
  });
  it('applies the tier, the institution rate and 50% for 低保边缘 once rates are set', () => {
    const c = lanxi({
      care_allowance_complete: 30000, care_allowance_basic: 20000, care_allowance_partial: 10000,
      care_fee_institution_complete: 90000, care_fee_institution_basic: 60000, care_fee_institution_partial: 30000,
    });
    const amount = (facts: Record<string, unknown>) => c.entitle(person(facts), on).find((x) => x.code === 'LX-11')?.monthly_cash_fen;
    expect(amount({ economic_status: 'dibao', capability_grade: 4 })).toBe(30000);
    expect(amount({ economic_status: 'dibao', capability_grade: 3 })).toBe(20000);
    expect(amount({ economic_status: 'dibao', capability_grade: 2 })).toBe(10000);
    expect(amount({ economic_status: 'dibao_edge', capability_grade: 4 })).toBe(15000);
    expect(amount({ economic_status: 'dibao', capability_grade: 4, living_arrangement: 'institution' })).toBe(90000);
    expect(amount({ economic_status: 'dibao_edge', capability_grade: 2, living_arrangement: 'institution' })).toBe(15000);
    expect(amount({ economic_status: 'dibao', capability_grade: 1 })).toBeUndefined();
  });
});
