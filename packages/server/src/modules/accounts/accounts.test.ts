/**
 * Service accounts: monthly credit from a service_credit item (idempotent per person and month),
 * spending at registered providers only, never below zero (service check and database CHECK),
 * expiry first-in-first-out, statements with running balances, provider settlement, and the
 * double-entry invariant (every transaction sums to zero). The Lanxi pack declares 养老服务补贴
 * (LX-08) without an amount (seed 002 gives none); this test sets 200元/月 in a copy of the pack.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, ensureOrg, fixedClock, type TestContext } from '../../../test/harness';
import { lanxiPerson, lanxiWithServiceSubsidy } from '../../../test/payroll-fixtures';
import type { AccountsService } from './index';

const clock = fixedClock(new Date('2025-06-10T02:00:00Z'));

describe('service accounts (养老服务券)', () => {
  let t: TestContext;
  let accounts: AccountsService;
  let personId: string;
  let provider: string;
  let bureau: string;

  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
    const svc = await lanxiWithServiceSubsidy(t.ctx, clock, 20000);
    accounts = svc.accounts;
    const benefits = svc.benefits;
    const s = t.ctx.services;
    const p = await lanxiPerson(t.ctx, t.system, '1950-02-02');
    await s.registry.recordFact(t.system, p.id, { fact: 'economic_status', value: 'dibao', valid_from: '2020-01-01' });
    await benefits.enrolAuto(t.system, { person_id: p.id, programme: 'LX-08', start_month: '2025-06', confirm: true });
    personId = p.id;
    provider = (await ensureOrg(t, '330781', 'service_provider', '兰溪颐康居家养老服务中心')).id;
    bureau = (await ensureOrg(t, '330781', 'civil_affairs_bureau')).id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('credits monthly from the pack, once per person and month', async () => {
    expect(await accounts.creditMonth(t.system, { region: '330781', programme: 'LX-08', month: '2025-06' })).toMatchObject({ credited: 1, total_fen: 20000 });
    expect(await accounts.creditMonth(t.system, { region: '330781', programme: 'LX-08', month: '2025-06' })).toMatchObject({ credited: 0, total_fen: 0 });
    await expect(accounts.creditMonth(t.system, { region: '330781', programme: 'LX-07', month: '2025-06' })).rejects.toMatchObject({ code: 'NOT_SERVICE_CREDIT' });
  });

  it('spends only at registered providers, once per order, never below zero', async () => {
    await expect(accounts.spend(t.system, { person_id: personId, programme: 'LX-08', provider_org: bureau, amount_fen: 1000, order_ref: 'X-1' })).rejects.toMatchObject({ code: 'PROVIDER_NOT_REGISTERED' });
    expect(await accounts.spend(t.system, { person_id: personId, programme: 'LX-08', provider_org: provider, amount_fen: 15000, order_ref: 'SO-1', on_date: '2025-06-12' })).toEqual({ posted: true, balance_fen: 5000 });
    expect(await accounts.spend(t.system, { person_id: personId, programme: 'LX-08', provider_org: provider, amount_fen: 15000, order_ref: 'SO-1' })).toEqual({ posted: false, balance_fen: 5000 });
    await expect(accounts.spend(t.system, { person_id: personId, programme: 'LX-08', provider_org: provider, amount_fen: 6000, order_ref: 'SO-2' })).rejects.toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    // the database refuses a negative person balance even if the service check were bypassed
    await expect(sql`update ledger_accounts set balance_fen = -1 where kind = 'person' and person_id = ${personId}::uuid`.execute(t.ctx.db)).rejects.toThrow();
  });

  it('expires unspent old credits first-in-first-out; statements and settlement add up; the ledger balances', async () => {
    clock.set(new Date('2025-07-10T02:00:00Z'));
    await accounts.creditMonth(t.system, { region: '330781', programme: 'LX-08', month: '2025-07' });
    // expiry after 1 month, run in August: June's 200 − 150 spent = 50 expires; July's 200 stays
    expect(await accounts.expire(t.system, { region: '330781', month: '2025-08', expiry_months: 1 })).toEqual({ accounts: 1, expired_fen: 5000 });
    expect(await accounts.expire(t.system, { region: '330781', month: '2025-08', expiry_months: 1 })).toEqual({ accounts: 0, expired_fen: 0 });
    const st = await accounts.personStatement(t.system, personId);
    expect(st.balance_fen).toBe(20000);
    expect(st.lines.map((l) => [l.kind, l.amount_fen, l.balance_fen])).toEqual([
      ['credit', 20000, 20000],
      ['spend', -15000, 5000],
      ['credit', 20000, 25000],
      ['expire', -5000, 20000],
    ]);
    expect(await accounts.providerSettlement(t.system, provider, '2025-06')).toMatchObject({ orders: 1, total_fen: 15000 });
    const sums = await sql<{ n: number }>`select count(*)::int as n from (select transaction_id from ledger_entries group by transaction_id having sum(amount_fen) <> 0) x`.execute(t.ctx.db);
    expect(sums.rows[0]!.n).toBe(0);
    const balances = await sql<{ bad: number }>`select count(*)::int as bad from ledger_accounts a where a.balance_fen <> (select coalesce(sum(amount_fen), 0) from ledger_entries e where e.account_id = a.id)`.execute(t.ctx.db);
    expect(balances.rows[0]!.bad).toBe(0);
  });
});
