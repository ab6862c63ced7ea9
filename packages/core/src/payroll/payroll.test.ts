/**
 * Payroll arithmetic boundaries (target 26): 79 years 364 days, 80 years 0 days, 99 → 100, death
 * on the last day of a month, suspensions, and the review diff. The rule table below is Lanxi's
 * (002 附件 第7项: 80–99周岁 60元/月; 100周岁以上 500元/月, 不重复享受), written as the test's oracle.
 */
import { describe, expect, it } from 'vitest';
import { ageOn } from '../lib/dates';
import { FACT_NEUTRAL, type PersonFacts } from '../person/facts';
import { cycleDiff } from './diff';
import { monthAmount, type EntitleFn } from './compute';
import { enrolmentCovers, evaluationDate, firstPayableMonth, referenceDate, type EnrolmentTerms } from './months';
import { publicName, safeCell } from './publication';

const lanxi: EntitleFn = (f) => {
  if (!f.alive || f.age === null) return [];
  if (f.age >= 100) return [{ code: 'LX-08', monthly_cash_fen: 50000, blocked_parameters: [] }];
  if (f.age >= 80) return [{ code: 'LX-07', monthly_cash_fen: 6000, blocked_parameters: [] }];
  return [];
};

function factsOn(birth: string, on: string): PersonFacts {
  return { ...(FACT_NEUTRAL as Omit<PersonFacts, 'birth_date' | 'sex' | 'age' | 'alive'>), birth_date: birth, sex: 'female', age: ageOn(birth, on), alive: true };
}

const open: EnrolmentTerms = { start_month: '2020-01', end_month: null, suspensions: [] };

function pay(programme: string, birth: string, month: string, death: string | null = null, enrolment = open) {
  const on = evaluationDate('month_after_eligible', month, death);
  return monthAmount({ programme, rule: 'month_after_eligible', month, enrolment, death_date: death, facts: factsOn(birth, on), entitle: lanxi });
}

describe('month_after_eligible (高龄津贴 满80周岁次月起)', () => {
  it('79 years 364 days on the last day of June: July is not paid, August is', () => {
    // born 1945-07-01: on 2025-06-30 aged 79 years 364 days
    expect(ageOn('1945-07-01', '2025-06-30')).toBe(79);
    expect(pay('LX-07', '1945-07-01', '2025-07')).toMatchObject({ pay: false, code: 'NOT_ELIGIBLE' });
    expect(pay('LX-07', '1945-07-01', '2025-08')).toMatchObject({ pay: true, amount_fen: 6000 });
  });
  it('80 years 0 days on the last day of June: July is paid, June is not', () => {
    expect(pay('LX-07', '1945-06-30', '2025-06')).toMatchObject({ pay: false, code: 'NOT_ELIGIBLE' });
    expect(pay('LX-07', '1945-06-30', '2025-07')).toMatchObject({ pay: true, amount_fen: 6000, evaluated_on: '2025-06-30' });
  });
  it('99 → 100: 60 元 until the month of the 100th birthday, 500 元 from the next month, never both', () => {
    const birth = '1925-06-10';
    expect(pay('LX-07', birth, '2025-06')).toMatchObject({ pay: true, amount_fen: 6000 });
    expect(pay('LX-08', birth, '2025-06')).toMatchObject({ pay: false });
    expect(pay('LX-07', birth, '2025-07')).toMatchObject({ pay: false, code: 'NOT_ELIGIBLE' });
    expect(pay('LX-08', birth, '2025-07')).toMatchObject({ pay: true, amount_fen: 50000 });
  });
  it('death on the last day of a month: that month is paid, the next is not', () => {
    expect(pay('LX-07', '1940-01-01', '2025-06', '2025-06-30')).toMatchObject({ pay: true, amount_fen: 6000 });
    expect(pay('LX-07', '1940-01-01', '2025-07', '2025-06-30')).toMatchObject({ pay: false, code: 'DIED' });
    // death on the first day: still paid that month
    expect(pay('LX-07', '1940-01-01', '2025-07', '2025-07-01')).toMatchObject({ pay: true });
  });
  it('month_of_eligible judges on the last day of the month, and before death when the person died in it', () => {
    expect(referenceDate('month_of_eligible', '2025-02')).toBe('2025-02-28');
    expect(evaluationDate('month_of_eligible', '2025-06', '2025-06-15')).toBe('2025-06-14');
    const r = monthAmount({ programme: 'LX-07', rule: 'month_of_eligible', month: '2025-06', enrolment: open, death_date: '2025-06-15', facts: factsOn('1940-01-01', '2025-06-14'), entitle: lanxi });
    expect(r).toMatchObject({ pay: true, amount_fen: 6000 });
  });
});

describe('enrolment terms', () => {
  const e: EnrolmentTerms = { start_month: '2025-03', end_month: '2025-09', suspensions: [{ from_month: '2025-05', to_month: '2025-06' }] };
  it('covers start..end minus suspensions', () => {
    expect(['2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-09', '2025-10'].map((m) => enrolmentCovers(e, m))).toEqual([false, true, true, false, false, true, true, false]);
    expect(pay('LX-07', '1940-01-01', '2025-05', null, e)).toMatchObject({ pay: false, code: 'SUSPENDED' });
    expect(pay('LX-07', '1940-01-01', '2025-10', null, e)).toMatchObject({ pay: false, code: 'NOT_ENROLLED' });
  });
  it('first payable month per start rule', () => {
    expect(firstPayableMonth('month_after_eligible', '2025-06-30')).toBe('2025-07');
    expect(firstPayableMonth('month_of_eligible', '2025-06-30')).toBe('2025-06');
    expect(firstPayableMonth('month_of_approval', '2025-01-01', '2025-03-12')).toBe('2025-03');
  });
  it('a blocked parameter stops the payment with its name', () => {
    const blocked: EntitleFn = () => [{ code: 'X-1', monthly_cash_fen: null, blocked_parameters: ['p.nursing_amount'] }];
    const r = monthAmount({ programme: 'X-1', rule: 'month_of_eligible', month: '2025-06', enrolment: open, death_date: null, facts: factsOn('1940-01-01', '2025-06-30'), entitle: blocked });
    expect(r).toMatchObject({ pay: false, code: 'BLOCKED' });
    expect(r.pay ? '' : r.reason).toContain('p.nursing_amount');
  });
});

describe('review diff and publication cells', () => {
  it('lists new, changed and stopped with reasons', () => {
    const d = cycleDiff([{ person_id: 'a', amount_fen: 6000 }, { person_id: 'b', amount_fen: 6000 }], [{ person_id: 'a', amount_fen: 50000 }, { person_id: 'c', amount_fen: 6000 }], new Map([['b', '死亡']]));
    expect(d).toEqual([
      { person_id: 'c', change: 'new', before_fen: null, after_fen: 6000, reason: '新增享受对象' },
      { person_id: 'a', change: 'changed', before_fen: 6000, after_fen: 50000, reason: '标准提高或含补发' },
      { person_id: 'b', change: 'stopped', before_fen: 6000, after_fen: null, reason: '死亡' },
    ]);
  });
  it('masks names and neutralises formulas', () => {
    expect([publicName('张三'), publicName('王五一'), publicName('欧阳修远')]).toEqual(['张*', '王*一', '欧**远']);
    expect(safeCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(safeCell('张三')).toBe('张三');
  });
});
