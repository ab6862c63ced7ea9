/**
 * Eligibility: the public evaluate contract (issue 5 item 4), a stored person's entitlements,
 * population runs and work lists (idempotent, only changes written, routed to the street, status,
 * scope, audit), re-runs on person.changed and on publish, and the simulation of a draft.
 */
import { makeIdNumber } from '@yiyang/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, fixedClock, login, type TestContext } from '../../../test/harness';
import { createEligibilityService } from './eligibility.service';
import { staticEnrolmentSource } from './enrolment-source';

const START = new Date('2025-06-04T02:00:00Z'); // today = 2025-06-04
const S1 = '330781001001'; // 兰江街道
const S2 = '330781002002'; // 云山街道

describe('eligibility evaluate (public contract)', () => {
  let t: TestContext;
  let staff: string;
  const evaluate = (payload: object, cookie = staff) => t.app.inject({ method: 'POST', url: '/api/v1/eligibility/evaluate', payload, headers: { cookie } });

  beforeAll(async () => {
    t = await createTestContext({ clock: fixedClock(START), config: { YIYANG_JOBS: 'false' } });
    await createUser(t, { username: 'lx_staff', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'tja_staff', role: 'county_staff', region: '340403' });
    staff = await login(t.app, 'lx_staff');
  });
  afterAll(async () => t.close());

  it('answers the Lanxi list: age 周岁 from the ID number on as_of, 80 included, 100+ at 500元, neutral facts', async () => {
    const id80 = makeIdNumber('330781', '1945-06-01', 1); // 80 on 2025-06-01 exactly
    const id79 = makeIdNumber('330781', '1945-06-02', 2); // 79 until tomorrow
    const id100 = makeIdNumber('330781', '1925-01-01', 3);
    const id59 = makeIdNumber('330781', '1966-01-01', 4);
    const r = await evaluate({
      region: '330781',
      as_of: '2025-06-01',
      persons: [
        { id_number: id80, hukou_region: '330781', economic_status: 'dibao', living_arrangement: 'alone' },
        { id_number: id79, hukou_region: '330781' },
        { id_number: id100, hukou_region: '330781' },
        { id_number: id59, hukou_region: '330781', economic_status: 'tekun' },
        { id_number: id80, hukou_region: '330781', alive: false },
        { id_number: id80, hukou_region: '340403' },
      ],
    });
    expect(r.statusCode).toBe(200);
    const [a80, a79, a100, a59, dead, elsewhere] = r.json().results;
    expect(a80.id_number).toBe(id80);
    expect(a80.items).toContainEqual({ code: 'LX-07', name: '高龄津贴', monthly_cash_fen: 6000 });
    expect(a79.items.map((i: { code: string }) => i.code)).not.toContain('LX-07');
    expect(a100.items).toContainEqual(expect.objectContaining({ code: 'LX-07A', monthly_cash_fen: 50000 }));
    expect(a100.items.map((i: { code: string }) => i.code)).not.toContain('LX-07');
    expect(a59.items).toEqual([]);
    expect(dead.items).toEqual([]);
    expect(elsewhere.items.map((i: { code: string }) => i.code)).not.toContain('LX-07');
    // non-cash items carry null
    const nonCash = a80.items.filter((i: { monthly_cash_fen: number | null }) => i.monthly_cash_fen === null);
    expect(nonCash.length).toBeGreaterThan(0);
  });

  it('explains each item on request and refuses bad input with a specific code', async () => {
    const id = makeIdNumber('330781', '1940-03-03', 5);
    const r = await evaluate({ region: '330781', as_of: '2025-06-01', explain: true, persons: [{ id_number: id, hukou_region: '330781' }] });
    const res = r.json().results[0];
    expect(res.age).toBe(85);
    const lx07 = res.explanation.find((e: { code: string }) => e.code === 'LX-07');
    expect(lx07).toMatchObject({ eligible: true, monthly_cash_fen: 6000, citation: expect.stringContaining('002') });
    expect(lx07.facts).toMatchObject({ age: 85 });

    const unknown = await evaluate({ region: '330781', as_of: '2025-06-01', persons: [{ id_number: id, wealth: 3 }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNKNOWN_FACT');
    const badValue = await evaluate({ region: '330781', as_of: '2025-06-01', persons: [{ id_number: id, economic_status: 'rich' }] });
    expect(badValue.json().error.code).toBe('INVALID_FACT');
    const badId = await evaluate({ region: '330781', as_of: '2025-06-01', persons: [{ id_number: '330781194003030000' }] });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.code).toBe('INVALID_ID_NUMBER');
    const noList = await evaluate({ region: '110101', as_of: '2025-06-01', persons: [{ id_number: id }] }, await login(t.app, 'lx_staff'));
    expect(noList.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/eligibility/evaluate', payload: { region: '330781', as_of: '2025-06-01', persons: [{ id_number: id }] } })).statusCode).toBe(401);
  });
});

describe('population run, work lists, re-runs and simulation', () => {
  let t: TestContext;
  let staff: string;
  let street1: string;
  let tja: string;
  const people: Record<string, string> = {};
  const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const send = (cookie: string, method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) => t.app.inject({ method, url, payload, headers: { cookie } });

  async function person(key: string, region: string, birth: string, hukou: string | null, seq: number) {
    const p = await t.ctx.services.registry.create(t.system, { id_type: 'resident', id_number: makeIdNumber('330781', birth, seq), name: `老人${key}`, region_code: region, hukou_region_code: hukou });
    people[key] = p.id;
  }

  beforeAll(async () => {
    t = await createTestContext({ clock: fixedClock(START), config: { YIYANG_JOBS: 'false' } });
    await createUser(t, { username: 'lx_staff', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'lx_approver', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 's1_staff', role: 'street_staff', region: '330781001' });
    await createUser(t, { username: 'tja_staff', role: 'county_staff', region: '340403' });
    staff = await login(t.app, 'lx_staff');
    street1 = await login(t.app, 's1_staff');
    tja = await login(t.app, 'tja_staff');
    await person('a', S1, '1940-01-01', S1, 11); // 85: LX-07
    await person('b', S2, '1938-02-02', S2, 12); // 87: LX-07
    await person('c', S1, '1920-03-03', S1, 13); // 105: LX-07A
    await person('d', S1, '1950-04-04', S1, 14); // 75: nothing paid
    await person('e', S2, '1930-05-05', '340403', 15); // 95 but hukou elsewhere: no LX-07
    await t.ctx.jobs.drain();
  });
  afterAll(async () => t.close());

  it('a stored person’s entitlements come from the registry, with explanations', async () => {
    const r = await get(staff, `/api/v1/persons/${people.a}/entitlements`);
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toContainEqual(expect.objectContaining({ code: 'LX-07', monthly_cash_fen: 6000 }));
    expect(r.json().explanation.find((e: { code: string }) => e.code === 'LX-07A')).toMatchObject({ eligible: false });
    expect((await get(tja, `/api/v1/persons/${people.a}/entitlements`)).statusCode).toBe(404);
  });

  it('fills the work lists (应享未享) routed to the street; a re-run writes nothing new', async () => {
    const run = await send(staff, 'POST', '/api/v1/eligibility/runs', { region: '330781' });
    expect(run.statusCode, run.body).toBe(201);
    // person.changed (creation) already put them on the list; the run confirms it.
    expect(run.json()).toMatchObject({ status: 'done', persons: 5, closed: 0 });
    expect(run.json().opened + run.json().unchanged).toBe(3);
    const list = (await get(staff, '/api/v1/worklists?region=330781&kind=entitled_not_receiving')).json();
    const rows = list.items.map((i: { person_id: string; item_code: string; street_code: string }) => `${i.person_id}|${i.item_code}|${i.street_code}`).sort();
    expect(rows).toEqual([`${people.a}|LX-07|330781001`, `${people.b}|LX-07|330781002`, `${people.c}|LX-07A|330781001`].sort());
    const a = list.items.find((i: { person_id: string }) => i.person_id === people.a);
    expect(a.explanation).toMatchObject({ code: 'LX-07', eligible: true, monthly_cash_fen: 6000 });
    expect(a.person_name).toBe('老人a');

    const again = await send(staff, 'POST', '/api/v1/eligibility/runs', { region: '330781' });
    expect(again.json()).toMatchObject({ opened: 0, closed: 0, unchanged: 3 });
    expect(Number((await t.ctx.db.selectFrom('eligibility_worklist').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(3);

    // street scope: 兰江街道 sees its two rows only; another county sees none
    const s1 = (await get(street1, '/api/v1/worklists')).json();
    expect(s1.total).toBe(2);
    expect((await get(tja, '/api/v1/worklists')).json().total).toBe(0);
    expect((await get(tja, `/api/v1/worklists/${a.id}`)).statusCode).toBe(404);
    expect((await get(tja, '/api/v1/worklists?region=330781')).statusCode).toBe(403);
  });

  it('tracks status with a note and audits it', async () => {
    const a = (await get(street1, '/api/v1/worklists?item_code=LX-07')).json().items[0];
    const p = await send(street1, 'PATCH', `/api/v1/worklists/${a.id}`, { version: a.version, status: 'in_progress' });
    expect(p.json()).toMatchObject({ status: 'in_progress', handled_by: 's1_staff' });
    const noNote = await send(street1, 'PATCH', `/api/v1/worklists/${a.id}`, { version: p.json().version, status: 'dismissed' });
    expect(noNote.json().error.code).toBe('WORKLIST_NOTE_REQUIRED');
    const stale = await send(street1, 'PATCH', `/api/v1/worklists/${a.id}`, { version: a.version, status: 'open' });
    expect(stale.statusCode).toBe(400);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', a.id).execute();
    expect(audit.map((x) => x.action)).toEqual(['worklists.update']);
  });

  it('re-runs one person on person.changed: a death closes their rows automatically', async () => {
    await t.ctx.services.registry.recordEvent(t.system, people.b!, { type: 'death', effective_date: '2025-06-01' });
    await t.ctx.jobs.drain();
    const rows = await t.ctx.db.selectFrom('eligibility_worklist').selectAll().where('person_id', '=', people.b!).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'resolved', resolution: 'auto' });
  });

  it('lists 不应享而享 from the enrolment source', async () => {
    const svc = createEligibilityService({
      db: t.ctx.db,
      audit: t.ctx.services.audit,
      registry: t.ctx.services.registry,
      catalogue: t.ctx.services.catalogue,
      regions: t.ctx.services.regions,
      clock: t.clock,
      enrolments: staticEnrolmentSource([
        { person_id: people.a!, item_code: 'LX-07' },
        { person_id: people.e!, item_code: 'LX-07' },
      ]),
    });
    const run = await svc.runPopulation(t.system, '330781');
    expect(run).toMatchObject({ opened: 1 });
    const e = await t.ctx.db.selectFrom('eligibility_worklist').selectAll().where('person_id', '=', people.e!).executeTakeFirstOrThrow();
    expect(e).toMatchObject({ kind: 'receiving_not_entitled', item_code: 'LX-07', status: 'open' });
    expect(e.explanation).toMatchObject({ eligible: false });
    // a (now enrolled) is no longer 应享未享: that row is closed — it was in progress, closed as auto
    const a = await t.ctx.db.selectFrom('eligibility_worklist').selectAll().where('person_id', '=', people.a!).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ status: 'resolved', resolution: 'auto' });
  });

  it('simulates a draft: raising 高龄津贴 by 10元 costs 10元 a month per person 80–99 with Lanxi hukou', async () => {
    const d = (await send(staff, 'POST', '/api/v1/catalogues/drafts', { pack_code: 'LX' })).json();
    const p = await send(staff, 'PUT', `/api/v1/catalogues/versions/${d.id}/parameters/high_age_allowance`, { version: d.version, from: '2025-01-01', value: 7000 });
    expect(p.statusCode).toBe(200);
    const sim = await send(staff, 'POST', '/api/v1/eligibility/simulations', { version_id: d.id, as_of: '2025-06-04' });
    expect(sim.statusCode).toBe(200);
    const s = sim.json();
    // a is alive and 85 (b died): one person gains 1000 fen
    expect(s.cost_change_fen).toBe(1000);
    expect(s.items.find((i: { code: string }) => i.code === 'LX-07')).toMatchObject({ gains: 0, losses: 0, cost_change_fen: 1000 });
    expect(s.regions.find((r: { region_code: string }) => r.region_code === '330781001')).toMatchObject({ cost_change_fen: 1000 });
    // and lowering the age to 75 gains d
    const cur = (await get(staff, `/api/v1/catalogues/versions/${d.id}`)).json();
    const content = { ...cur.content, items: cur.content.items.map((i: { code: string; eligibility: string }) => (i.code === 'LX-07' ? { ...i, eligibility: i.eligibility.replace('80', '75') } : i)) };
    expect((await send(staff, 'PUT', `/api/v1/catalogues/versions/${d.id}`, { version: cur.version, content })).statusCode).toBe(200);
    const s2 = (await send(staff, 'POST', '/api/v1/eligibility/simulations', { version_id: d.id, as_of: '2025-06-04' })).json();
    expect(s2.items.find((i: { code: string }) => i.code === 'LX-07')).toMatchObject({ gains: 1 });
    expect(s2.examples).toContainEqual(expect.objectContaining({ person_id: people.d, change: 'gain' }));
    expect((await send(tja, 'POST', '/api/v1/eligibility/simulations', { version_id: d.id })).statusCode).toBe(404);
  });

  it('re-runs the population when a version is published', async () => {
    const d = (await get(staff, '/api/v1/catalogues?region=330781&status=draft')).json().items[0];
    const prop = (await send(staff, 'POST', `/api/v1/catalogues/versions/${d.id}/propose`, { version: d.version })).json();
    const approver = await login(t.app, 'lx_approver');
    const appr = (await send(approver, 'POST', `/api/v1/catalogues/versions/${d.id}/approve`, { version: prop.version })).json();
    const pub = await send(approver, 'POST', `/api/v1/catalogues/versions/${d.id}/publish`, { version: appr.version, document_number: '兰民〔2025〕30号', effective_from: '2025-06-01' });
    expect(pub.statusCode).toBe(200);
    await t.ctx.jobs.drain();
    const runs = (await get(staff, '/api/v1/eligibility/runs')).json().items;
    expect(runs[0]).toMatchObject({ trigger: 'publish', status: 'done' });
    // d (75) is now entitled under the new list
    const d75 = await t.ctx.db.selectFrom('eligibility_worklist').selectAll().where('person_id', '=', people.d!).execute();
    expect(d75).toContainEqual(expect.objectContaining({ item_code: 'LX-07', kind: 'entitled_not_receiving', status: 'open' }));
  });
});
