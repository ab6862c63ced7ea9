import { createHardshipClassifier, makeIdNumber, type PersonFacts } from '@yiyang/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, createTestContext, createUser, fixedClock, login, type TestContext } from '../../../test/harness';
import type { Actor } from '../../platform/actor';

describe('life events, tags, duplicates', () => {
  let t: TestContext;
  let staff: Actor;
  let cookie: string;
  let tjaCookie: string;
  const events: Record<string, unknown[]> = { 'person.died': [], 'person.moved': [], 'person.changed': [] };
  const clock = fixedClock(new Date('2025-06-01T02:00:00Z'));
  beforeAll(async () => {
    t = await createTestContext({ clock });
    for (const e of Object.keys(events)) {
      t.ctx.events.subscribe(e, 'test', async (p) => {
        events[e]!.push(p);
      });
    }
    const u = await createUser(t, { username: 'lx', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'tja', role: 'county_staff', region: '340403' });
    staff = await actorFor(t, u.id);
    cookie = await login(t.app, 'lx');
    tjaCookie = await login(t.app, 'tja');
  });
  afterAll(async () => t.close());

  const create = (name: string, birth: string, seq: number, region = '330781001001') =>
    t.ctx.services.registry.create(staff, { id_type: 'resident', id_number: makeIdNumber('330781', birth, seq), name, region_code: region });
  const event = (id: string, body: object, c = cookie) => t.app.inject({ method: 'POST', url: `/api/v1/persons/${id}/events`, headers: { cookie: c }, payload: body });
  const drain = async () => {
    for (const k of Object.keys(events)) events[k] = [];
    await t.ctx.jobs.drain();
  };

  it('creation publishes person.changed with the derived tags', async () => {
    await drain();
    const p = await create('高龄甲', '1935-01-01', 11);
    await drain();
    // drain() clears before running: re-create to observe.
    const q = await create('高龄乙', '1935-03-02', 11);
    await t.ctx.jobs.drain();
    expect(events['person.changed']).toContainEqual(expect.objectContaining({ person_id: q.id, tags: ['very_old'], alive: true, status: 'active' }));
    expect(p.tags).toEqual(['very_old']);
  });

  it('death sets alive/death date/status, publishes person.died exactly once, and ends tags', async () => {
    const p = await create('逝者', '1930-05-05', 21);
    await drain();
    const r = await event(p.id, { type: 'death', effective_date: '2025-05-30', source_department: 'health' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ alive: false, death_date: '2025-05-30', status: 'deceased', tags: [] });
    const again = await event(p.id, { type: 'death', effective_date: '2025-05-30' });
    expect(again.statusCode).toBe(200);
    const corrected = await event(p.id, { type: 'death', effective_date: '2025-05-29' });
    expect(corrected.json().death_date).toBe('2025-05-29');
    await t.ctx.jobs.drain();
    expect(events['person.died']).toEqual([{ county_code: '330781', person_id: p.id, death_date: '2025-05-30' }]);
    const evs = (await t.app.inject({ method: 'GET', url: `/api/v1/persons/${p.id}/events`, headers: { cookie } })).json().items;
    expect(evs.map((e: { type: string; effective_date: string }) => [e.type, e.effective_date])).toEqual([
      ['death', '2025-05-30'],
      ['death', '2025-05-29'],
    ]);
    // Facts as of a date before the death still say alive.
    const ref = (await t.ctx.services.registry.findRef(p.id))!;
    expect((await t.ctx.services.registry.factsAsOf(ref, '2025-05-01')).alive).toBe(true);
    expect((await t.ctx.services.registry.factsAsOf(ref, '2025-06-01')).alive).toBe(false);
    const future = await event(p.id, { type: 'death', effective_date: '2025-07-01' });
    expect(future.json().error.code).toBe('EVENT_DATE_FUTURE');
  });

  it('a move to another county hands the record to the new region (person.moved, re-keyed)', async () => {
    const p = await create('迁居者', '1944-04-04', 41);
    await drain();
    const r = await event(p.id, { type: 'move', to_region: '340403001001', effective_date: '2025-05-15' });
    expect(r.statusCode, r.body).toBe(200);
    await t.ctx.jobs.drain();
    expect(events['person.moved']).toEqual([{ person_id: p.id, from_region: '330781001001', to_region: '340403001001', effective_date: '2025-05-15' }]);
    expect(events['person.changed']).toContainEqual(expect.objectContaining({ person_id: p.id, county_code: '340403', region_code: '340403001001' }));
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/persons/${p.id}`, headers: { cookie } })).statusCode).toBe(404);
    const theirs = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${p.id}`, headers: { cookie: tjaCookie } });
    expect(theirs.json()).toMatchObject({ region_code: '340403001001' });
    const evs = (await t.app.inject({ method: 'GET', url: `/api/v1/persons/${p.id}/events`, headers: { cookie: tjaCookie } })).json().items;
    expect(evs[0]).toMatchObject({ type: 'move', effective_date: '2025-05-15', details: { to_region: '340403001001' } });
  });

  it('institution and economic-status events write dated facts and recompute tags', async () => {
    const p = await create('困难户', '1950-02-02', 51);
    const econ = await event(p.id, { type: 'economic_status', economic_status: 'dibao', effective_date: '2025-01-01' });
    expect(econ.json().tags).toEqual(['economic_hardship']);
    const inst = await event(p.id, { type: 'enter_institution', institution: '兰溪市社会福利院', effective_date: '2025-03-01' });
    expect(inst.json()).toMatchObject({ living_arrangement: 'institution' });
    const leave = await event(p.id, { type: 'leave_institution', living_arrangement: 'alone', effective_date: '2025-05-01' });
    expect(leave.json().tags.sort()).toEqual(['economic_hardship', 'living_alone']);
    const ref = (await t.ctx.services.registry.findRef(p.id))!;
    expect((await t.ctx.services.registry.factsAsOf(ref, '2025-04-01')).living_arrangement).toBe('institution');
    expect((await t.ctx.services.registry.factsAsOf(ref, '2025-04-01')).institution_id).toBe('兰溪市社会福利院');
    expect((await t.ctx.services.registry.factsAsOf(ref, '2025-05-02')).institution_id).toBe(null);
    const byTag = (await t.app.inject({ method: 'GET', url: '/api/v1/persons?tag=living_alone', headers: { cookie } })).json();
    expect(byTag.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
  });

  it('counts by region and tag', async () => {
    const r = (await t.app.inject({ method: 'GET', url: '/api/v1/persons/stats/tags?region=330781', headers: { cookie } })).json();
    const street = r.rows.find((x: { region_code: string }) => x.region_code === '330781001');
    expect(street.region_name).toBeTruthy();
    expect(street.tags.very_old).toBe(2); // 高龄甲, 高龄乙 (逝者 is deceased and not counted)
    expect(street.tags.living_alone).toBe(1);
    expect(r.totals.total).toBe(street.total);
  });

  it('a locality override of a definition changes tags after recomputation', async () => {
    const root = t.system;
    await t.ctx.services.registry.setHardshipDefinitions(root, '330781', { very_old: 'age != null && age >= 70' });
    await t.ctx.jobs.drain();
    const p = (await t.app.inject({ method: 'GET', url: `/api/v1/persons?q=${encodeURIComponent('困难户')}`, headers: { cookie } })).json().items[0];
    expect(p.tags).toContain('very_old'); // 75 years old
    const defs = (await t.app.inject({ method: 'GET', url: '/api/v1/persons/hardship-definitions?region=330781001', headers: { cookie } })).json();
    expect(defs).toMatchObject({ region: '330781', definitions: { very_old: 'age != null && age >= 70' } });
    await expect(t.ctx.services.registry.setHardshipDefinitions(root, '330781', { very_old: 'age >= ' })).rejects.toMatchObject({ code: 'CEL_SYNTAX' });
    await t.ctx.services.registry.setHardshipDefinitions(root, '330781', {});
    await t.ctx.jobs.drain();
    const back = (await t.app.inject({ method: 'GET', url: `/api/v1/persons/${p.id}`, headers: { cookie } })).json();
    expect(back.tags).not.toContain('very_old');
  });

  it('likely duplicates: same name and birth date, or ID numbers one digit apart; merge is audited', async () => {
    const a = await create('重复人', '1942-02-02', 61);
    const b = await create('重复人', '1942-02-02', 82);
    // Same name, ID numbers one digit apart in the first 17 (a typo in the birth date: 03 vs 08).
    const c = await create('近似号', '1943-03-03', 71);
    const d = await create('近似号', '1943-03-08', 71);
    // Different names one digit apart are not listed (sequence numbers are dense).
    await create('某甲', '1943-04-04', 71);
    await create('某乙', '1943-04-04', 73);
    expect(await t.ctx.services.registry.scanDuplicates('330781')).toBe(2);
    expect(await t.ctx.services.registry.scanDuplicates('330781')).toBe(0);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/persons/duplicates', headers: { cookie } })).json();
    const pairs = list.items.map((x: { reason: string; a: { id: string }; b: { id: string } }) => [x.reason, [x.a.id, x.b.id].sort()]);
    expect(pairs).toContainEqual(['same_name_birth', [a.id, b.id].sort()]);
    expect(pairs).toContainEqual(['id_one_digit', [c.id, d.id].sort()]);
    const dup = list.items.find((x: { reason: string }) => x.reason === 'same_name_birth');
    await event(b.id, { type: 'economic_status', economic_status: 'tekun', effective_date: '2025-01-01' });
    const m = await t.app.inject({ method: 'POST', url: `/api/v1/persons/duplicates/${dup.id}/merge`, headers: { cookie }, payload: { keep: a.id, reason: '同一人重复建档' } });
    expect(m.statusCode, m.body).toBe(200);
    const gone = (await t.app.inject({ method: 'GET', url: `/api/v1/persons/${b.id}`, headers: { cookie } })).json();
    expect(gone.status).toBe('merged');
    const kept = (await t.app.inject({ method: 'GET', url: `/api/v1/persons/${a.id}`, headers: { cookie } })).json();
    expect(kept.economic_status).toBe('tekun'); // moved over: the kept record had no economic status fact
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'persons.merge').execute();
    expect(audit).toHaveLength(1);
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/persons/duplicates/${dup.id}/merge`, headers: { cookie }, payload: { keep: a.id, reason: '再次合并' } });
    expect(twice.json().error.code).toBe('DUPLICATE_ALREADY_DECIDED');
  });
});

describe('hardship definitions (core)', () => {
  const base: PersonFacts = {
    birth_date: '1940-01-01', sex: 'female', age: 85, alive: true, hukou_region: null, residence_region: null, economic_status: 'none',
    capability_grade: null, disability_category: null, disability_level: null, living_arrangement: 'with_family', family_planning_special: false,
    veteran_category: null, homeless: false, heroic_disabled: false, pension_insurance: 'none', pension_receiving: false, childless: false,
    has_supporter: true, dementia: false, institution_id: null,
  };
  it('national defaults', () => {
    const c = createHardshipClassifier();
    if (!c.ok) throw new Error('compile');
    expect(c.value.classify(base)).toEqual(['very_old']);
    expect(c.value.classify({ ...base, age: 79 })).toEqual([]);
    expect(c.value.classify({ ...base, age: 70, disability_level: 2, capability_grade: 2, childless: true, has_supporter: false })).toEqual(['solitary', 'disabled', 'severely_disabled']);
    expect(c.value.classify({ ...base, disability_level: 3, capability_grade: 1 })).toEqual(['very_old']);
    expect(c.value.classify({ ...base, alive: false })).toEqual([]);
  });
  it('refuses unknown tags and syntax errors', () => {
    const r = createHardshipClassifier({ nonsense: 'true' } as never);
    expect(!r.ok && r.error[0]!.code).toBe('HARDSHIP_TAG_UNKNOWN');
  });
});
