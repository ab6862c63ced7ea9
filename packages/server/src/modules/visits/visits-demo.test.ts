/**
 * The public contract on the demo data (the demo seeder after the foundation): a visitor's due
 * list, a recorded visit taking the person off it, and the rate moving by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed-demo';
import { createTestContext, fixedClock, login, type TestContext } from '../../../test/harness';

const DEMO_PASSWORD = 'Yiyang@2025!';

describe('visiting care on the demo data', () => {
  let t: TestContext;
  const clock = fixedClock(new Date('2025-06-18T04:00:00Z')); // Wednesday 12:00 Beijing time

  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
    expect(await seedDemo(t.ctx)).toBe(true);
  });
  afterAll(async () => t.close());

  it('every locality has a roster, assignments, history and a meaningful rate', async () => {
    for (const county of ['140403', '330781', '340403', '120115']) {
      const month = await t.ctx.services.visits.rate(t.system, { region: county, period: 'month' });
      expect(month.due, county).toBeGreaterThan(20);
      expect(month.rate!, county).toBeGreaterThan(0.2);
      expect(month.rate!, county).toBeLessThan(1);
      const lastMonth = await t.ctx.services.visits.rate(t.system, { region: county, period: 'month', date: '2025-05-15' });
      expect(lastMonth.rate!, county).toBeGreaterThan(0.5);
    }
    // 田家庵区 visits its very old / alone / dependent weekly (003 二(二)4).
    const week = await t.ctx.services.visits.rate(t.system, { region: '340403', period: 'week' });
    expect(week.due).toBeGreaterThan(5);
    const alerts = await t.ctx.services.visits.listAlerts(t.system, { region: '330781', status: 'open', page: 1, page_size: 50 });
    expect(alerts.items.map((a) => a.kind)).toEqual(expect.arrayContaining(['danger', 'overdue']));
  });

  it('contract: a visitor sees only their people, records a visit, the due list shrinks and the rate moves', async () => {
    const visitor = await login(t.app, 'lx_visitor', DEMO_PASSWORD);
    const community = await login(t.app, 'lx_community', DEMO_PASSWORD);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: visitor } })).json();
    const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } }).then((r) => r.json());
    const due0 = await get(visitor, '/api/v1/visits/due');
    expect(due0.total).toBeGreaterThan(0);
    expect(due0.items.every((i: { visitor_id: string }) => i.visitor_id === (me.user?.id ?? me.id))).toBe(true);
    const roster = await get(visitor, '/api/v1/visits/roster?page_size=200');
    const county = await get(community, '/api/v1/visits/roster?page_size=200');
    expect(roster.total).toBeLessThan((await t.ctx.services.visits.listRoster(t.system, { region: '330781', status: 'active', page: 1, page_size: 1 })).total);
    expect(county.total).toBeGreaterThanOrEqual(roster.total);

    const rateV0 = await get(visitor, '/api/v1/visits/rate');
    const region = due0.items[0].region_code;
    const rateC0 = await get(community, `/api/v1/visits/rate?region=${region}`);
    const dueC0 = await get(community, `/api/v1/visits/due?region=${region}`);
    const target = due0.items[0].person_id;
    // A phone on a poor network sends the visit twice with the same Idempotency-Key: one visit.
    const send = () => t.app.inject({ method: 'POST', url: '/api/v1/visits', headers: { cookie: visitor, 'idempotency-key': `visit-${target}-1` }, payload: { person_id: target, mode: 'onsite', visited_at: '2025-06-18T11:00:00+08:00', findings: { health: 'good', mood: 'good' } } });
    const rec = await send();
    expect(rec.statusCode).toBe(201);
    const replay = await send();
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(rec.json().id);
    const due1 = await get(visitor, '/api/v1/visits/due');
    expect(due1.total).toBe(due0.total - 1);
    expect(due1.items.map((i: { person_id: string }) => i.person_id)).not.toContain(target);
    expect(await get(visitor, '/api/v1/visits/rate')).toMatchObject({ due: rateV0.due, visited: rateV0.visited + 1 });
    expect(await get(community, `/api/v1/visits/rate?region=${region}`)).toMatchObject({ due: rateC0.due, visited: rateC0.visited + 1 });
    expect((await get(community, `/api/v1/visits/due?region=${region}`)).total).toBe(dueC0.total - 1);
  });

  it('seeding again changes nothing', async () => {
    const before = await t.ctx.services.visits.listVisits(t.system, { page: 1, page_size: 1 });
    const { seedVisitsDemo } = await import('./index');
    const world = { orgs: new Map(), users: new Map(), communities: new Map([['lx', ['330781001001']]]) };
    await seedVisitsDemo(t.ctx, world, { password: DEMO_PASSWORD });
    expect((await t.ctx.services.visits.listVisits(t.system, { page: 1, page_size: 1 })).total).toBe(before.total);
  });
});
