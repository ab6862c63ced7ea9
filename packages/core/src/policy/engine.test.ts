import { describe, expect, it } from 'vitest';
import { compilePack, resolvePack, type CompiledPack, type ResolvedPack } from './engine';
import { explanationText } from './explain';
import { personFactsOn } from './facts-on';
import { parsePack, type PolicyPack } from './pack';
import { parameterOn } from './parameters';

const item = (code: string, eligibility: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `项目${code}`,
  target_group: '老年人',
  service_types: ['material_aid'],
  content: '内容',
  departments: ['民政局'],
  eligibility,
  benefit: { kind: 'right', description: '权益' },
  not_with: [],
  start_rule: 'month_of_eligible',
  requires_application: false,
  citation: '测试',
  ...extra,
});

function pack(raw: Record<string, unknown>): PolicyPack {
  const r = parsePack({ name: '测试清单', level: 'county', extends: null, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function compiled(packs: PolicyPack[], code: string): CompiledPack {
  const r = resolvePack(code, new Map(packs.map((p) => [p.code, p])));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const c = compilePack(r.value);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return c.value;
}

const parent = pack({
  code: 'PA',
  region: '140400',
  level: 'city',
  settings: { definitions: { poor: { label: '困难', expression: 'economic_status in ["dibao", "tekun"]', citation: 'x' } } },
  parameters: {
    amount: { label: '金额', unit: 'fen', values: [{ from: '2023-01-01', to: '2024-12-31', value: 5000 }, { from: '2025-01-01', value: 6000 }], citation: 'x' },
    rate: { label: '未定', unit: 'fen', values: [{ from: '2023-01-01', value: null }], citation: 'x' },
  },
  items: [
    item('PA-01', 'age >= 80', { benefit: { kind: 'cash', monthly_fen: 'p.amount' } }),
    item('PA-02', 'd.poor'),
    item('PA-03', 'd.poor && capability_grade != null && capability_grade >= 3', { benefit: { kind: 'cash', monthly_fen: 'p.rate' } }),
  ],
});
const child = pack({
  code: 'CH',
  region: '140402',
  extends: 'PA',
  parameters: { amount: { label: '金额', unit: 'fen', values: [{ from: '2023-01-01', value: 7000 }], citation: 'y' } },
  items: [
    item('CH-01', 'age >= 100', { benefit: { kind: 'cash', monthly_fen: '50000' } }),
    item('CH-02', 'd.poor || economic_status == "dibao_edge"', { replaces: ['PA-02'] }),
  ],
});

describe('pack schema', () => {
  it('reports missing fields, bad codes and unknown keys in Chinese with stable codes', () => {
    const r = parsePack({ code: 'lx', name: '', region: '33078', level: 'town', items: [{ ...item('LX7', 'true'), colour: 'red' }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.error.map((i) => [i.path, i]));
    expect(r.error.every((i) => i.code === 'PACK_SCHEMA')).toBe(true);
    expect(byPath['code']!.message).toContain('清单代码应为2–4位大写字母');
    expect(byPath['region']!.message).toContain('区划代码应为6位数字');
    expect(byPath['name']!.message).toContain('清单名称不能为空');
    expect(byPath['level']!.message).toContain('层级应为');
    expect(byPath['items[0].code']!.message).toContain('项目编号格式');
    expect(r.error.some((i) => i.path === 'items[0]' && i.message.includes('colour'))).toBe(true);
  });
  it('rejects duplicate item codes and unsorted parameter dates', () => {
    const r = parsePack({
      code: 'XX', name: 'x', region: '330781', level: 'county',
      parameters: { a: { label: 'a', unit: 'fen', values: [{ from: '2024-01-01', value: 1 }, { from: '2023-01-01', value: 2 }], citation: 'c' } },
      items: [item('XX-01', 'true'), item('XX-01', 'true')],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((i) => i.code).sort()).toEqual(['PACK_DUPLICATE_ITEM', 'PACK_PARAMETER_DATES']);
  });
});

describe('dated parameters', () => {
  const p = parent.parameters['amount']!;
  it('gives the value in force, expired after an end date, unset before the first date or when null', () => {
    expect(parameterOn(p, '2022-12-31')).toMatchObject({ value: null, status: 'unset' });
    expect(parameterOn(p, '2023-01-01')).toMatchObject({ value: 5000, status: 'set' });
    expect(parameterOn(p, '2024-12-31')).toMatchObject({ value: 5000, status: 'set' });
    expect(parameterOn(p, '2025-01-01')).toMatchObject({ value: 6000, status: 'set' });
    expect(parameterOn(parent.parameters['rate']!, '2025-01-01')).toMatchObject({ value: null, status: 'unset' });
    const ended = { ...p, values: [{ from: '2023-01-01', to: '2023-12-31', value: 100 }] };
    expect(parameterOn(ended, '2024-01-01')).toMatchObject({ value: null, status: 'expired' });
  });
});

describe('resolvePack', () => {
  const packs = new Map([parent, child].map((p) => [p.code, p]));
  it('keeps every parent item unless the child re-declares or replaces it; child parameters win', () => {
    const r = resolvePack('CH', packs);
    if (!r.ok) throw new Error('resolve');
    const res: ResolvedPack = r.value;
    expect(res.items.map((i) => i.code)).toEqual(['CH-01', 'CH-02', 'PA-01', 'PA-03']);
    expect(res.origin).toMatchObject({ 'CH-01': 'CH', 'PA-01': 'PA' });
    expect(res.chain).toEqual(['CH', 'PA']);
    expect(res.parameters['amount']!.values[0]!.value).toBe(7000);
    expect(res.parameters['rate']).toBeDefined();
    expect(res.settings.definitions['poor']).toBeDefined();
  });
  it('reports unknown parents, cycles and unknown replaced items', () => {
    expect(resolvePack('ZZ', packs)).toMatchObject({ ok: false, error: [{ code: 'PACK_NOT_FOUND' }] });
    const orphan = { ...child, code: 'OR', extends: 'NOPE' };
    expect(resolvePack('OR', new Map([['OR', orphan]]))).toMatchObject({ ok: false, error: [{ code: 'PACK_EXTENDS_UNKNOWN' }] });
    const a = { ...child, code: 'AA', extends: 'BB', items: [] };
    const b = { ...child, code: 'BB', extends: 'AA', items: [] };
    expect(resolvePack('AA', new Map([['AA', a], ['BB', b]]))).toMatchObject({ ok: false, error: [{ code: 'PACK_EXTENDS_CYCLE' }] });
    const bad = { ...child, code: 'BD', items: [item('BD-01', 'true', { replaces: ['PA-09'] }) as never] };
    expect(resolvePack('BD', new Map([['BD', bad], ['PA', parent]]))).toMatchObject({ ok: false, error: [{ code: 'PACK_REPLACES_UNKNOWN', item: 'BD-01' }] });
  });
});

describe('compilePack', () => {
  const compileOne = (items: unknown[], settings?: unknown) => {
    const p = pack({ code: 'CC', region: '330781', items, ...(settings ? { settings } : {}), parameters: { a: { label: 'a', unit: 'fen', values: [{ from: '2020-01-01', value: 1 }], citation: 'c' } } });
    const r = resolvePack('CC', new Map([['CC', p]]));
    if (!r.ok) throw new Error('resolve');
    return compilePack(r.value);
  };
  it('names the item and expression for syntax errors and unknown facts, parameters and definitions', () => {
    const r = compileOne([
      item('CC-01', 'age >= '),
      item('CC-02', 'agee >= 80'),
      item('CC-03', 'p.missing > 0'),
      item('CC-04', 'd.nothing'),
      item('CC-05', 'age >= 80', { benefit: { kind: 'cash', monthly_fen: 'p.a + p.b' } }),
      item('CC-06', 'true', { not_with: ['CC-99'] }),
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.error.map((i) => [i.code, i.item, i.expression ?? null]);
    expect(got).toEqual([
      ['CEL_SYNTAX', 'CC-01', 'age >='],
      ['CEL_UNKNOWN_FACT', 'CC-02', 'agee >= 80'],
      ['CEL_UNKNOWN_PARAMETER', 'CC-03', 'p.missing > 0'],
      ['CEL_UNKNOWN_DEFINITION', 'CC-04', 'd.nothing'],
      ['CEL_UNKNOWN_PARAMETER', 'CC-05', 'p.a + p.b'],
      ['PACK_NOT_WITH_UNKNOWN', 'CC-06', null],
    ]);
    expect(r.error[1]!.message).toContain('agee');
  });
  it('accepts comprehension variables and definitions in any order; rejects definition cycles', () => {
    expect(compileOne([item('CC-01', '[1, 2].exists(x, x == age)')]).ok).toBe(true);
    const def = (expression: string) => ({ label: 'x', expression, citation: 'c' });
    const fwd = compileOne([item('CC-01', 'd.a')], { definitions: { a: def('d.b && age >= 70'), b: def('age >= 65') } });
    expect(fwd.ok).toBe(true);
    if (fwd.ok) {
      const on = '2025-06-01';
      expect(fwd.value.entitle(personFactsOn({ birth_date: '1950-01-01' }, on), on).map((e) => e.code)).toEqual(['CC-01']);
      expect(fwd.value.entitle(personFactsOn({ birth_date: '1957-01-01' }, on), on)).toEqual([]);
    }
    const cyc = compileOne([item('CC-01', 'true')], { definitions: { a: def('d.b'), b: def('d.a') } });
    expect(cyc.ok).toBe(false);
    if (!cyc.ok) expect(cyc.error.some((i) => i.code === 'CEL_UNKNOWN_DEFINITION' && i.message.includes('循环'))).toBe(true);
  });
  it('rejects exclusion cycles', () => {
    const r = compileOne([item('CC-01', 'true', { not_with: ['CC-02'] }), item('CC-02', 'true', { not_with: ['CC-01'] })]);
    expect(r).toMatchObject({ ok: false, error: [{ code: 'PACK_NOT_WITH_CYCLE' }] });
  });
});

describe('explain and entitle', () => {
  const c = compiled([parent, child], 'CH');
  const on = '2025-06-01';
  const person = (facts: Record<string, unknown>) => personFactsOn({ birth_date: '1940-03-01', ...facts }, on);

  it('explains every item with the facts it read, amount and citation', () => {
    const ex = c.explain(person({ economic_status: 'dibao', capability_grade: 4 }), on);
    expect(ex.map((e) => e.code)).toEqual(['CH-01', 'CH-02', 'PA-01', 'PA-03']);
    const pa01 = ex.find((e) => e.code === 'PA-01')!;
    expect(pa01).toMatchObject({ eligible: true, monthly_cash_fen: 7000, facts: { age: 85 }, condition: 'age >= 80', excluded_by: null, error: null, guard: null });
    const pa03 = ex.find((e) => e.code === 'PA-03')!;
    expect(pa03).toMatchObject({ eligible: true, monthly_cash_fen: null, blocked_parameters: ['rate'], facts: { 'd.poor': true, capability_grade: 4 } });
    expect(explanationText(pa03)).toContain('暂停发放');
    expect(ex.find((e) => e.code === 'CH-01')).toMatchObject({ eligible: false, facts: { age: 85 } });
  });

  it('entitle gives the eligible items with amounts and blocked parameters', () => {
    const got = c.entitle(person({ economic_status: 'dibao', capability_grade: 4 }), on);
    expect(got).toEqual([
      { code: 'CH-02', name: '项目CH-02', benefit_kind: 'right', monthly_cash_fen: null, blocked_parameters: [] },
      { code: 'PA-01', name: '项目PA-01', benefit_kind: 'cash', monthly_cash_fen: 7000, blocked_parameters: [] },
      { code: 'PA-03', name: '项目PA-03', benefit_kind: 'cash', monthly_cash_fen: null, blocked_parameters: ['rate'] },
    ]);
    expect(c.entitle(person({ economic_status: 'none' }), on).map((e) => e.code)).toEqual(['PA-01']);
    expect(c.entitle(person({ economic_status: 'dibao_edge' }), on).map((e) => e.code)).toEqual(['CH-02', 'PA-01']);
  });

  it('condition errors make an item not eligible with the error in the explanation', () => {
    const ex = c.explain(person({ economic_status: 'dibao', capability_grade: null }), on);
    expect(ex.find((e) => e.code === 'PA-03')).toMatchObject({ eligible: false, error: null });
    const p = pack({ code: 'ER', region: '330781', items: [item('ER-01', 'capability_grade >= 3')] });
    const e = compiled([p], 'ER');
    const r = e.explain(person({ capability_grade: null }), on)[0]!;
    expect(r.eligible).toBe(false);
    expect(r.error).toContain('条件求值出错');
    expect(e.entitle(person({ capability_grade: null }), on)).toEqual([]);
  });

  it('applies not_with exclusions in both modes', () => {
    const p = pack({
      code: 'EX', region: '330781',
      items: [item('EX-01', 'age >= 80', { not_with: ['EX-02'] }), item('EX-02', 'age >= 100'), item('EX-03', 'age >= 60', { not_with: ['EX-01'] })],
    });
    const e = compiled([p], 'EX');
    const old = personFactsOn({ birth_date: '1920-01-01' }, on);
    expect(e.entitle(old, on).map((x) => x.code)).toEqual(['EX-02', 'EX-03']);
    expect(e.explain(old, on).map((x) => [x.code, x.eligible, x.excluded_by])).toEqual([['EX-01', false, 'EX-02'], ['EX-02', true, null], ['EX-03', true, null]]);
    const eighty = personFactsOn({ birth_date: '1940-01-01' }, on);
    expect(e.entitle(eighty, on).map((x) => x.code)).toEqual(['EX-01']);
  });

  it('engine guarantee: dead, under 60 or unknown age → no items even when a condition says true', () => {
    const p = pack({ code: 'GU', region: '330781', items: [item('GU-01', 'true')] });
    const e = compiled([p], 'GU');
    expect(e.entitle(personFactsOn({ birth_date: '1965-06-01' }, on), on).map((x) => x.code)).toEqual(['GU-01']);
    expect(e.entitle(personFactsOn({ birth_date: '1965-06-02' }, on), on)).toEqual([]);
    expect(e.explain(personFactsOn({ birth_date: '1965-06-02' }, on), on)[0]).toMatchObject({ eligible: false, guard: 'under_60' });
    expect(e.entitle(personFactsOn({ birth_date: '1930-01-01', alive: false }, on), on)).toEqual([]);
    expect(e.explain(personFactsOn({ birth_date: '1930-01-01', alive: false }, on), on)[0]).toMatchObject({ guard: 'not_alive' });
    expect(e.entitle(personFactsOn({}, on), on)).toEqual([]);
  });

  it('reports the status of every parameter on a date', () => {
    expect(c.parameterStatus('2025-06-01')).toEqual([
      { name: 'amount', label: '金额', value: 7000, status: 'set' },
      { name: 'rate', label: '未定', value: null, status: 'unset' },
    ]);
  });
});

describe('personFactsOn', () => {
  it('fills neutral values, birth date and sex from the ID number, and 周岁 including the birthday', () => {
    const f = personFactsOn({ id_number: '330781194506010128', hukou_region: '330781' }, '2025-06-01');
    expect(f).toMatchObject({ birth_date: '1945-06-01', sex: 'female', age: 80, alive: true, economic_status: 'none', has_supporter: true, capability_grade: null });
    expect(personFactsOn({ id_number: '330781194506010128' }, '2025-05-31').age).toBe(79);
    expect(personFactsOn({ id_number: '330781194506020211' }, '2025-06-01').sex).toBe('male');
    expect(personFactsOn({ birth_date: '1944-02-29' }, '2025-02-28').age).toBe(80);
    expect(personFactsOn({ birth_date: '1945-02-28' }, '2025-02-28').age).toBe(80);
    expect(personFactsOn({}, '2025-06-01').age).toBeNull();
  });
});
