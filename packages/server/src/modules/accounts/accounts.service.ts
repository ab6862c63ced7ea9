/**
 * Service accounts (养老服务券 / 爱心卡 / 助老服务卡): demand-side subsidies credited monthly to a
 * person's account (service_credit items of the catalogue), spent on service orders from
 * registered providers, expiring after a number of months. A double-entry ledger: every
 * transaction's entries sum to zero; a person's balance never goes negative (checked here, and by
 * a database CHECK as the last guard). 000 三(三)9; 002 附件 第8–10项; 004 二(三)6.
 */
import { addMonths, conflict, evaluationDate, forbidden, invalid, isInRegion, monthAmount, monthOf, notFound, type AccountHolder, type AccountHolderQuery, type StatementLine } from '@yiyang/core';
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { assertRecordInScope, assertRegionInScope, effectiveRegion, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import { memoisedEntitle, type BenefitsService } from '../benefits';
import type { OrgService } from '../orgs';
import type { RegistryService } from '../registry';
import type {} from './accounts.tables';
import type { z } from 'zod';

/** Credits not spent within this many months expire (local rule; default 12). */
export const DEFAULT_EXPIRY_MONTHS = 12;

export type { StatementLine };

export function createAccountsService(deps: { db: Db; audit: AuditService; registry: RegistryService; benefits: BenefitsService; orgs: OrgService; clock: Clock }) {
  const { db, audit, registry, benefits, orgs, clock } = deps;

  async function systemAccount(ex: Executor, county: string, kind: 'funding' | 'expired'): Promise<string> {
    await sql`insert into ledger_accounts (county_code, kind) values (${county}, ${kind}) on conflict do nothing`.execute(ex);
    return (await ex.selectFrom('ledger_accounts').select('id').where('county_code', '=', county).where('kind', '=', kind).executeTakeFirstOrThrow()).id;
  }
  async function personAccount(ex: Executor, county: string, personId: string, programme: string): Promise<string> {
    await sql`insert into ledger_accounts (county_code, kind, person_id, programme) values (${county}, 'person', ${personId}::uuid, ${programme}) on conflict do nothing`.execute(ex);
    return (await ex.selectFrom('ledger_accounts').select('id').where('county_code', '=', county).where('kind', '=', 'person').where('person_id', '=', personId).where('programme', '=', programme).executeTakeFirstOrThrow()).id;
  }
  async function providerAccount(ex: Executor, county: string, org: string): Promise<string> {
    await sql`insert into ledger_accounts (county_code, kind, provider_org) values (${county}, 'provider', ${org}::uuid) on conflict do nothing`.execute(ex);
    return (await ex.selectFrom('ledger_accounts').select('id').where('county_code', '=', county).where('kind', '=', 'provider').where('provider_org', '=', org).executeTakeFirstOrThrow()).id;
  }

  /**
   * Post one balanced transaction (idempotent by ref). Entries: [account, amount, credit month].
   * Returns false when the ref was already posted.
   */
  async function post(ex: Executor, county: string, t: { kind: 'credit' | 'spend' | 'expire'; ref: string; on_date: string; description: string; actor_id: string | null }, entries: Array<[string, number, string | null]>): Promise<boolean> {
    if (entries.reduce((s, e) => s + e[1], 0) !== 0) throw new Error('unbalanced ledger transaction');
    const tx = await sql<{ id: string }>`insert into ledger_transactions (county_code, kind, ref, on_date, description, actor_id)
      values (${county}, ${t.kind}, ${t.ref}, ${t.on_date}::date, ${t.description}, ${t.actor_id}::uuid) on conflict (county_code, ref) do nothing returning id`.execute(ex);
    const id = tx.rows[0]?.id;
    if (!id) return false;
    for (const [account, amount, month] of entries) {
      await sql`insert into ledger_entries (county_code, transaction_id, account_id, amount_fen, credit_month) values (${county}, ${id}::uuid, ${account}::uuid, ${amount}, ${month})`.execute(ex);
      await sql`update ledger_accounts set balance_fen = balance_fen + ${amount} where county_code = ${county} and id = ${account}::uuid`.execute(ex);
    }
    return true;
  }


  /** Staff of a service provider (not civil affairs): they read only their own organisation's data. */
  async function isProviderStaff(actor: Actor): Promise<boolean> {
    if (!actor.orgId || actor.permissions.has('accounts:write')) return false;
    return (await orgs.findInternal(actor.orgId))?.type === 'service_provider';
  }
  return {
    /**
     * Monthly credit (每月记入服务券): enrolments of a service_credit programme × the pack's amount
     * for the month. Idempotent per person, programme and month.
     */
    async creditMonth(actor: Actor, input: { region: string; programme: string; month: string }): Promise<{ credited: number; total_fen: number; skipped: Array<{ person_id: string; reason: string }> }> {
      requirePermission(actor, 'accounts:write');
      assertRegionInScope(actor, input.region);
      const county = input.region;
      const { cat, p } = await benefits.programmeOf(county, input.programme, `${input.month}-01`);
      if (p.benefit_kind !== 'service_credit') throw invalid('NOT_SERVICE_CREDIT', `${p.name}不是服务券项目`);
      const entitle = memoisedEntitle(cat);
      const on = evaluationDate(p.start_rule, input.month, null);
      let credited = 0, total = 0;
      const skipped: Array<{ person_id: string; reason: string }> = [];
      let after: string | null = null;
      for (;;) {
        const rows = await benefits.repo.cycleEnrolments(county, p.code, input.month, after, 2000);
        if (rows.length === 0) break;
        const people = await registry.factsAsOfMany(county, rows.map((r) => r.person_id), on);
        await db.transaction().execute(async (trx) => {
          const funding = await systemAccount(trx, county, 'funding');
          for (const e of rows) {
            const hit = people.get(e.person_id);
            if (!hit) continue;
            const facts = hit.ref.death_date && evaluationDate(p.start_rule, input.month, hit.ref.death_date) !== on ? await registry.factsAsOf(hit.ref, evaluationDate(p.start_rule, input.month, hit.ref.death_date), { ex: trx }) : hit.facts;
            const out = monthAmount({ programme: p.code, rule: p.start_rule, month: input.month, enrolment: e, death_date: hit.ref.death_date, facts, entitle });
            if (!out.pay) {
              skipped.push({ person_id: e.person_id, reason: out.reason });
              continue;
            }
            const acct = await personAccount(trx, county, e.person_id, p.code);
            const done = await post(trx, county, { kind: 'credit', ref: `credit:${e.person_id}:${p.code}:${input.month}`, on_date: `${input.month}-01`, description: `${p.name} ${input.month}`, actor_id: actor.userId }, [[funding, -out.amount_fen, null], [acct, out.amount_fen, input.month]]);
            if (done) {
              credited += 1;
              total += out.amount_fen;
            }
          }
          await audit.record(trx, actor, { action: 'accounts.credit', entityType: 'service_account', entityId: `${county}:${p.code}:${input.month}`, regionCode: county, details: { credited, total_fen: total } });
        });
        after = rows[rows.length - 1]!.person_id;
        if (rows.length < 2000) break;
      }
      return { credited, total_fen: total, skipped };
    },

    /** A service order paid from the person's account to a registered provider (idempotent by order ref). */
    async spend(actor: Actor, input: { person_id: string; programme: string; provider_org: string; amount_fen: number; order_ref: string; on_date?: string; description?: string }): Promise<{ posted: boolean; balance_fen: number }> {
      requirePermission(actor, 'accounts:write');
      if (!Number.isSafeInteger(input.amount_fen) || input.amount_fen <= 0) throw invalid('AMOUNT_INVALID', '消费金额应为正整数（分）');
      const ref = await registry.getRef(actor, input.person_id);
      const org = await orgs.findInternal(input.provider_org);
      if (!org || org.type !== 'service_provider') throw invalid('PROVIDER_NOT_REGISTERED', '服务机构未登记为服务商，不能使用服务券结算');
      return db.transaction().execute(async (trx) => {
        const acct = await personAccount(trx, ref.county_code, ref.id, input.programme);
        const bal = await sql<{ balance_fen: number }>`select balance_fen from ledger_accounts where county_code = ${ref.county_code} and id = ${acct}::uuid for update`.execute(trx).then((r) => Number(r.rows[0]!.balance_fen));
        const already = await trx.selectFrom('ledger_transactions').select('id').where('county_code', '=', ref.county_code).where('ref', '=', `order:${input.order_ref}`).executeTakeFirst();
        if (already) return { posted: false, balance_fen: bal };
        if (bal < input.amount_fen) throw conflict('INSUFFICIENT_BALANCE', `服务券余额不足：余额${(bal / 100).toFixed(2)}元，本次${(input.amount_fen / 100).toFixed(2)}元`);
        const provider = await providerAccount(trx, ref.county_code, org.id);
        await post(trx, ref.county_code, { kind: 'spend', ref: `order:${input.order_ref}`, on_date: input.on_date ?? clock.today(), description: input.description ?? `${org.name} 服务订单 ${input.order_ref}`, actor_id: actor.userId }, [[acct, -input.amount_fen, null], [provider, input.amount_fen, null]]);
        await audit.record(trx, actor, { action: 'accounts.spend', entityType: 'service_account', entityId: acct, regionCode: ref.region_code, details: { amount_fen: input.amount_fen, provider: org.id, order_ref: input.order_ref } });
        return { posted: true, balance_fen: bal - input.amount_fen };
      });
    },

    /**
     * Expiry: credits granted before `month − expiryMonths` and not spent (first in, first out)
     * move to the expired account. Idempotent per account and month.
     */
    async expire(actor: Actor, input: { region: string; month: string; expiry_months?: number }): Promise<{ accounts: number; expired_fen: number }> {
      requirePermission(actor, 'accounts:write');
      assertRegionInScope(actor, input.region);
      const cutoff = addMonths(input.month, -(input.expiry_months ?? DEFAULT_EXPIRY_MONTHS));
      return db.transaction().execute(async (trx) => {
        const rows = await sql<{ id: string; old_credits: number; debits: number; balance_fen: number }>`
          select a.id, a.balance_fen,
            coalesce(sum(e.amount_fen) filter (where e.amount_fen > 0 and e.credit_month < ${cutoff}), 0)::bigint as old_credits,
            coalesce(-sum(e.amount_fen) filter (where e.amount_fen < 0), 0)::bigint as debits
          from ledger_accounts a join ledger_entries e on e.county_code = a.county_code and e.account_id = a.id
          where a.county_code = ${input.region} and a.kind = 'person' group by a.id, a.balance_fen`.execute(trx);
        const sink = await systemAccount(trx, input.region, 'expired');
        let n = 0, total = 0;
        for (const r of rows.rows) {
          const amount = Math.min(Number(r.balance_fen), Number(r.old_credits) - Number(r.debits));
          if (amount <= 0) continue;
          if (await post(trx, input.region, { kind: 'expire', ref: `expire:${r.id}:${input.month}`, on_date: `${input.month}-01`, description: `${cutoff}前发放未使用，过期`, actor_id: actor.userId }, [[r.id, -amount, null], [sink, amount, null]])) {
            n += 1;
            total += amount;
          }
        }
        await audit.record(trx, actor, { action: 'accounts.expire', entityType: 'service_account', entityId: `${input.region}:${input.month}`, regionCode: input.region, details: { accounts: n, expired_fen: total, cutoff } });
        return { accounts: n, expired_fen: total };
      });
    },

    /**
     * People with a service account in the actor's scope (or a region inside it): name, masked ID
     * number, programme and balance; `q` matches part of the name. Not for a provider's staff.
     */
    async listHolders(actor: Actor, q: z.infer<typeof AccountHolderQuery>): Promise<{ items: AccountHolder[]; total: number }> {
      requirePermission(actor, 'accounts:read');
      // A provider's staff settle their own orders; the county's list of holders is not theirs to browse.
      if (await isProviderStaff(actor)) throw forbidden('PROVIDER_SCOPE', '服务商只能查看本机构的结算');
      const region = effectiveRegion(actor, q.region);
      // The accounts of the counties the region covers; who holds them (name, region) comes from
      // the registry's service, never its table, and is filtered here.
      let accounts = db
        .selectFrom('ledger_accounts')
        .select(['county_code', 'person_id', 'programme', 'balance_fen'])
        .where('kind', '=', 'person')
        .where('county_code', 'like', `${region.slice(0, 6).replace(/0+$/, '')}%`);
      if (q.programme) accounts = accounts.where('programme', '=', q.programme);
      const rows = await accounts.execute();
      const labels = await registry.labelsOf(rows.map((r) => ({ county_code: r.county_code, id: r.person_id! })));
      const needle = q.q?.trim();
      const items = rows
        .flatMap((r) => {
          const who = labels.get(r.person_id!);
          if (!who || !isInRegion(who.region_code, region) || (needle && !who.name.includes(needle))) return [];
          return [{ person_id: r.person_id!, name: who.name, id_number: who.id_number, region_code: who.region_code, programme: r.programme!, balance_fen: Number(r.balance_fen) }];
        })
        .sort((a, b) => a.region_code.localeCompare(b.region_code) || a.name.localeCompare(b.name, 'zh') || a.person_id.localeCompare(b.person_id) || a.programme.localeCompare(b.programme));
      return { items: items.slice((q.page - 1) * q.page_size, q.page * q.page_size), total: items.length };
    },

    /** A person's statement: every entry with the running balance. */
    async personStatement(actor: Actor, personId: string, programme?: string): Promise<{ balance_fen: number; lines: StatementLine[] }> {
      requirePermission(actor, 'accounts:read');
      const ref = await registry.getRef(actor, personId);
      // A provider's staff see the statement of the people they serve (an order paid to their
      // organisation), not of everyone in the county.
      if (await isProviderStaff(actor)) {
        const served = await sql<{ one: number }>`
          select 1 as one from ledger_accounts a join ledger_entries e on e.county_code = a.county_code and e.account_id = a.id
          join ledger_transactions t on t.county_code = e.county_code and t.id = e.transaction_id
          join ledger_entries pe on pe.county_code = t.county_code and pe.transaction_id = t.id
          join ledger_accounts pa on pa.county_code = pe.county_code and pa.id = pe.account_id
          where a.county_code = ${ref.county_code} and a.kind = 'person' and a.person_id = ${ref.id}::uuid
            and t.kind = 'spend' and pa.kind = 'provider' and pa.provider_org = ${actor.orgId}::uuid
          limit 1`.execute(db);
        if (served.rows.length === 0) throw forbidden('PROVIDER_SCOPE', '服务商只能查看本机构服务过的老人的服务券账户');
      }
      const rows = await sql<{ on_date: string; kind: StatementLine['kind']; description: string | null; amount_fen: number }>`
        select to_char(t.on_date, 'YYYY-MM-DD') as on_date, t.kind, t.description, e.amount_fen
        from ledger_accounts a join ledger_entries e on e.county_code = a.county_code and e.account_id = a.id
        join ledger_transactions t on t.county_code = e.county_code and t.id = e.transaction_id
        where a.county_code = ${ref.county_code} and a.kind = 'person' and a.person_id = ${ref.id}::uuid and (${programme ?? null}::text is null or a.programme = ${programme ?? null})
        order by t.on_date, t.created_at, t.id`.execute(db);
      let bal = 0;
      const lines = rows.rows.map((r) => ({ ...r, amount_fen: Number(r.amount_fen), balance_fen: (bal += Number(r.amount_fen)) }));
      return { balance_fen: bal, lines };
    },

    /** A provider's settlement for a month: orders paid from service accounts. */
    async providerSettlement(actor: Actor, orgId: string, month: string): Promise<{ provider: string; month: string; orders: number; total_fen: number; lines: Array<{ on_date: string; description: string | null; amount_fen: number }> }> {
      requirePermission(actor, 'accounts:read');
      const org = await orgs.findInternal(orgId);
      if (!org) throw notFound('ORG_NOT_FOUND', '服务机构不存在');
      assertRecordInScope(actor, org.region_code, '服务机构');
      // A provider's staff see their own organisation's settlement only; civil affairs staff in scope see every provider's.
      if (actor.orgId !== org.id && (await isProviderStaff(actor))) throw forbidden('PROVIDER_SCOPE', '只能查看本机构的结算');
      const rows = await sql<{ on_date: string; description: string | null; amount_fen: number }>`
        select to_char(t.on_date, 'YYYY-MM-DD') as on_date, t.description, e.amount_fen
        from ledger_accounts a join ledger_entries e on e.county_code = a.county_code and e.account_id = a.id
        join ledger_transactions t on t.county_code = e.county_code and t.id = e.transaction_id
        where a.kind = 'provider' and a.provider_org = ${orgId}::uuid and t.kind = 'spend' and to_char(t.on_date, 'YYYY-MM') = ${month}
        order by t.on_date, t.created_at, t.id`.execute(db);
      const lines = rows.rows.map((r) => ({ ...r, amount_fen: Number(r.amount_fen) }));
      return { provider: org.name, month, orders: lines.length, total_fen: lines.reduce((s, l) => s + l.amount_fen, 0), lines };
    },
    currentMonth: () => monthOf(clock.today()),
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
