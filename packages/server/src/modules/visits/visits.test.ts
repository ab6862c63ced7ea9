/**
 * Visiting care: roster from registry events and rebuilds, assignment, visitor isolation, the
 * public contract (due list, record, rate), periods in China time and frequencies from the policy.
 */
import { makeIdNumber } from '@yiyang/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, createTestContext, createUser, fixedClock, login, type TestContext } from '../../../test/harness';
import type { Actor } from '../../platform/actor';
import type { PersonRef } from '../registry';

// Wednesday 2025-06-04 10:00 Beijing time: week 06-02..06-08, month June.
const START = new Date('2025-06-04T02:00:00Z');
const C1 = '330781001001'; // 兰江街道 滨江社区
const C2 = '330781001002'; // 兰江街道 兰荫社区
const C3 = '330781002002'; // 云山街道 云山社区
const TJA = '340403001001';

let seq = 0;
let eventSeq = 0;

async function tagged(t: TestContext, region: string, tags: string[], birth = '1940-01-01', name = '测试老人'): Promise<PersonRef> {
  const reg = t.ctx.services.registry;
  const p = await reg.create(t.system, { id_type: 'resident', id_number: makeIdNumber(region.slice(0, 6), birth, ++seq), name, region_code: region });
  const ref = (await reg.findRef(p.id))!;
  await setTags(t, ref, tags);
  return ref;
}

/** What the registry does when tags change: update the person and publish `person.changed`. */
async function setTags(t: TestContext, ref: PersonRef, tags: string[], extra: { alive?: boolean; status?: string; region_code?: string } = {}) {
  await t.ctx.db.transaction().execute(async (trx) => {
    await t.ctx.services.registry.setStatus(trx, ref, { tags });
    await t.ctx.events.publish(trx, 'person.changed', { county_code: ref.county_code, person_id: ref.id, region_code: extra.region_code ?? ref.region_code, tags, alive: extra.alive ?? true, status: extra.status ?? 'active' }, `${ref.id}:${++eventSeq}`);
  });
  await t.ctx.jobs.drain();
}

