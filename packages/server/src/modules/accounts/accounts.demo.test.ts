/**
 * The service-account demo and the read side over HTTP:
 *  - with the seeds as published (兰溪 养老服务补贴 LX-08 has no amount), the demo credits nobody
 *    and opens no account — it does not invent a rate;
 *  - with the amount set (200元/月 in a copy of the pack, as in accounts.test.ts), the demo credits
 *    last and this month to the enrolled people and pays orders to a service provider; every
 *    balance equals the sum of its statement lines, the provider's settlements add up to the
 *    orders, and a second run changes nothing;
 *  - GET /accounts/persons lists the holders of the caller's scope with masked ID numbers; a
 *    county user of another county gets 403 for the region and 404 for the statement; provider
 *    staff see only their own organisation's settlement (and not the list of holders), civil
 *    affairs staff every provider's.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, ensureOrg, fixedClock, login, type TestContext } from '../../../test/harness';
import { lanxiPerson, lanxiWithServiceSubsidy } from '../../../test/payroll-fixtures';
import type { BenefitsService } from '../benefits';
import { DEMO_ORDER_AMOUNTS, seedAccountsDemo, type AccountsService } from './index';

const clock = fixedClock(new Date('2025-06-10T02:00:00Z'));
const PEOPLE = 10;

describe('service accounts demo and statements over HTTP', () => {
  let t: TestContext;
  let accounts: AccountsService;
  let benefits: BenefitsService;
  let provider: { id: string; region_code: string; name: string };
  const people: Array<{ id: string; idNumber: string }> = [];
  const world = () => ({ streets: new Map([['lx', ['330781001']]]), orgs: new Map([['lx-provider', provider]]) });

  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
    ({ benefits, accounts } = await lanxiWithServiceSubsidy(t.ctx, clock, 20000));
    const s = t.ctx.services;
    for (let i = 0; i < PEOPLE; i++) {
      const p = await lanxiPerson(t.ctx, t.system, `195${i}-03-0${(i % 9) + 1}`, { name: `服务券老人${i}` });
      await s.registry.recordFact(t.system, p.id, { fact: 'economic_status', value: 'dibao', valid_from: '2020-01-01' });
      await benefits.enrolAuto(t.system, { person_id: p.id, programme: 'LX-08', start_month: '2025-05', confirm: true });
      people.push({ id: p.id, idNumber: (await s.registry.reveal(t.system, p.id, 'test')).id_number });
    }
    provider = await ensureOrg(t, '330781', 'service_provider', '兰溪市颐康居家养老服务中心');
  }, 120_000);
  afterAll(async () => t?.close());

  it('with the amount unset in the published list, credits nobody and opens no account', async () => {
    const results = await seedAccountsDemo(t.ctx, world());
    expect(results).toEqual([{ county: '330781', programme: 'LX-08', credited: 0, skipped: 2 * PEOPLE, orders: 0 }]);
    const n = await sql<{ n: number }>`select count(*)::int as n from ledger_accounts where kind = 'person'`.execute(t.ctx.db);
    expect(n.rows[0]!.n).toBe(0);
  });

  it('with the amount set, credits two months and pays orders; balances equal the sum of their lines; idempotent', async () => {
    const host = { db: t.ctx.db, clock, services: { accounts, benefits, orgs: t.ctx.services.orgs } };
    const results = await seedAccountsDemo(host, world());
    expect(results).toEqual([{ county: '330781', programme: 'LX-08', credited: 2 * PEOPLE, skipped: 0, orders: DEMO_ORDER_AMOUNTS.length }]);
    let spent = 0;
    for (const p of people) {
      const st = await accounts.personStatement(t.system, p.id, 'LX-08');
      expect(st.lines.filter((l) => l.kind === 'credit').map((l) => [l.on_date, l.amount_fen])).toEqual([['2025-05-01', 20000], ['2025-06-01', 20000]]);
      expect(st.balance_fen).toBe(st.lines.reduce((s, l) => s + l.amount_fen, 0));
      expect(st.lines.at(-1)!.balance_fen).toBe(st.balance_fen);
      const ledger = await sql<{ balance_fen: number }>`select balance_fen from ledger_accounts where kind = 'person' and person_id = ${p.id}::uuid`.execute(t.ctx.db);
      expect(Number(ledger.rows[0]!.balance_fen)).toBe(st.balance_fen);
      spent += st.lines.filter((l) => l.kind === 'spend').reduce((s, l) => s - l.amount_fen, 0);
    }
    expect(spent).toBe(DEMO_ORDER_AMOUNTS.reduce((s, a) => s + a, 0));
    const may = await accounts.providerSettlement(t.system, provider.id, '2025-05');
    const june = await accounts.providerSettlement(t.system, provider.id, '2025-06');
    expect(may.orders + june.orders).toBe(DEMO_ORDER_AMOUNTS.length);
    expect(may.orders).toBeGreaterThan(0);
    expect(june.orders).toBeGreaterThan(0);
    expect(may.total_fen + june.total_fen).toBe(spent);
    expect(june.total_fen).toBe(june.lines.reduce((s, l) => s + l.amount_fen, 0));
    expect(june.lines[0]!.description).toContain('演示订单');

    expect(await seedAccountsDemo(host, world())).toEqual([{ county: '330781', programme: 'LX-08', credited: 0, skipped: 0, orders: 0 }]);
    const again = await accounts.providerSettlement(t.system, provider.id, '2025-06');
    expect(again.total_fen).toBe(june.total_fen);
  });

  it('GET /accounts/persons: holders of the caller’s scope, masked ID numbers; another county gets 403/404', async () => {
    await createUser(t, { username: 'acc_lx', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'acc_tja', role: 'county_staff', region: '340403' });
    const lx = await login(t.app, 'acc_lx');
    const tja = await login(t.app, 'acc_tja');
    const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

    const list = await get(lx, '/api/v1/accounts/persons?page_size=5');
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body.total).toBe(PEOPLE);
    expect(body.items).toHaveLength(5);
    for (const h of body.items) {
      expect(Object.keys(h).sort()).toEqual(['balance_fen', 'id_number', 'name', 'person_id', 'programme', 'region_code']);
      const full = people.find((p) => p.id === h.person_id)!.idNumber;
      expect(full).toMatch(/^\d{17}[\dX]$/);
      expect(h.id_number).not.toBe(full);
      expect(h.id_number).toContain('*');
      expect(list.body).not.toContain(full);
      const st = (await get(lx, `/api/v1/accounts/persons/${h.person_id}/statement`)).json();
      expect(h.balance_fen).toBe(st.balance_fen);
    }
    const named = (await get(lx, `/api/v1/accounts/persons?q=${encodeURIComponent('服务券老人3')}`)).json();
    expect(named.items.map((h: { name: string }) => h.name)).toEqual(['服务券老人3']);
    expect((await get(lx, '/api/v1/accounts/persons?region=330781001')).json().total).toBe(PEOPLE);

    // another county: the Lanxi region is forbidden, its own scope has nobody, Lanxi statements are absent
    expect((await get(tja, '/api/v1/accounts/persons?region=330781')).statusCode).toBe(403);
    expect((await get(tja, '/api/v1/accounts/persons')).json()).toEqual({ items: [], total: 0 });
    expect((await get(tja, `/api/v1/accounts/persons/${people[0]!.id}/statement`)).statusCode).toBe(404);
    expect((await get(tja, `/api/v1/accounts/providers/${provider.id}/settlement?month=2025-06`)).statusCode).toBe(404);

    // civil affairs staff of the county read any provider's settlement; a provider's staff only their own
    const s = await get(lx, `/api/v1/accounts/providers/${provider.id}/settlement?month=2025-06`);
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().orders).toBeGreaterThan(0);
    const other = await createUser(t, { username: 'acc_other_provider', role: 'provider_staff', region: '330781', orgType: 'service_provider' });
    const op = await login(t.app, 'acc_other_provider');
    const refused = await get(op, `/api/v1/accounts/providers/${provider.id}/settlement?month=2025-06`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('PROVIDER_SCOPE');
    expect((await get(op, `/api/v1/accounts/providers/${other.org.id}/settlement?month=2025-06`)).json()).toMatchObject({ orders: 0, total_fen: 0 });
    // a person's statement only for people they served: none for the other provider, yes for the demo provider's staff
    const servedStmt = await get(op, `/api/v1/accounts/persons/${body.items[0].person_id}/statement`);
    expect(servedStmt.statusCode).toBe(403);
    expect(servedStmt.json().error.code).toBe('PROVIDER_SCOPE');
    await createUser(t, { username: 'acc_demo_provider', role: 'provider_staff', region: '330781', orgType: 'service_provider' });
    await t.ctx.db.updateTable('users').set({ org_id: provider.id }).where('username', '=', 'acc_demo_provider').execute();
    const dp = await login(t.app, 'acc_demo_provider');
    const servedIds = await sql<{ person_id: string }>`select distinct a.person_id from ledger_accounts a join ledger_entries e on e.county_code = a.county_code and e.account_id = a.id
      join ledger_transactions tx on tx.county_code = e.county_code and tx.id = e.transaction_id where a.kind = 'person' and tx.kind = 'spend'`.execute(t.ctx.db);
    expect(servedIds.rows.length).toBeGreaterThan(0);
    expect((await get(dp, `/api/v1/accounts/persons/${servedIds.rows[0]!.person_id}/statement`)).statusCode).toBe(200);
    const unserved = people.find((p) => !servedIds.rows.some((r) => r.person_id === p.id));
    expect(unserved).toBeDefined(); // 8 orders among 10 people
    expect((await get(dp, `/api/v1/accounts/persons/${unserved!.id}/statement`)).statusCode).toBe(403);
    // nor may they browse the county's account holders
    const browse = await get(op, '/api/v1/accounts/persons');
    expect(browse.statusCode).toBe(403);
    expect(browse.json().error.code).toBe('PROVIDER_SCOPE');
  });
});
