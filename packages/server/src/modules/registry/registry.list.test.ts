import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, fixedClock, login, type TestContext } from '../../../test/harness';
import { syntheticCsv } from './synthetic/synthetic.service';

describe('registry lists over more than 10,000 persons', () => {
  let t: TestContext;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestContext({ clock: fixedClock(new Date('2025-06-01T02:00:00Z')) });
    await createUser(t, { username: 'lx', role: 'county_staff', region: '330781' });
    cookie = await login(t.app, 'lx');
    const actor = { ...t.system, regionCode: '330781' };
    const places = await t.ctx.services.registry.syntheticPlaces(actor, '330781001');
    const r = await t.ctx.services.registry.imports.start(actor, { source: 'population', mode: 'auto' }, Readable.from(syntheticCsv('population', { seed: 3, count: 10_050, today: '2025-06-01', places })), 'text/csv', undefined);
    expect(r.kind === 'done' && r.result).toMatchObject({ accepted: 10_050, created: 10_050 });
    await sql`analyze persons`.execute(t.ctx.db);
  }, 120_000);
  afterAll(async () => t.close());

  it('estimates totals above 10,000 and counts exactly below', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/persons', headers: { cookie } })).json();
    expect(all.total_exact).toBe(false);
    expect(all.total).toBeGreaterThan(10_000);
    expect(Math.abs(all.total - 10_050) / 10_050).toBeLessThan(0.2);
    expect(all.items).toHaveLength(20);
    const old = (await t.app.inject({ method: 'GET', url: '/api/v1/persons?age_min=90', headers: { cookie } })).json();
    const exact = Number((await sql<{ n: number }>`select count(*)::int as n from persons where birth_date <= date '1935-06-01'`.execute(t.ctx.db)).rows[0]!.n);
    expect(old).toMatchObject({ total: exact, total_exact: true });
    // Tags were derived for every imported person (高龄 = 80+).
    const veryOld = (await t.app.inject({ method: 'GET', url: '/api/v1/persons?tag=very_old&age_max=85', headers: { cookie } })).json();
    expect(veryOld.total_exact).toBe(true);
    expect(veryOld.items.every((p: { age: number; tags: string[] }) => p.age >= 80 && p.age <= 85 && p.tags.includes('very_old'))).toBe(true);
  });
});