describe('visit roster, assignment and visitor isolation', () => {
  let t: TestContext;
  const clock = fixedClock(START);
  let staff: string; // 兰溪 county staff
  let community: string; // 滨江社区 worker
  let v1: { id: string }; // visitor of 滨江社区
  let v2: { id: string }; // visitor of 兰荫社区
  let v1Cookie: string;
  let v2Cookie: string;
  let v1Actor: Actor;
  let a: PersonRef, b: PersonRef, c: PersonRef, d: PersonRef;
  const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const send = (cookie: string, method: 'POST' | 'PATCH', url: string, payload: object) => t.app.inject({ method, url, payload, headers: { cookie } });

  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
    await createUser(t, { username: 'lx_staff', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'bjs_worker', role: 'community_worker', region: C1 });
    v1 = await createUser(t, { username: 'v1', role: 'visitor', region: C1 });
    v2 = await createUser(t, { username: 'v2', role: 'visitor', region: C2 });
    await createUser(t, { username: 'assessor', role: 'assessor', region: '330781' });
    await createUser(t, { username: 'tja_visitor', role: 'visitor', region: TJA });
    staff = await login(t.app, 'lx_staff');
    community = await login(t.app, 'bjs_worker');
    v1Cookie = await login(t.app, 'v1');
    v2Cookie = await login(t.app, 'v2');
    v1Actor = await actorFor(t, v1.id);
    a = await tagged(t, C1, ['living_alone'], '1938-03-01', '甲');
    b = await tagged(t, C1, ['empty_nest'], '1945-05-05', '乙');
    c = await tagged(t, C2, ['disabled', 'economic_hardship'], '1950-07-07', '丙');
    d = await tagged(t, C3, ['left_behind'], '1948-08-08', '丁');
  });
  afterAll(async () => t.close());

  it('person.changed puts tagged people on the roster with the policy frequency (monthly in 兰溪)', async () => {
    const r = await get(staff, '/api/v1/visits/roster?region=330781');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBe(4);
    const byId = new Map(body.items.map((e: { person_id: string }) => [e.person_id, e]));
    expect(byId.get(a.id)).toMatchObject({ name: '甲', tags: ['living_alone'], frequency: 'monthly', active: true, enrolled_on: '2025-06-04', willingness: 'unknown', visitor_id: null, region_code: C1, region_name: '滨江社区居委会' });
    expect(byId.get(c.id)).toMatchObject({ tags: ['disabled', 'economic_hardship'] });
  });

  it('bulk assignment by community and individual assignment; a visitor outside the area or without the permission is refused', async () => {
    const bulk = await send(community, 'POST', '/api/v1/visits/assignments', { visitor_id: v1.id, region: C1 });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().assigned).toBe(2);
    expect(new Set(bulk.json().person_ids)).toEqual(new Set([a.id, b.id]));
    // The community worker of 滨江 cannot reach 兰荫's people.
    const foreign = await send(community, 'POST', '/api/v1/visits/assignments', { visitor_id: v1.id, person_ids: [c.id] });
    expect(foreign.statusCode).toBe(404);
    // County staff assign 兰荫's person individually to v2 — but not to v1, whose area does not include 兰荫.
    const wrongArea = await send(staff, 'POST', '/api/v1/visits/assignments', { visitor_id: v1.id, person_ids: [c.id] });
    expect(wrongArea.statusCode).toBe(400);
    expect(wrongArea.json().error.code).toBe('VISITOR_REGION');
    const assessor = (await t.ctx.services.users.findByUsername('assessor'))!;
    const notVisitor = await send(staff, 'POST', '/api/v1/visits/assignments', { visitor_id: assessor.id, person_ids: [c.id] });
    expect(notVisitor.json().error.code).toBe('NOT_A_VISITOR');
    const tjaVisitor = (await t.ctx.services.users.findByUsername('tja_visitor'))!;
    expect((await send(staff, 'POST', '/api/v1/visits/assignments', { visitor_id: tjaVisitor.id, person_ids: [c.id] })).statusCode).toBe(404);
    const ok = await send(staff, 'POST', '/api/v1/visits/assignments', { visitor_id: v2.id, person_ids: [c.id] });
    expect(ok.json()).toMatchObject({ assigned: 1 });
    // A visitor cannot assign.
    expect((await send(v1Cookie, 'POST', '/api/v1/visits/assignments', { visitor_id: v1.id, person_ids: [d.id] })).statusCode).toBe(403);
    const visitors = (await get(staff, '/api/v1/visits/visitors?region=330781')).json();
    expect(visitors.items.find((v: { id: string }) => v.id === v1.id)).toMatchObject({ assigned: 2 });
    expect(visitors.items.some((v: { id: string }) => v.id === assessor.id)).toBe(false);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'visits.assign').execute();
    expect(audit.length).toBe(2);
  });

  it('a visitor sees only the people assigned to them — lists, details, rate, records, alerts', async () => {
    const due = (await get(v1Cookie, '/api/v1/visits/due')).json();
    expect(due.items.map((i: { person_id: string }) => i.person_id).sort()).toEqual([a.id, b.id].sort());
    // Asking for the whole county is outside their scope; their community gives the same two.
    expect((await get(v1Cookie, '/api/v1/visits/due?region=330781')).statusCode).toBe(403);
    expect((await get(v1Cookie, `/api/v1/visits/due?region=${C1}`)).json().total).toBe(2);
    expect((await get(v1Cookie, `/api/v1/visits/due?visitor_id=${v2.id}`)).statusCode).toBe(403);
    expect((await get(v1Cookie, '/api/v1/visits/roster')).json().total).toBe(2);
    expect((await get(v1Cookie, `/api/v1/visits/roster/${c.id}`)).statusCode).toBe(404);
    expect((await get(v1Cookie, `/api/v1/visits/roster/${a.id}`)).statusCode).toBe(200);
    expect((await get(v1Cookie, '/api/v1/visits/rate')).json()).toMatchObject({ due: 2, visited: 0 });
    expect((await get(v2Cookie, '/api/v1/visits/rate')).json()).toMatchObject({ due: 1, visited: 0 });
    // Recording for someone else's person looks like "not there".
    const other = await send(v1Cookie, 'POST', '/api/v1/visits', { person_id: c.id, mode: 'onsite', visited_at: '2025-06-04T09:00:00+08:00', findings: {} });
    expect(other.statusCode).toBe(404);
    const mine = await send(v2Cookie, 'POST', '/api/v1/visits', { person_id: c.id, mode: 'phone', visited_at: '2025-06-04T09:00:00+08:00', findings: { health: 'good' } });
    expect(mine.statusCode).toBe(201);
    expect((await get(v1Cookie, '/api/v1/visits')).json().total).toBe(0);
    expect((await get(v1Cookie, `/api/v1/visits/records/${mine.json().id}`)).statusCode).toBe(404);
    expect((await get(v2Cookie, '/api/v1/visits')).json().total).toBe(1);
    // Visitors have no registry access at all.
    expect((await get(v1Cookie, `/api/v1/persons/${a.id}`)).statusCode).toBe(403);
    // And cannot change grid or risk tier (community workers do).
    const roster = (await get(v1Cookie, `/api/v1/visits/roster/${a.id}`)).json();
    expect((await send(v1Cookie, 'PATCH', `/api/v1/visits/roster/${a.id}`, { risk_tier: 'high', version: roster.version })).statusCode).toBe(403);
  });

  it('public contract: the due list, a recorded visit, and the rate moving by one', async () => {
    const due0 = await get(staff, '/api/v1/visits/due?region=330781');
    expect(due0.statusCode).toBe(200);
    const d0 = due0.json();
    expect(Object.keys(d0).sort()).toEqual(['items', 'total']);
    expect(d0.items[0]).toHaveProperty('person_id');
    const rate0 = (await get(staff, '/api/v1/visits/rate?region=330781')).json();
    expect(rate0).toMatchObject({ due: 4, visited: 1 });
    expect(rate0.rate).toBeCloseTo(1 / 4, 10);
    expect(d0.total).toBe(rate0.due - rate0.visited);
    expect(d0.items.map((i: { person_id: string }) => i.person_id)).toContain(a.id);

    const rec = await send(v1Cookie, 'POST', '/api/v1/visits', { person_id: a.id, mode: 'onsite', visited_at: '2025-06-04T09:30:00+08:00', findings: { health: 'good', home_safety: 'good', living_conditions: 'good', mood: 'good', family_support: 'fulfilled' } });
    expect(rec.statusCode).toBe(201);
    expect(rec.json()).toMatchObject({ person_id: a.id, person_name: '甲', mode: 'onsite', outcome: 'visited', visited_on: '2025-06-04', visitor_id: v1.id, visitor_name: 'v1', danger: false });

    const d1 = (await get(staff, '/api/v1/visits/due?region=330781')).json();
    expect(d1.total).toBe(d0.total - 1);
    expect(d1.items.map((i: { person_id: string }) => i.person_id)).not.toContain(a.id);
    const rate1 = (await get(staff, '/api/v1/visits/rate?region=330781')).json();
    expect(rate1).toMatchObject({ due: 4, visited: rate0.visited + 1 });
    // A second visit in the same period counts the person once.
    await send(v1Cookie, 'POST', '/api/v1/visits', { person_id: a.id, mode: 'phone', visited_at: '2025-06-04T10:00:00+08:00', findings: {} });
    expect((await get(staff, '/api/v1/visits/rate?region=330781')).json().visited).toBe(rate1.visited);
  });

  it('a failed contact is recorded but is not a visit', async () => {
    const before = (await get(staff, '/api/v1/visits/rate?region=330781')).json();
    const r = await send(v1Cookie, 'POST', '/api/v1/visits', { person_id: b.id, mode: 'phone', visited_at: '2025-06-04T09:45:00+08:00', outcome: 'not_reached', findings: { note: '无人接听' } });
    expect(r.statusCode).toBe(201);
    expect(r.json().outcome).toBe('not_reached');
    expect((await get(staff, '/api/v1/visits/rate?region=330781')).json().visited).toBe(before.visited);
    const due = (await get(v1Cookie, '/api/v1/visits/due')).json();
    expect(due.items.find((i: { person_id: string }) => i.person_id === b.id)).toMatchObject({ failed_attempts: 1 });
    const bad = await send(v1Cookie, 'POST', '/api/v1/visits', { person_id: b.id, mode: 'phone', visited_at: '2025-06-04T09:50:00+08:00', outcome: 'not_reached', findings: { health: 'good' } });
    expect(bad.json().error.code).toBe('FINDINGS_WITHOUT_CONTACT');
  });

  it('refuses visits in the future, long ago, malformed or for people off the roster; audits each visit', async () => {
    const post = (body: object) => send(v1Cookie, 'POST', '/api/v1/visits', { person_id: b.id, mode: 'onsite', findings: {}, ...body });
    expect((await post({ visited_at: '2025-06-04T12:00:00+08:00' })).json().error.code).toBe('VISITED_AT_FUTURE');
    expect((await post({ visited_at: '2024-01-01T12:00:00+08:00' })).json().error.code).toBe('VISITED_AT_TOO_OLD');
    const badTime = await post({ visited_at: 'yesterday' });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().error.message).toMatch(/ISO-8601/);
    const badFinding = await post({ visited_at: '2025-06-04T09:00:00+08:00', findings: { health: 'excellent' } });
    expect(badFinding.statusCode).toBe(400);
    const entries = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'in', ['visits.record', 'visits.record_failed_contact']).execute();
    expect(entries.length).toBe(4);
  });

  it('willingness and relatives: phones stored encrypted, shown masked; declined people are not due', async () => {
    const before = (await get(community, `/api/v1/visits/roster/${b.id}`)).json();
    const r = await send(community, 'PATCH', `/api/v1/visits/roster/${b.id}`, { willingness: 'declined', willingness_on: '2025-06-01', contacts: [{ name: '乙子', relation: '儿子', phone: '13905790001' }], version: before.version });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ willingness: 'declined', willingness_on: '2025-06-01', contacts: [{ name: '乙子', relation: '儿子', phone: '139****0001' }] });
    expect(r.body).not.toContain('13905790001');
    const raw = await sql<{ contacts: unknown }>`select contacts from visit_roster where person_id = ${b.id}`.execute(t.ctx.db);
    expect(JSON.stringify(raw.rows[0])).not.toContain('13905790001');
    const stale = await send(community, 'PATCH', `/api/v1/visits/roster/${b.id}`, { willingness: 'willing', version: before.version });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const rate = (await get(v1Cookie, '/api/v1/visits/rate')).json();
    expect(rate).toMatchObject({ due: 1, visited: 1, declined: 1, rate: 1 });
    expect((await get(v1Cookie, '/api/v1/visits/due')).json().total).toBe(0);
    const history = (await get(community, `/api/v1/visits/roster/${b.id}`)).json().history.map((h: { change: string }) => h.change);
    expect(history).toEqual(expect.arrayContaining(['enrolled', 'assigned', 'willingness', 'contacts']));
    // Back to willing for the tests below.
    const cur = (await get(community, `/api/v1/visits/roster/${b.id}`)).json();
    await send(community, 'PATCH', `/api/v1/visits/roster/${b.id}`, { willingness: 'willing', version: cur.version });
  });

  it('relatives’ full phones: for the assigned visitor (audited), not for a colleague', async () => {
    const cur = (await get(community, `/api/v1/visits/roster/${a.id}`)).json();
    await send(community, 'PATCH', `/api/v1/visits/roster/${a.id}`, { contacts: [{ name: '甲女', relation: '女儿', phone: '13905790002' }], version: cur.version });
    const mine = await send(v1Cookie, 'POST', `/api/v1/visits/roster/${a.id}/contacts/reveal`, { reason: '电话探访' });
    expect(mine.json()).toEqual({ contacts: [{ name: '甲女', relation: '女儿', phone: '13905790002' }] });
    expect((await send(v2Cookie, 'POST', `/api/v1/visits/roster/${a.id}/contacts/reveal`, { reason: '电话探访' })).statusCode).toBe(404);
    // The community worker (no pii:reveal, not the visitor) is refused; county staff (pii:reveal) may.
    expect((await send(community, 'POST', `/api/v1/visits/roster/${a.id}/contacts/reveal`, { reason: '核对' })).json().error.code).toBe('CONTACTS_REVEAL_FORBIDDEN');
    expect((await send(staff, 'POST', `/api/v1/visits/roster/${a.id}/contacts/reveal`, { reason: '核对' })).statusCode).toBe(200);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_username']).where('action', '=', 'visits.contacts_reveal').orderBy('seq').execute();
    expect(audit.map((e) => e.actor_username)).toEqual(['v1', 'lx_staff']);
    // Saving the contacts again without a phone keeps the stored number.
    const again = (await get(community, `/api/v1/visits/roster/${a.id}`)).json();
    await send(community, 'PATCH', `/api/v1/visits/roster/${a.id}`, { contacts: [{ name: '甲女', relation: '女儿' }], version: again.version });
    expect((await send(v1Cookie, 'POST', `/api/v1/visits/roster/${a.id}/contacts/reveal`, { reason: '电话探访' })).json().contacts[0].phone).toBe('13905790002');
  });

  it('drill-down: rates per street and community add up to the county rate', async () => {
    const county = (await get(staff, '/api/v1/visits/rate?region=330781')).json();
    const streets = (await get(staff, '/api/v1/visits/rate/regions?region=330781')).json();
    expect(streets.items.map((s: { region_code: string }) => s.region_code)).toEqual(['330781001', '330781002']);
    expect(streets.items[0]).toMatchObject({ region_name: '兰江街道' });
    expect(streets.items.reduce((n: number, s: { due: number }) => n + s.due, 0)).toBe(county.due);
    expect(streets.items.reduce((n: number, s: { visited: number }) => n + s.visited, 0)).toBe(county.visited);
    const communities = (await get(staff, '/api/v1/visits/rate/regions?region=330781001')).json();
    expect(communities.items).toEqual([
      { region_code: C1, region_name: '滨江社区居委会', due: 2, visited: 1, rate: 0.5 },
      { region_code: C2, region_name: '兰荫社区居委会', due: 1, visited: 1, rate: 1 },
    ]);
    // The people not visited behind a community's rate.
    const notVisited = (await get(staff, `/api/v1/visits/due?region=${C1}`)).json();
    expect(notVisited.items.map((i: { person_id: string }) => i.person_id)).toEqual([b.id]);
  });

  it('bulk assignment by grid; staff see one visitor’s due list', async () => {
    for (const [p, grid] of [[a, '第1网格'], [b, '第2网格']] as const) {
      const cur = (await get(community, `/api/v1/visits/roster/${p.id}`)).json();
      expect((await send(community, 'PATCH', `/api/v1/visits/roster/${p.id}`, { grid, version: cur.version })).statusCode).toBe(200);
    }
    const none = await send(community, 'POST', '/api/v1/visits/assignments', { visitor_id: null, region: C1, grid: '第2网格' });
    expect(none.json()).toMatchObject({ assigned: 1, person_ids: [b.id] });
    expect((await get(v1Cookie, '/api/v1/visits/roster')).json().items.map((e: { person_id: string }) => e.person_id)).toEqual([a.id]);
    const back = await send(community, 'POST', '/api/v1/visits/assignments', { visitor_id: v1.id, region: C1, grid: '第2网格', only_unassigned: true });
    expect(back.json()).toMatchObject({ assigned: 1, person_ids: [b.id] });
    // Per visitor, as staff see it.
    const ofV2 = (await get(staff, `/api/v1/visits/due?visitor_id=${v2.id}&period=month`)).json();
    expect(ofV2.total).toBe(0); // c was visited this month
    expect((await get(staff, `/api/v1/visits/rate?visitor_id=${v2.id}&period=month`)).json()).toMatchObject({ due: 1, visited: 1, rate: 1 });
  });

  it('a lost tag takes a person off the roster (history kept); a new tag puts them back; death removes them', async () => {
    await setTags(t, d, []);
    let row = (await get(staff, `/api/v1/visits/roster/${d.id}`)).json();
    expect(row).toMatchObject({ active: false, removed_on: '2025-06-04', removed_reason: 'tags_lost' });
    expect((await get(staff, '/api/v1/visits/roster?region=330781')).json().total).toBe(3);
    expect((await get(staff, '/api/v1/visits/roster?region=330781&status=removed')).json().items.map((e: { person_id: string }) => e.person_id)).toEqual([d.id]);
    await setTags(t, d, ['very_old']);
    row = (await get(staff, `/api/v1/visits/roster/${d.id}`)).json();
    expect(row).toMatchObject({ active: true, tags: ['very_old'], removed_on: null });
    expect(row.history.map((h: { change: string }) => h.change).filter((c: string) => c === 'enrolled' || c === 'removed')).toEqual(['enrolled', 'removed', 'enrolled']);
    // Death: person.died (the registry's payload) removes them and ends their visits.
    await t.ctx.db.transaction().execute((trx) => t.ctx.events.publish(trx, 'person.died', { county_code: d.county_code, person_id: d.id, death_date: '2025-06-03' }, `${d.id}:died`));
    await t.ctx.jobs.drain();
    row = (await get(staff, `/api/v1/visits/roster/${d.id}`)).json();
    expect(row).toMatchObject({ active: false, removed_reason: 'died', removed_on: '2025-06-03' });
    const late = await send(staff, 'POST', '/api/v1/visits', { person_id: d.id, mode: 'onsite', visited_at: '2025-06-04T09:00:00+08:00', findings: {} });
    expect(late.json().error.code).toBe('NOT_ON_ROSTER');
  });

  it('a move to another community hands the person over (assignment cleared); within the area it stays', async () => {
    const e = await tagged(t, C1, ['living_alone'], '1939-09-09', '戊');
    await t.ctx.services.visits.assign(t.system, { visitor_id: v1.id, person_ids: [e.id], only_unassigned: false });
    await t.ctx.db.transaction().execute((trx) => t.ctx.events.publish(trx, 'person.moved', { person_id: e.id, from_region: C1, to_region: C2, effective_date: '2025-06-04' }, `${e.id}:moved`));
    await t.ctx.jobs.drain();
    const row = (await get(staff, `/api/v1/visits/roster/${e.id}`)).json();
    expect(row).toMatchObject({ region_code: C2, visitor_id: null, active: true });
    expect((await get(v1Cookie, `/api/v1/visits/roster/${e.id}`)).statusCode).toBe(404);
  });
});

