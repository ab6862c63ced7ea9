/**
 * "Done when" on the demo data: every cash programme of the four localities has enrolled people,
 * a cycle computes out of the box through the public contract, and the same request twice
 * answers one cycle, unchanged.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed-demo';
import { createTestContext, fixedClock, login, type TestContext } from '../../../test/harness';

const DEMO_PASSWORD = 'Yiyang@2025!';

describe('payroll on the demo data', () => {
  let t: TestContext;
  const clock = fixedClock(new Date('2025-06-18T04:00:00Z'));

  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
    expect(await seedDemo(t.ctx)).toBe(true);
  }, 600_000);
  afterAll(async () => t?.close());

  it('each locality has enrolled recipients in its cash programmes whose amounts the seeds set', async () => {
    // 长治 (140403) and 田家庵 (340403): the seeds set neither the 高龄 starting age nor the amounts
    // (parameters declared but unset in the CZ and TJA packs), so nobody is entitled yet; the
    // parameter status says so, and the demo enrols nobody rather than invent amounts.
    for (const county of ['140403', '340403']) {
      const pack = await t.ctx.services.catalogue.compiledFor(county, '2025-06-18');
      const unset = pack.parameterStatus('2025-06-18').filter((p) => p.status === 'unset').map((p) => p.name);
      expect(unset, county).toContain('high_age_allowance');
    }
    for (const county of ['330781', '120115']) {
      const cat = await t.ctx.services.benefits.catalogue(county, '2025-06-18');
      const cash = cat.programmes.filter((p) => p.benefit_kind === 'cash').map((p) => p.code);
      const rows = await sql<{ programme: string; n: number }>`select programme, count(*)::int as n from enrolments where county_code = ${county} group by programme`.execute(t.ctx.db);
      const enrolled = new Map(rows.rows.map((r) => [r.programme, r.n]));
      expect(cash.length, county).toBeGreaterThan(0);
      expect(cash.filter((c) => (enrolled.get(c) ?? 0) > 0).length, `${county}: ${JSON.stringify([...enrolled])} of ${cash.join(',')}`).toBeGreaterThan(0);
    }
  });

  it('contract: POST /api/v1/payroll/cycles on the demo data, twice → one cycle, unchanged', async () => {
    const cookie = await login(t.app, 'lx_county', DEMO_PASSWORD);
    const body = { region: '330781', programme: 'LX-07', month: '2025-06' };
    const r1 = await t.app.inject({ method: 'POST', url: '/api/v1/payroll/cycles', payload: body, headers: { cookie } });
    expect(r1.statusCode, r1.body).toBe(200);
    const first = r1.json();
    expect(Object.keys(first).sort()).toEqual(['id', 'payment_count', 'status', 'total_fen']);
    expect(first.status).toBe('computed');
    expect(first.payment_count).toBeGreaterThan(10);
    expect(first.total_fen).toBe(first.payment_count * 6000);
    const r2 = await t.app.inject({ method: 'POST', url: '/api/v1/payroll/cycles', payload: body, headers: { cookie } });
    // 宝坻 高龄津贴: enrolled by condition, the amount unset in the seeds → blocked, with the reason
    const bd = await login(t.app, 'bd_county', DEMO_PASSWORD);
    const b = (await t.app.inject({ method: 'POST', url: '/api/v1/payroll/cycles', payload: { region: '120115', programme: 'BD-06', month: '2025-06' }, headers: { cookie: bd } })).json();
    expect(b).toMatchObject({ status: 'computed', payment_count: 0, total_fen: 0 });
    const review = (await t.app.inject({ method: 'GET', url: `/api/v1/payroll/cycles/${b.id}/review`, headers: { cookie: bd } })).json();
    expect(review.skipped.length).toBeGreaterThan(0);
    expect(review.skipped[0]).toMatchObject({ code: 'BLOCKED' });
    expect(review.skipped[0].reason).toContain('high_age_allowance');
    expect(r2.json()).toEqual(first);
    const finance = await login(t.app, 'lx_finance', DEMO_PASSWORD);
    const a = await t.app.inject({ method: 'POST', url: `/api/v1/payroll/cycles/${first.id}/approve`, payload: {}, headers: { cookie: finance } });
    expect(a.statusCode, a.body).toBe(200);
  });
});
