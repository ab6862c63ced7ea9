import { makeIdNumber } from '@yiyang/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, createTestContext, createUser, fixedClock, login, type TestContext } from '../../../test/harness';
import type { Actor } from '../../platform/actor';

describe('registry core', () => {
  let t: TestContext;
  let staff: Actor;
  let cookie: string;
  const clock = fixedClock(new Date('2025-06-01T02:00:00Z'));
  beforeAll(async () => {
    t = await createTestContext({ clock });
    const u = await createUser(t, { username: 'lx', role: 'county_staff', region: '330781' });
    staff = await actorFor(t, u.id);
    cookie = await login(t.app, 'lx');
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });

  it('creates a person from the ID number: birth date and sex derived, stored encrypted, shown masked', async () => {
    const id = makeIdNumber('330781', '1940-03-15', 123);
    const res = await post('/api/v1/persons', { id_number: id.toLowerCase(), name: '阿依古丽·买买提', phone: '13905791111', region_code: '330781001001' });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ birth_date: '1940-03-15', sex: 'male', age: 85, id_number: `330781********${id.slice(-4)}`, phone: '139****1111' });
    const raw = await sql<Record<string, string>>`select * from persons where id = ${p.id}`.execute(t.ctx.db);
    const rowText = JSON.stringify(raw.rows[0]);
    expect(rowText).not.toContain(id);
    expect(rowText).not.toContain('13905791111');
    // Exact search by the full number works through the keyed hash.
    const found = await t.app.inject({ method: 'GET', url: `/api/v1/persons?q=${id}`, headers: { cookie } });
    expect(found.json().total).toBe(1);
    const byPhone = await t.app.inject({ method: 'GET', url: '/api/v1/persons?q=13905791111', headers: { cookie } });
    expect(byPhone.json().items[0].id).toBe(p.id);
    const byName = await t.app.inject({ method: 'GET', url: `/api/v1/persons?q=${encodeURIComponent('阿依古丽')}`, headers: { cookie } });
    expect(byName.json().items[0].name).toBe('阿依古丽·买买提');
  });

  it('each kind of bad ID number gets its own error code', async () => {
    const good = makeIdNumber('330781', '1950-01-01', 11);
    const cases: Array<[string, string]> = [
      ['33078119500101', 'ID_LENGTH'],
      ['33078119500101A01X', 'ID_CHARACTERS'],
      ['330781195002300113', 'ID_BIRTH_DATE'],
      ['330781209901010113', 'ID_BIRTH_FUTURE'],
      [good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), 'ID_CHECK_DIGIT'],
    ];
    for (const [id, code] of cases) {
      const r = await post('/api/v1/persons', { id_number: id, name: '测试', region_code: '330781001001' });
      expect(r.statusCode, id).toBe(400);
      expect(r.json().error.code).toBe(code);
    }
    expect((await post('/api/v1/persons', { id_number: good, name: '甲', region_code: '330781001001' })).statusCode).toBe(201);
    const dup = await post('/api/v1/persons', { id_number: good, name: '乙', region_code: '330781001001' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('PERSON_EXISTS');
  });

  it('filters by age band on today (周岁), inclusive at both ends', async () => {
    // Today 2025-06-01: born 1945-06-01 is 80; born 1945-06-02 is 79.
    await t.ctx.services.registry.create(staff, { id_type: 'resident', id_number: makeIdNumber('330781', '1945-06-01', 21), name: '刚满八十', region_code: '330781002002' });
    await t.ctx.services.registry.create(staff, { id_type: 'resident', id_number: makeIdNumber('330781', '1945-06-02', 21), name: '差一天八十', region_code: '330781002002' });
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/persons?region=330781002&age_min=80&age_max=80', headers: { cookie } });
    expect(r.json().items.map((p: { name: string }) => p.name)).toEqual(['刚满八十']);
  });

  it('keeps facts with provenance and answers what was true — and what was known — on a date', async () => {
    const p = await t.ctx.services.registry.create(staff, { id_type: 'resident', id_number: makeIdNumber('330781', '1938-02-02', 33), name: '李桂兰', region_code: '330781002002' });
    const ref = (await t.ctx.services.registry.findRef(p.id))!;
    const set = (value: string, validFrom: string) =>
      t.ctx.db.transaction().execute((trx) =>
        t.ctx.services.registry.setFact(trx, staff, ref, { fact: 'economic_status', value, validFrom, sourceType: 'import', sourceDepartment: 'civil_affairs', sourceRef: 'batch-1' }),
      );
    expect((await set('dibao', '2024-01-01')).changed).toBe(true);
    expect((await set('dibao', '2024-01-01')).changed).toBe(false); // re-import is a no-op
    const knownBefore = clock.now();
    clock.advance(60_000);
    // Learned later: she became 特困 from 2025-03-01.
    await set('tekun', '2025-03-01');
    const facts = (d: string, knownAt?: Date) => t.ctx.services.registry.factsAsOf(ref, d, knownAt ? { knownAt } : {});
    expect((await facts('2023-12-31')).economic_status).toBe('none');
    expect((await facts('2024-06-01')).economic_status).toBe('dibao');
    expect((await facts('2025-04-01')).economic_status).toBe('tekun');
    expect((await facts('2025-04-01', knownBefore)).economic_status).toBe('dibao');
    expect((await facts('2025-04-01')).age).toBe(87);
    const detail = await t.ctx.services.registry.get(staff, p.id);
    expect(detail.economic_status).toBe('tekun');
    const history = await t.ctx.services.registry.factHistory(staff, p.id);
    const econ = history.filter((h) => h.fact === 'economic_status');
    expect(econ.map((h) => [h.value, h.valid_from, h.valid_to, h.superseded_at === null])).toEqual([
      ['dibao', '2024-01-01', null, false],
      ['dibao', '2024-01-01', '2025-03-01', true],
      ['tekun', '2025-03-01', null, true],
    ]);
  });

  it('capability grade can only come from an assessment; unknown facts are refused', async () => {
    const p = (await t.app.inject({ method: 'GET', url: '/api/v1/persons?q=%E6%9D%8E%E6%A1%82%E5%85%B0', headers: { cookie } })).json().items[0];
    const a = await post(`/api/v1/persons/${p.id}/facts`, { fact: 'capability_grade', value: 4, valid_from: '2025-01-01' });
    expect(a.statusCode).toBe(403);
    const b = await post(`/api/v1/persons/${p.id}/facts`, { fact: 'shoe_size', value: 42, valid_from: '2025-01-01' });
    expect(b.json().error.code).toBe('FACT_UNKNOWN');
    const c = await post(`/api/v1/persons/${p.id}/facts`, { fact: 'living_arrangement', value: 'on_the_moon', valid_from: '2025-01-01' });
    expect(c.json().error.code).toBe('FACT_VALUE_INVALID');
    const d = await post(`/api/v1/persons/${p.id}/facts`, { fact: 'living_arrangement', value: 'alone', valid_from: '2025-01-01' });
    expect(d.statusCode).toBe(200);
    expect(d.json().living_arrangement).toBe('alone');
  });

  it('a move to another county re-keys the person and their facts', async () => {
    const p = await t.ctx.services.registry.create(staff, { id_type: 'resident', id_number: makeIdNumber('330781', '1944-04-04', 41), name: '迁出者', region_code: '330781002002' });
    const ref = (await t.ctx.services.registry.findRef(p.id))!;
    const root = (await import('../../platform/actor')).systemActor('test');
    await t.ctx.db.transaction().execute((trx) =>
      t.ctx.services.registry.setFact(trx, root, ref, { fact: 'residence_region', value: '340403001001', validFrom: '2025-06-01', sourceType: 'event' }),
    );
    const after = (await t.ctx.services.registry.findRef(p.id))!;
    expect(after.county_code).toBe('340403');
    expect(after.region_code).toBe('340403001001');
    const n = await t.ctx.db.selectFrom('person_facts').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', p.id).where('county_code', '=', '340403').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(0);
    // Out of 兰溪 staff's scope now.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/persons/${p.id}`, headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('registry batch reading', () => {
  it('iterates persons of a region subtree in pages, filtered by tags', async () => {
    const t = await createTestContext();
    try {
      const root = (await import('../../platform/actor')).systemActor('test');
      for (let i = 0; i < 7; i++) {
        const p = await t.ctx.services.registry.create(root, { id_type: 'resident', id_number: makeIdNumber('340403', '1940-01-01', 100 + i), name: `甲${i}`, region_code: '340403001001' });
        const ref = (await t.ctx.services.registry.findRef(p.id))!;
        if (i % 2 === 0) await t.ctx.services.registry.setStatus(t.ctx.db, ref, { tags: ['living_alone'] });
      }
      const all = [];
      for await (const r of t.ctx.services.registry.iterateRefs('340403', { pageSize: 3 })) all.push(r);
      expect(all).toHaveLength(7);
      const alone = [];
      for await (const r of t.ctx.services.registry.iterateRefs('340403001', { anyTags: ['living_alone', 'solitary'], pageSize: 2 })) alone.push(r);
      expect(alone).toHaveLength(4);
      expect(alone.every((r) => r.tags.includes('living_alone'))).toBe(true);
    } finally {
      await t.close();
    }
  });
});