describe('frequency from the policy, periods in China time, rebuild', () => {
  let t: TestContext;
  const clock = fixedClock(START);

  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
  });
  afterAll(async () => t.close());

  const rate = (region: string, period = 'current') => t.ctx.services.visits.rate(t.system, { region, period: period as 'current' });
  const visit = (personId: string, at: string, outcome: 'visited' | 'not_reached' = 'visited', mode: 'onsite' | 'phone' = 'phone') =>
    t.ctx.services.visits.recordVisit(t.system, { person_id: personId, mode, visited_at: at, outcome, findings: {}, referrals: [] });

  it('田家庵区: 高龄/独居/不能自理 weekly, others monthly; the weekly rate counts only weekly people', async () => {
    const old = await tagged(t, TJA, ['very_old'], '1935-01-01');
    const nest = await tagged(t, TJA, ['empty_nest'], '1950-01-01');
    const rows = await t.ctx.services.visits.listRoster(t.system, { region: '340403', status: 'active', page: 1, page_size: 20 });
    expect(rows.items.find((r) => r.person_id === old.id)!.frequency).toBe('weekly');
    expect(rows.items.find((r) => r.person_id === nest.id)!.frequency).toBe('monthly');
    expect(await rate('340403', 'week')).toMatchObject({ due: 1, visited: 0, period_start: '2025-06-02', period_end: '2025-06-08' });
    expect(await rate('340403', 'month')).toMatchObject({ due: 2, visited: 0, period_start: '2025-06-01', period_end: '2025-06-30' });
    // Visited on Monday this week: counts for the week and the month.
    await visit(old.id, '2025-06-02T08:00:00+08:00');
    expect(await rate('340403', 'week')).toMatchObject({ due: 1, visited: 1, rate: 1 });
    expect(await rate('340403', 'month')).toMatchObject({ due: 2, visited: 1, rate: 0.5 });
  });

  it('week boundary: a visit on Sunday 23:59 Beijing time counts for that week; on Monday the person is due again', async () => {
    const p = await tagged(t, TJA, ['living_alone'], '1944-04-04');
    clock.set(new Date('2025-06-08T15:59:30Z')); // Sunday 23:59:30 in Beijing
    await visit(p.id, '2025-06-08T23:59:00+08:00');
    let due = await t.ctx.services.visits.due(t.system, { region: '340403', period: 'current', page: 1, page_size: 50 });
    expect(due.items.some((i) => i.person_id === p.id)).toBe(false);
    clock.set(new Date('2025-06-08T16:00:30Z')); // Monday 00:00:30 in Beijing — a new week
    due = await t.ctx.services.visits.due(t.system, { region: '340403', period: 'current', page: 1, page_size: 50 });
    expect(due.items.find((i) => i.person_id === p.id)).toMatchObject({ period_start: '2025-06-09', period_end: '2025-06-15', last_visited_on: '2025-06-08' });
    // The past week's rate is still answered (from the visits): this person was visited in it.
    const lastWeek = await t.ctx.services.visits.rate(t.system, { region: '340403', period: 'week', date: '2025-06-08' });
    expect(lastWeek).toMatchObject({ period_start: '2025-06-02', due: 2, visited: 2 });
  });

  it('month end: a visit at 23:59 on the 30th is June; at 00:00 on 1 July the person is due again', async () => {
    const p = await tagged(t, C1, ['empty_nest'], '1949-09-09');
    clock.set(new Date('2025-06-30T15:59:50Z'));
    await visit(p.id, '2025-06-30T15:59:00Z');
    expect((await rate(C1)).visited).toBe(1);
    clock.set(new Date('2025-06-30T16:00:10Z')); // 1 July 00:00:10 Beijing
    expect(await rate(C1)).toMatchObject({ due: 1, visited: 0, period_start: '2025-07-01' });
    // A visit at 16:00:05Z the same instant-range is July.
    const rec = await visit(p.id, '2025-06-30T16:00:05Z');
    expect(rec.visited_on).toBe('2025-07-01');
    expect(await rate(C1)).toMatchObject({ due: 1, visited: 1 });
    // June, asked afterwards, still shows the June visit.
    expect(await t.ctx.services.visits.rate(t.system, { region: C1, period: 'month', date: '2025-06-15' })).toMatchObject({ due: 1, visited: 1 });
    // A date in the future is refused.
    await expect(t.ctx.services.visits.rate(t.system, { region: C1, period: 'month', date: '2025-08-01' })).rejects.toMatchObject({ code: 'PERIOD_IN_FUTURE' });
    clock.set(START);
  });

  it('a high-risk finding makes the person weekly; a policy setting and a rebuild change frequencies', async () => {
    const p = await tagged(t, C2, ['empty_nest'], '1951-01-01');
    await t.ctx.services.visits.recordVisit(t.system, { person_id: p.id, mode: 'onsite', visited_at: '2025-06-04T09:00:00+08:00', outcome: 'visited', findings: { mood: 'concern' }, risk_level: 'high', referrals: [] });
    let row = await t.ctx.services.visits.getRoster(t.system, p.id);
    expect(row).toMatchObject({ risk_tier: 'high', frequency: 'weekly' });
    // 兰溪's pack (as a setting): weekly for everyone who is empty-nest.
    await t.ctx.db.insertInto('settings').values({ key: 'visits.policy.330781', value: JSON.stringify({ default_frequency: 'monthly', rules: [{ tags_any: ['empty_nest'], frequency: 'weekly' }] }) }).execute();
    const other = await tagged(t, C3, ['empty_nest'], '1952-02-02');
    expect((await t.ctx.services.visits.getRoster(t.system, other.id)).frequency).toBe('weekly');
    // The person enrolled earlier keeps the old frequency until the rebuild recomputes it…
    await t.ctx.db.updateTable('visit_roster').set({ frequency: 'monthly' }).where('person_id', '=', other.id).execute();
    const result = await t.ctx.services.visits.rebuildRoster('330781');
    expect(result.updated).toBeGreaterThanOrEqual(1);
    expect((await t.ctx.services.visits.getRoster(t.system, other.id)).frequency).toBe('weekly');
    expect((await t.ctx.services.visits.policyOf(t.system, '330781')).rules).toHaveLength(1);
    // Under 兰溪's pack the high-risk empty-nest person stays weekly (by the empty-nest rule).
    row = await t.ctx.services.visits.getRoster(t.system, p.id);
    expect(row.frequency).toBe('weekly');
    // A malformed setting is reported, not silently ignored.
    await t.ctx.db.updateTable('settings').set({ value: JSON.stringify({ default_frequency: 'daily' }) }).where('key', '=', 'visits.policy.330781').execute();
    await expect(t.ctx.services.visits.rate(t.system, { region: '330781', period: 'current' })).rejects.toMatchObject({ code: 'VISIT_POLICY_INVALID' });
    await t.ctx.db.deleteFrom('settings').where('key', '=', 'visits.policy.330781').execute();
  });

  it('the rebuild finds tags no event reported, removes lost ones, and is idempotent', async () => {
    const reg = t.ctx.services.registry;
    // Born 1960: no hardship tag at creation (creating a person publishes person.changed with its derived tags).
    const quiet = await reg.create(t.system, { id_type: 'resident', id_number: makeIdNumber('120115', '1960-01-01', ++seq), name: '静默', region_code: '120115001001' });
    const quietRef = (await reg.findRef(quiet.id))!;
    await t.ctx.jobs.drain(); // its creation event is handled while it has no tag
    await reg.setStatus(t.ctx.db, quietRef, { tags: ['solitary'] }); // no event
    const gone = await tagged(t, '120115001001', ['disabled']);
    await reg.setStatus(t.ctx.db, gone, { tags: [] }); // no event
    let r = await t.ctx.services.visits.rebuildRoster('120115');
    expect(r).toMatchObject({ enrolled: 1, removed: 1 });
    expect((await t.ctx.services.visits.getRoster(t.system, quiet.id)).active).toBe(true);
    expect((await t.ctx.services.visits.getRoster(t.system, gone.id))).toMatchObject({ active: false, removed_reason: 'tags_lost' });
    r = await t.ctx.services.visits.rebuildRoster('120115');
    expect(r).toMatchObject({ enrolled: 0, removed: 0, updated: 0, unchanged: 1 });
    // Through the API the rebuild is a job.
    await createUser(t, { username: 'bd_staff', role: 'county_staff', region: '120115' });
    const cookie = await login(t.app, 'bd_staff');
    const job = await t.app.inject({ method: 'POST', url: '/api/v1/visits/roster/rebuild', headers: { cookie }, payload: { region: '120115' } });
    expect(job.statusCode).toBe(202);
    await t.ctx.jobs.drain();
    expect(await t.ctx.jobs.get(job.json().job_id)).toMatchObject({ status: 'done', result: { enrolled: 0, removed: 0, unchanged: 1 } });
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/visits/roster/rebuild', headers: { cookie }, payload: { region: '330781' } });
    expect(elsewhere.statusCode).toBe(403);
    // The CLI command is the same service call.
    const { visitsCommands } = await import('./index');
    const cli = visitsCommands.find((c) => c.name === 'visits-rebuild')!;
    expect(await cli.run(t.ctx, ['--region', '120115'])).toBe(0);
    expect(await cli.run(t.ctx, ['--region', 'nowhere'])).toBe(2);
  });

  it('a stale person.changed delivered after a later change keeps the person and their visitor', async () => {
    // The queue may deliver a snapshot published before the person was tagged (the demo's creation
    // events drained after the roster was built and assigned): the roster follows the registry now.
    const p = await tagged(t, '120115001001', ['living_alone']);
    const visitor = await createUser(t, { username: 'bd_stale_visitor', role: 'visitor', region: '120115001001' });
    await t.ctx.services.visits.assign(t.system, { visitor_id: visitor.id, person_ids: [p.id], only_unassigned: false });
    await t.ctx.events.publish(t.ctx.db, 'person.changed', { county_code: p.county_code, person_id: p.id, region_code: p.region_code, tags: [], alive: true, status: 'active' }, `${p.id}:stale`);
    await t.ctx.jobs.drain();
    expect(await t.ctx.services.visits.getRoster(t.system, p.id)).toMatchObject({ active: true, visitor_id: visitor.id, tags: ['living_alone'] });
  });
});
