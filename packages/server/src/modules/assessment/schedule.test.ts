/**
 * Re-assessment schedule, reminders, automatic requests and statistics (issue 4 §3, §5, §7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createTeam, formWith, fullItems, itemsWithTotal, runWorkflow, type AssessmentTeam } from '../../../test/assessment-fixtures';
import { actorFor, createTestContext, createUser, fixedClock, login, type TestContext } from '../../../test/harness';
import type { Actor } from '../../platform/actor';
import { systemActor } from '../../platform/actor';

describe('assessment schedule, automatic requests and statistics', () => {
  let t: TestContext;
  const clock = fixedClock(new Date('2025-03-10T02:00:00Z'));
  let team: AssessmentTeam;
  let street: Actor;
  let old: { id: string };
  let young: { id: string };
  const seen: Array<{ type: string; payload: Record<string, unknown> }> = [];

  beforeAll(async () => {
    t = await createTestContext({ clock });
    team = await createTeam(t, '330781', 'lx');
    const s = await createUser(t, { username: 'lx_street', role: 'street_staff', region: '330781001', orgType: 'street_office' });
    street = await actorFor(t, s.id);
    await createUser(t, { username: 'lx_county', role: 'county_staff', region: '330781' });
    for (const type of ['assessment.requested', 'assessment.published', 'assessment.due']) {
      t.ctx.events.subscribe<Record<string, unknown>>(type, 'test', async (payload) => {
        seen.push({ type, payload });
      });
    }
    old = await createPerson(t, { region: '330781001001', birth: '1940-01-01', seq: 21, name: '高龄甲' }); // 85
    young = await createPerson(t, { region: '330781001002', birth: '1955-06-01', seq: 22, name: '低龄乙' }); // 69
  });
  afterAll(async () => t.close());

  it('publishing schedules the free re-assessment: 80+ after one year, under 80 after two (002 二(一)3)', async () => {
    const a = await runWorkflow(t, team, street, old.id, { form: formWith(itemsWithTotal(50)), until: 'published' });
    const b = await runWorkflow(t, team, street, young.id, { form: formWith(fullItems()), until: 'published' });
    const s = t.ctx.services.assessment;
    expect((await s.get(street, a)).next_due_date).toBe('2026-03-10');
    expect((await s.get(street, b)).next_due_date).toBe('2027-03-10');
    await t.ctx.jobs.drain();
    expect(seen.filter((e) => e.type === 'assessment.published').map((e) => e.payload.person_id).sort()).toEqual([old.id, young.id].sort());
    expect(seen.filter((e) => e.type === 'assessment.requested')).toHaveLength(2);
    // A daily reminder run is pending for the next day.
    const daily = await t.ctx.db.selectFrom('jobs').select(['type', 'status', 'idempotency_key']).where('type', '=', 'assessment.daily').execute();
    expect(daily).toEqual([{ type: 'assessment.daily', status: 'pending', idempotency_key: 'assessment.daily:2025-03-11' }]);
  });

  it('the due list shows who falls due within the horizon; reminders are sent once per due date', async () => {
    const s = t.ctx.services.assessment;
    expect((await s.due(street, { within_days: 30, page: 1, page_size: 20 })).total).toBe(0);
    clock.set(new Date('2026-02-20T02:00:00Z'));
    const due = await s.due(street, { within_days: 30, page: 1, page_size: 20 });
    expect(due.items).toEqual([expect.objectContaining({ person_id: old.id, person_name: '高龄甲', next_due_date: '2026-03-10', days_left: 18, last_grade: 2, age: 86, open_assessment_id: null, reminded_at: null })]);

    // The daily job (due at 01:00) reminds and re-schedules itself.
    await t.ctx.jobs.drain();
    const reminders = seen.filter((e) => e.type === 'assessment.due');
    expect(reminders.map((e) => e.payload.person_id)).toEqual([old.id]);
    expect((await s.due(street, { within_days: 30, page: 1, page_size: 20 })).items[0]!.reminded_at).not.toBeNull();
    const next = await t.ctx.db.selectFrom('jobs').select('idempotency_key').where('type', '=', 'assessment.daily').where('status', '=', 'pending').execute();
    expect(next.map((j) => j.idempotency_key)).toEqual(['assessment.daily:2026-02-21']);
    // Running again the next day sends nothing new.
    clock.set(new Date('2026-02-21T02:00:00Z'));
    await t.ctx.jobs.drain();
    expect(seen.filter((e) => e.type === 'assessment.due')).toHaveLength(1);

    // Over the HTTP API, with overdue rows counted negative.
    clock.set(new Date('2026-03-15T02:00:00Z'));
    const cookie = await login(t.app, 'lx_county');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/assessments/due?within_days=0', headers: { cookie } });
    expect(res.json().items).toEqual([expect.objectContaining({ person_id: old.id, days_left: -5 })]);
  });

  it('a subsidy application or admission gets the valid result, or a new request when there is none', async () => {
    const s = t.ctx.services.assessment;
    const staff = systemActor('benefits');
    const fresh = await createPerson(t, { region: '330781001001', birth: '1945-05-05', seq: 23, name: '申请丙' });
    const r1 = await s.requestAutomatic(staff, { personId: fresh.id, channel: 'subsidy', sourceModule: 'benefits', sourceRef: 'APP-1' });
    expect(r1).toMatchObject({ outcome: 'created' });
    const d1 = await s.get(street, r1.assessment_id);
    expect(d1).toMatchObject({ reason: 'first', channel: 'subsidy', source_module: 'benefits', source_ref: 'APP-1' });
    const r2 = await s.requestAutomatic(staff, { personId: fresh.id, channel: 'admission', sourceModule: 'institutions', sourceRef: 'ADM-9' });
    expect(r2).toEqual({ outcome: 'open_exists', assessment_id: r1.assessment_id, number: d1.number });
    expect((await s.actions(street, r1.assessment_id)).map((a) => a.action)).toEqual(['request', 'needed_by']);
    // The young person's result (due 2027) is still valid: recognised as it is.
    const r3 = await s.requestAutomatic(staff, { personId: young.id, channel: 'subsidy', sourceModule: 'benefits', sourceRef: 'APP-2' });
    expect(r3).toMatchObject({ outcome: 'valid_result', grade: 0, next_due_date: '2027-03-10' });
    // The old person's result is past due: a routine re-assessment.
    const r4 = await s.requestAutomatic(staff, { personId: old.id, channel: 'admission', sourceModule: 'institutions', sourceRef: 'ADM-10' });
    expect(r4.outcome).toBe('created');
    expect((await s.get(street, r4.assessment_id)).reason).toBe('routine');
    // Outside the caller's scope: not found.
    const tja = await actorFor(t, (await createUser(t, { username: 'tja_staff', role: 'county_staff', region: '340403' })).id);
    await expect(s.requestAutomatic(tja, { personId: fresh.id, channel: 'subsidy', sourceModule: 'benefits', sourceRef: 'X' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a visit reporting a marked change requests an immediate assessment (service call or event)', async () => {
    const s = t.ctx.services.assessment;
    const r = await s.reportMarkedChange(systemActor('visits'), { personId: young.id, sourceModule: 'visits', sourceRef: 'VISIT-7', description: '探访发现老人跌倒后卧床' });
    expect(r.outcome).toBe('created');
    const d = await s.get(street, r.assessment_id);
    expect(d).toMatchObject({ reason: 'immediate', channel: 'change_report', request_note: '探访发现老人跌倒后卧床' });
    await s.cancel(await actorFor(t, (await createUser(t, { username: 'lx_c2', role: 'county_staff', region: '330781' })).id), d.id, { reason: '测试取消', version: d.version });

    await t.ctx.jobs.drain();
    seen.length = 0;
    await t.ctx.db.transaction().execute((trx) =>
      t.ctx.events.publish(trx, 'capability.change_reported', { person_id: young.id, source_module: 'services', source_ref: 'ORDER-3', description: '助浴时发现无法站立' }, 'ORDER-3'),
    );
    await t.ctx.jobs.drain();
    const requested = seen.filter((e) => e.type === 'assessment.requested');
    expect(requested).toEqual([expect.objectContaining({ payload: expect.objectContaining({ person_id: young.id, reason: 'immediate', channel: 'change_report' }) })]);
  });

  it('a death cancels open assessments and removes the person from the due list', async () => {
    const s = t.ctx.services.assessment;
    const open = (await s.list(street, { person_id: old.id, status: 'requested', page: 1, page_size: 5 })).items;
    expect(open).toHaveLength(1);
    await t.ctx.db.transaction().execute((trx) => t.ctx.events.publish(trx, 'person.died', { county_code: '330781', person_id: old.id, death_date: '2026-03-14' }, `${old.id}:died`));
    await t.ctx.jobs.drain();
    expect((await s.get(street, open[0]!.id)).status).toBe('cancelled');
    expect((await s.due(street, { within_days: 365, page: 1, page_size: 20 })).items.map((i) => i.person_id)).not.toContain(old.id);
  });

  it('a move takes the assessments and the schedule row to the new region', async () => {
    const s = t.ctx.services.assessment;
    await t.ctx.db.transaction().execute((trx) =>
      t.ctx.events.publish(trx, 'person.moved', { person_id: young.id, from_region: '330781001002', to_region: '330781002001', effective_date: '2026-03-15' }, `${young.id}:moved`),
    );
    await t.ctx.jobs.drain();
    const items = (await s.list(systemActor(), { person_id: young.id, page: 1, page_size: 10 })).items;
    expect(items.every((i) => i.region_code === '330781002001')).toBe(true);
    const sched = await t.ctx.db.selectFrom('assessment_schedule').select('region_code').where('person_id', '=', young.id).executeTakeFirstOrThrow();
    expect(sched.region_code).toBe('330781002001');
  });

  it('statistics: grade distribution by region and age band; done vs due by month', async () => {
    clock.set(new Date('2026-03-15T02:00:00Z'));
    // Re-assess the young person in March 2026 (not due until 2027) and publish.
    const s = t.ctx.services.assessment;
    const cookie = await login(t.app, 'lx_county');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/assessments/statistics?region=330781&year=2026', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const st = res.json();
    // Living assessed persons: the young one (grade 0, now 70); the old one has died.
    expect(st.total_assessed).toBe(1);
    expect(st.grade_counts).toEqual([1, 0, 0, 0, 0]);
    expect(st.by_region.find((r: { region_code: string }) => r.region_code === '330781002')).toMatchObject({ counts: [1, 0, 0, 0, 0], total: 1 });
    expect(st.by_age_band.find((b: { band: string }) => b.band === '70_79')).toMatchObject({ counts: [1, 0, 0, 0, 0] });
    // The old person's result fell due in March 2026 and was not re-assessed.
    expect(st.months[2]).toMatchObject({ month: '2026-03', due: 1, done: 0 });
    expect(st.totals).toMatchObject({ due: 1, done: 0 });
    const y2025 = (await t.app.inject({ method: 'GET', url: '/api/v1/assessments/statistics?year=2025', headers: { cookie } })).json();
    expect(y2025.months[2].published).toBe(2);
    expect(y2025.by_reason.find((r: { reason: string }) => r.reason === 'first').published).toBe(2);
    // Street staff have stats:read for their street only; assessors have no statistics.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/assessments/statistics?region=330781', headers: { cookie: await login(t.app, 'lx_street') } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/assessments/statistics', headers: { cookie: await login(t.app, team.assessor1.username) } })).statusCode).toBe(403);
    void s;
  });

  it('done vs due counts a re-assessment published by the end of the due month', async () => {
    const s = t.ctx.services.assessment;
    const p = await createPerson(t, { region: '330781001001', birth: '1930-01-01', seq: 24, name: '百岁丁' });
    clock.set(new Date('2025-04-01T02:00:00Z'));
    await runWorkflow(t, team, street, p.id, { form: formWith(fullItems()), until: 'published' });
    clock.set(new Date('2026-04-20T02:00:00Z'));
    await runWorkflow(t, team, street, p.id, { form: formWith(itemsWithTotal(60)), until: 'published', reason: 'routine' });
    const st = await s.statistics(await actorFor(t, (await createUser(t, { username: 'lx_c3', role: 'county_staff', region: '330781' })).id), { year: 2026 });
    expect(st.months[3]).toMatchObject({ month: '2026-04', due: 1, done: 1, published: 1 });
  });
});
