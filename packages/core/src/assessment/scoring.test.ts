import { describe, expect, it } from 'vitest';
import {
  applyChangeRules,
  ASSESSMENT_ITEMS,
  checkScoreInput,
  DEFAULT_GRADE_CHANGE_SETTINGS,
  DIMENSIONS,
  dimensionScores,
  GRADE_NAMES,
  initialGradeOf,
  itemScoresWithTotal,
  maxItemScores,
  NO_RISK_EVENTS,
  scoreAssessment,
  type CapabilityGrade,
  type GradeChangeSettings,
  type ItemScores,
  type ScoreInput,
} from './index';

/** GB/T 42195-2022 Annex B: the points each item offers (standards.md §1.2). */
const EXPECTED_POINTS: Record<string, number[]> = {
  'B.1.1': [4, 3, 2, 1, 0], 'B.1.2': [4, 3, 2, 1, 0], 'B.1.3': [4, 3, 2, 1, 0], 'B.1.4': [4, 3, 2, 1, 0],
  'B.1.5': [4, 3, 2, 1, 0], 'B.1.6': [4, 3, 2, 1, 0], 'B.1.7': [4, 3, 2, 1, 0], 'B.1.8': [4, 3, 2, 1, 0],
  'B.2.1': [4, 3, 2, 1, 0], 'B.2.2': [4, 3, 2, 1, 0], 'B.2.3': [4, 3, 2, 1, 0], 'B.2.4': [3, 2, 1, 0],
  'B.3.1': [4, 3, 2, 1, 0], 'B.3.2': [4, 3, 2, 1, 0], 'B.3.3': [4, 3, 2, 1, 0], 'B.3.4': [4, 3, 2, 1, 0],
  'B.3.5': [4, 3, 2, 1, 0], 'B.3.6': [4, 3, 2, 1, 0], 'B.3.7': [1, 0], 'B.3.8': [1, 0], 'B.3.9': [2, 1, 0],
  'B.4.1': [2, 1, 0], 'B.4.2': [2, 1, 0], 'B.4.3': [4, 3, 2, 1, 0], 'B.4.4': [3, 2, 1, 0], 'B.4.5': [4, 3, 2, 1, 0],
};

const allMax = (): ItemScores => maxItemScores();
const itemsWithTotal = itemScoresWithTotal;

function input(items: ItemScores, extra: Partial<ScoreInput> = {}): ScoreInput {
  return { items, coma: false, diagnoses: [], risk_events_30d: { ...NO_RISK_EVENTS }, ...extra };
}

