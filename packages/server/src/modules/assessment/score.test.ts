/** The public scoring contract POST /api/v1/assessments/score (issue 4 §2): answers and bad input. */
import { ASSESSMENT_ITEMS } from '@yiyang/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullItems, itemsWithTotal } from '../../../test/assessment-fixtures';
import { createTestContext, createUser, login, type TestContext } from '../../../test/harness';

describe('POST /api/v1/assessments/score', () => {
  let t: TestContext;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestContext();
    await createUser(t, { username: 'lx_assess', role: 'assessor', region: '330781' });
    await createUser(t, { username: 'tja_assess', role: 'assessor', region: '340403' });
    await createUser(t, { username: 'lx_visit', role: 'visitor', region: '330781' });
    cookie = await login(t.app, 'lx_assess');
  });
  afterAll(async () => t.close());

  const score = (payload: unknown, c = cookie) => t.app.inject({ method: 'POST', url: '/api/v1/assessments/score', payload: payload as object, headers: { cookie: c } });
  const noRisk = { fall: 0, wandering: 0, choking: 0, self_harm: 0, other: 0 };

  it('answers dimensions, total, initial grade, grade and its name', async () => {
    const r = await score({ items: fullItems(), coma: false, diagnoses: [], risk_events_30d: noRisk });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ dimensions: { 'B.1': 32, 'B.2': 15, 'B.3': 28, 'B.4': 15 }, total: 90, initial_grade: 0, grade: 0, grade_name: '能力完好', changes: [] });
  });

  it('the issue’s example: dementia F03 raises the initial grade by one', async () => {
    const r = await score({ items: itemsWithTotal(70), coma: false, diagnoses: ['F03'], risk_events_30d: noRisk });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ total: 70, initial_grade: 1, grade: 2, grade_name: '能力中度受损', changes: [{ rule: 'dementia' }] });
  });

  it('coma gives 能力完全丧失; optional fields default', async () => {
    expect((await score({ items: fullItems(), coma: true })).json()).toMatchObject({ initial_grade: 0, grade: 4, grade_name: '能力完全丧失' });
    expect((await score({ items: itemsWithTotal(29) })).json()).toMatchObject({ total: 29, grade: 4 });
  });

  it('a missing item is a 400 naming it', async () => {
    const items = fullItems();
    delete items['B.1.3'];
    const r = await score({ items, coma: false, diagnoses: [], risk_events_30d: noRisk });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'ASSESSMENT_ITEM_MISSING', message: expect.stringContaining('B.1.3') });
    expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.json().error.details).toEqual([expect.objectContaining({ path: 'items.B.1.3', item: 'B.1.3' })]);
  });

  it('no items at all: every item is named', async () => {
    const r = await score({ items: {} });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.map((d: { item: string }) => d.item)).toEqual(ASSESSMENT_ITEMS.map((i) => i.code));
  });

  it('an unknown item is a 400 naming it', async () => {
    const r = await score({ items: { ...fullItems(), 'B.2.5': 3 } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'ASSESSMENT_ITEM_UNKNOWN', message: expect.stringContaining('B.2.5') });
  });

  it.each(ASSESSMENT_ITEMS.map((i) => [i.code, i.options[0]!.points + 1] as const))('%s: a score outside its options (%i) is a 400 naming the item', async (code, bad) => {
    const r = await score({ items: fullItems({ [code]: bad }) });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'ASSESSMENT_ITEM_SCORE_INVALID', message: expect.stringContaining(code) });
  });

  it('a non-numeric score is a 400 naming the item', async () => {
    const r = await score({ items: { ...fullItems(), 'B.3.7': 'yes' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('B.3.7');
  });

  it('a fractional or negative score is a 400 naming the item', async () => {
    for (const bad of [2.5, -1]) {
      const r = await score({ items: fullItems({ 'B.4.1': bad }) });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'ASSESSMENT_ITEM_SCORE_INVALID', message: expect.stringContaining('B.4.1') });
    }
  });

  it('diagnoses that are not ICD-10 codes are a 400', async () => {
    const r = await score({ items: fullItems(), diagnoses: ['F03', '老年痴呆'] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'ASSESSMENT_DIAGNOSIS_INVALID', message: expect.stringContaining('ICD-10') });
    expect(r.json().error.details[0].path).toBe('diagnoses.1');
    const notArray = await score({ items: fullItems(), diagnoses: 'F03' });
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('negative or fractional risk-event counts are a 400', async () => {
    const neg = await score({ items: fullItems(), risk_events_30d: { ...noRisk, fall: -1 } });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error).toMatchObject({ code: 'ASSESSMENT_RISK_COUNT_INVALID', message: expect.stringContaining('跌倒') });
    const frac = await score({ items: fullItems(), risk_events_30d: { ...noRisk, choking: 1.5 } });
    expect(frac.statusCode).toBe(400);
  });

  it('needs a session and assessments:read', async () => {
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/assessments/score', payload: { items: fullItems() } });
    expect(anon.statusCode).toBe(401);
    const visitor = await score({ items: fullItems() }, await login(t.app, 'lx_visit'));
    expect(visitor.statusCode).toBe(403);
  });

  it('uses the caller’s locality settings (here: Lanxi stacks the two +1 rules)', async () => {
    const body = { items: itemsWithTotal(70), diagnoses: ['F03'], risk_events_30d: { ...noRisk, fall: 2 } };
    expect((await score(body)).json().grade).toBe(2);
    await t.ctx.db.insertInto('settings').values({ key: 'assessment.settings.330781', value: JSON.stringify({ grade_change: { raise_combination: 'stack' } }) }).execute();
    expect((await score(body)).json().grade).toBe(3);
    expect((await score(body, await login(t.app, 'tja_assess'))).json().grade).toBe(2);
    // A malformed setting is refused loudly rather than silently changing grades.
    await t.ctx.db.updateTable('settings').set({ value: JSON.stringify({ grade_change: { raise_combination: 'twice' } }) }).where('key', '=', 'assessment.settings.330781').execute();
    const bad = await score(body);
    expect(bad.statusCode).toBe(500);
    await t.ctx.db.deleteFrom('settings').where('key', '=', 'assessment.settings.330781').execute();
  });
});
