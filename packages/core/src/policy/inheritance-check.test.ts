/** The publish check: contains every parent item, conditions no narrower, amounts no lower — or says it cannot prove it. */
import { describe, expect, it } from 'vitest';
import { checkInheritance } from './inheritance-check';
import { compilePack, resolvePack } from './engine';
import { parsePack, type PolicyPack } from './pack';

function item(code: string, eligibility: string, benefit: Record<string, unknown> = { kind: 'right', description: '权益' }, extra: Record<string, unknown> = {}) {
  return { code, name: `${code}名称`, target_group: '对象', service_types: ['material_aid'], content: '内容', departments: ['民政局'], eligibility, benefit, not_with: [], start_rule: 'month_after_eligible', requires_application: true, citation: '测试', ...extra };
}

const parent = {
  code: 'PA', name: '市级清单', region: '330700', level: 'city', extends: null,
  parameters: { allowance: { label: '津贴', unit: 'fen', values: [{ from: '2020-01-01', value: 6000 }], citation: '测试' } },
  items: [item('PA-01', 'age >= 80', { kind: 'cash', monthly_fen: 'p.allowance' }), item('PA-02', 'economic_status == "dibao"')],
};

function compiled(childItems: unknown[], ext: string | null = 'PA') {
  const packs = new Map<string, PolicyPack>();
  for (const raw of [parent, { code: 'CH', name: '县级清单', region: '330781', level: 'county', extends: ext, items: childItems }]) {
    const p = parsePack(raw);
    if (!p.ok) throw new Error(JSON.stringify(p.error));
    packs.set(p.value.code, p.value);
  }
  const c = (code: string) => {
    const r = resolvePack(code, packs);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const x = compilePack(r.value);
    if (!x.ok) throw new Error(JSON.stringify(x.error));
    return x.value;
  };
  return checkInheritance(c('PA'), c('CH'), '2025-06-01');
}

describe('checkInheritance', () => {
  it('accepts a list that inherits everything, or widens a condition (parent || extra) and raises an amount', () => {
    expect(compiled([])).toMatchObject({ ok: true, parent_pack: 'PA', findings: [] });
    expect(compiled([item('PA-01', '(age >= 80) || economic_status == "tekun"', { kind: 'cash', monthly_fen: '7000' })]).findings).toEqual([]);
  });

  it('reports missing items of a list that does not extend the one above', () => {
    const r = compiled([item('CH-01', 'age >= 60')], null);
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => `${f.item_code}:${f.problem}`)).toEqual(['PA-01:missing', 'PA-02:missing']);
  });

  it('finds a counter-example for a narrower condition and a lower amount', () => {
    const narrow = compiled([item('PA-01', 'age >= 85', { kind: 'cash', monthly_fen: 'p.allowance' })]);
    const f = narrow.findings.find((x) => x.problem === 'narrower')!;
    expect(f.item_code).toBe('PA-01');
    expect((f.example as { age: number }).age).toBeGreaterThanOrEqual(80);
    expect((f.example as { age: number }).age).toBeLessThan(85);
    const low = compiled([item('PA-01', 'age >= 80', { kind: 'cash', monthly_fen: '5000' })]);
    expect(low.findings).toEqual([expect.objectContaining({ item_code: 'PA-01', problem: 'lower', message: expect.stringContaining('6000') })]);
    // a hukou restriction is narrower (an 80-year-old living here with hukou elsewhere loses it)
    const hukou = compiled([item('PA-01', 'age >= 80 && hukou_region != null && hukou_region.startsWith("330781")', { kind: 'cash', monthly_fen: 'p.allowance' })]);
    expect(hukou.findings[0]).toMatchObject({ problem: 'narrower' });
  });

  it('accepts a parent item split over several replacing items that together cover it', () => {
    const split = compiled([
      item('CH-01', 'economic_status == "dibao" && living_arrangement == "alone"', { kind: 'right', description: '独居低保' }, { replaces: ['PA-02'] }),
      item('CH-02', 'economic_status == "dibao" && living_arrangement != "alone"', { kind: 'right', description: '其他低保' }, { replaces: ['PA-02'] }),
    ]);
    expect(split.findings).toEqual([]);
    const gap = compiled([item('CH-01', 'economic_status == "dibao" && living_arrangement == "alone"', { kind: 'right', description: '独居低保' }, { replaces: ['PA-02'] })]);
    expect(gap.findings[0]).toMatchObject({ item_code: 'PA-02', problem: 'narrower', example: expect.objectContaining({ economic_status: 'dibao' }) });
  });
});