describe('GB/T 42195 item bank', () => {
  it('has the 26 items B.1.1 … B.4.5 with exactly the standard’s points, each with Chinese wording', () => {
    expect(ASSESSMENT_ITEMS.map((i) => i.code)).toEqual(Object.keys(EXPECTED_POINTS));
    for (const it of ASSESSMENT_ITEMS) {
      expect(it.options.map((o) => o.points), it.code).toEqual(EXPECTED_POINTS[it.code]);
      expect(it.name).toMatch(/[\u4e00-\u9fa5]/);
      for (const o of it.options) expect(o.label, `${it.code} ${o.points}`).toMatch(/[\u4e00-\u9fa5]{2,}/);
    }
  });

  it('dimension maxima are 32 / 15 / 28 / 15 and the total is 90', () => {
    const r = dimensionScores(allMax());
    expect(r.dimensions).toEqual({ 'B.1': 32, 'B.2': 15, 'B.3': 28, 'B.4': 15 });
    expect(r.total).toBe(90);
    expect(DIMENSIONS.map((d) => d.max)).toEqual([32, 15, 28, 15]);
    const counts = DIMENSIONS.map((d) => ASSESSMENT_ITEMS.filter((i) => i.dimension === d.code).length);
    expect(counts).toEqual([8, 4, 9, 5]);
  });

  describe.each(ASSESSMENT_ITEMS.map((i) => [i.code, i] as const))('%s', (code, item) => {
    item.options.forEach((o) => {
      it(`option ${o.points} scores ${o.points} in ${item.dimension}`, () => {
        const items = { ...allMax(), [code]: o.points };
        const checked = checkScoreInput({ items });
        expect(checked.ok).toBe(true);
        const r = scoreAssessment(input(items));
        const dimMax = DIMENSIONS.find((d) => d.code === item.dimension)!.max;
        expect(r.dimensions[item.dimension]).toBe(dimMax - (item.options[0]!.points - o.points));
        expect(r.total).toBe(90 - (item.options[0]!.points - o.points));
      });
    });

    it('rejects a score that is not one of its options, naming the item', () => {
      const max = item.options[0]!.points;
      for (const bad of [max + 1, -1, 1.5]) {
        const r = checkScoreInput({ items: { ...allMax(), [code]: bad } });
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error).toHaveLength(1);
          expect(r.error[0]).toMatchObject({ code: 'ASSESSMENT_ITEM_SCORE_INVALID', item: code, path: `items.${code}` });
          expect(r.error[0]!.message).toContain(code);
        }
      }
    });

    it('is required', () => {
      const items = allMax();
      delete items[code];
      const r = checkScoreInput({ items });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toEqual([expect.objectContaining({ code: 'ASSESSMENT_ITEM_MISSING', item: code, message: expect.stringContaining(code) })]);
    });
  });

  it('rejects unknown item codes, naming them', () => {
    const r = checkScoreInput({ items: { ...allMax(), 'B.5.1': 4 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual([expect.objectContaining({ code: 'ASSESSMENT_ITEM_UNKNOWN', item: 'B.5.1', message: expect.stringContaining('B.5.1') })]);
  });
});

describe('initial grade from the total (C.3)', () => {
  const cases: Array<[number, CapabilityGrade]> = [
    [90, 0], [89, 1], [66, 1], [65, 2], [46, 2], [45, 3], [30, 3], [29, 4], [0, 4],
  ];
  it.each(cases)('total %i → grade %i', (total, grade) => {
    expect(initialGradeOf(total)).toBe(grade);
    const items = itemsWithTotal(total);
    const r = scoreAssessment(input(items));
    expect(r.total).toBe(total);
    expect(r.initial_grade).toBe(grade);
    expect(r.grade).toBe(grade);
    expect(r.grade_name).toBe(GRADE_NAMES[grade]);
    expect(r.changes).toEqual([]);
  });

  it('grade names run from 能力完好 to 能力完全丧失', () => {
    expect(GRADE_NAMES).toEqual({ 0: '能力完好', 1: '能力轻度受损', 2: '能力中度受损', 3: '能力重度受损', 4: '能力完全丧失' });
  });

  it('refuses totals outside 0–90', () => {
    expect(() => initialGradeOf(91)).toThrow(RangeError);
    expect(() => initialGradeOf(-1)).toThrow(RangeError);
  });
});

describe('grade-change rules (C.4) and final grade (C.5)', () => {
  const at = (total: number, extra: Partial<ScoreInput>, s?: GradeChangeSettings) => scoreAssessment(input(itemsWithTotal(total), extra), s);

  it('coma alone sets grade 4 from any initial grade', () => {
    for (const total of [90, 70, 50, 35]) {
      const r = at(total, { coma: true });
      expect(r.grade).toBe(4);
      expect(r.changes.map((c) => c.rule)).toEqual(['coma']);
    }
    expect(at(90, { coma: true }).initial_grade).toBe(0);
  });

  it('dementia F00–F03 alone raises one level', () => {
    for (const code of ['F00', 'F01.1', 'F02', 'F03']) {
      const r = at(70, { diagnoses: [code] });
      expect(r.initial_grade).toBe(1);
      expect(r.grade).toBe(2);
      expect(r.changes.map((c) => c.rule)).toEqual(['dementia']);
    }
  });

  it('another mental disorder F04–F99 alone raises one level', () => {
    for (const code of ['F04', 'F20', 'F32.9', 'F99']) {
      const r = at(50, { diagnoses: [code] });
      expect([r.initial_grade, r.grade]).toEqual([2, 3]);
      expect(r.changes.map((c) => c.rule)).toEqual(['mental_disorder']);
    }
  });

  it('other diagnoses change nothing', () => {
    const r = at(70, { diagnoses: ['I10', 'E14', 'G30', 'G20'] });
    expect(r.grade).toBe(1);
    expect(r.changes).toEqual([]);
  });

  it('two care-risk events in 30 days alone raise one level; one does not', () => {
    const one = at(70, { risk_events_30d: { ...NO_RISK_EVENTS, fall: 1 } });
    expect(one.grade).toBe(1);
    const two = at(70, { risk_events_30d: { ...NO_RISK_EVENTS, fall: 2 } });
    expect(two.grade).toBe(2);
    expect(two.changes.map((c) => c.rule)).toEqual(['risk_events']);
    // Default counting is over all types (standard's wording; settings.ts).
    const mixed = at(70, { risk_events_30d: { ...NO_RISK_EVENTS, fall: 1, choking: 1 } });
    expect(mixed.grade).toBe(2);
  });

  it('never goes above grade 4 (cap)', () => {
    expect(at(20, { diagnoses: ['F03'] }).grade).toBe(4);
    expect(at(20, { risk_events_30d: { ...NO_RISK_EVENTS, wandering: 3 } }).grade).toBe(4);
    const stacked = at(35, { diagnoses: ['F03'], risk_events_30d: { ...NO_RISK_EVENTS, fall: 2 } }, { ...DEFAULT_GRADE_CHANGE_SETTINGS, raise_combination: 'stack' });
    expect([stacked.initial_grade, stacked.grade]).toEqual([3, 4]);
    expect(at(20, { coma: true, diagnoses: ['F03'] }).grade).toBe(4);
  });

  it('default setting: diagnosis and risk rules together raise one level (raise_combination = once)', () => {
    const r = at(70, { diagnoses: ['F03'], risk_events_30d: { ...NO_RISK_EVENTS, fall: 2 } });
    expect(r.grade).toBe(2);
    expect(r.changes.map((c) => c.rule)).toEqual(['dementia', 'risk_events']);
  });

  it('setting raise_combination = stack raises two levels', () => {
    const r = at(70, { diagnoses: ['F03'], risk_events_30d: { ...NO_RISK_EVENTS, fall: 2 } }, { ...DEFAULT_GRADE_CHANGE_SETTINGS, raise_combination: 'stack' });
    expect(r.grade).toBe(3);
  });

  it('setting risk_event_counting = per_type needs one type to reach the threshold', () => {
    const s: GradeChangeSettings = { ...DEFAULT_GRADE_CHANGE_SETTINGS, risk_event_counting: 'per_type' };
    expect(at(70, { risk_events_30d: { ...NO_RISK_EVENTS, fall: 1, choking: 1 } }, s).grade).toBe(1);
    expect(at(70, { risk_events_30d: { ...NO_RISK_EVENTS, choking: 2 } }, s).grade).toBe(2);
    expect(at(70, { risk_events_30d: { ...NO_RISK_EVENTS, choking: 2 } }, s).changes[0]!.description).toContain('同一类');
  });

  it('applyChangeRules works from the initial grade alone', () => {
    expect(applyChangeRules(0, { coma: false, diagnoses: ['F03'], risk_events_30d: NO_RISK_EVENTS }).grade).toBe(1);
    expect(applyChangeRules(3, { coma: false, diagnoses: [], risk_events_30d: { ...NO_RISK_EVENTS, other: 5 } }).grade).toBe(4);
  });
});

describe('checkScoreInput: diagnoses and risk events', () => {
  it('normalises ICD-10 codes and removes duplicates', () => {
    const r = checkScoreInput({ items: allMax(), diagnoses: [' f03 ', 'F03', 'I63.9'] });
    expect(r.ok && r.value.diagnoses).toEqual(['F03', 'I63.9']);
  });

  it.each([['dementia'], ['F3'], ['F003'], [''], [42], ['F03;F20']])('rejects diagnosis %j', (bad) => {
    const r = checkScoreInput({ items: allMax(), diagnoses: [bad] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatchObject({ code: 'ASSESSMENT_DIAGNOSIS_INVALID', path: 'diagnoses.0' });
  });

  it.each([[-1], [1.5], ['2']])('rejects risk-event count %j', (bad) => {
    const r = checkScoreInput({ items: allMax(), risk_events_30d: { fall: bad } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatchObject({ code: 'ASSESSMENT_RISK_COUNT_INVALID', path: 'risk_events_30d.fall', message: expect.stringContaining('跌倒') });
  });

  it('rejects unknown risk-event types', () => {
    const r = checkScoreInput({ items: allMax(), risk_events_30d: { burglary: 1 } });
    expect(r.ok).toBe(false);
  });

  it('reports every problem at once', () => {
    const items = allMax();
    delete items['B.1.1'];
    const r = checkScoreInput({ items: { ...items, 'B.2.4': 4, 'X.1': 1 }, diagnoses: ['x'], risk_events_30d: { fall: -2 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.map((e) => e.code)).toEqual([
        'ASSESSMENT_ITEM_MISSING',
        'ASSESSMENT_ITEM_UNKNOWN',
        'ASSESSMENT_ITEM_SCORE_INVALID',
        'ASSESSMENT_DIAGNOSIS_INVALID',
        'ASSESSMENT_RISK_COUNT_INVALID',
      ]);
    }
  });
});
