/**
 * Demo data of service accounts (养老服务券): for each seed locality, every service_credit
 * programme of its catalogue is credited for the previous and the current month to the people the
 * benefits demo enrolled (a month before someone's enrolment starts is skipped, as in any credit
 * run), then a few service orders are paid from those accounts to the locality's demo service
 * provider (so the statements and the provider's settlement have lines).
 *
 * Amounts come only from the catalogue: where the seeds leave the programme's amount unset (all
 * three seed packs with a service_credit item: 长治, 兰溪, 田家庵 — `service_subsidy` is
 * `null`), the credit run skips everyone as blocked and no account is opened; the demo does not
 * invent a rate. Once a locality publishes the amount (catalogue draft → approval → publication),
 * this seeder or `POST /api/v1/accounts/credits` credits it.
 * Idempotent: credits are keyed by person, programme and month, orders by their reference.
 */
import { addMonths, monthOf } from '@yiyang/core';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { systemActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { BenefitsService } from '../benefits';
import type { OrgService } from '../orgs';
import type { AccountsService } from './accounts.service';

/** The part of the application context the seeder uses (structural: no import of app-context). */
export interface AccountsDemoHost {
  db: Db;
  clock: Clock;
  services: { accounts: AccountsService; benefits: Pick<BenefitsService, 'catalogueIfPublished'>; orgs: Pick<OrgService, 'ensure'> };
}

/** Service orders paid per programme and locality (fen); each is capped at the account's balance. */
export const DEMO_ORDER_AMOUNTS = [3000, 4500, 6000, 2500, 8000, 3500, 5000, 4000] as const;
const DEMO_SERVICES = ['助餐服务', '助洁服务', '助浴服务', '上门护理', '康复理疗', '助医陪诊', '助行服务', '代购代办'] as const;

export interface AccountsDemoResult {
  county: string;
  programme: string;
  credited: number;
  /** People skipped by the credit runs, by reason (e.g. the amount unset in the catalogue). */
  skipped: number;
  orders: number;
}

export async function seedAccountsDemo(
  ctx: AccountsDemoHost,
  world: { streets: Map<string, string[]>; orgs: Map<string, { id: string; region_code: string; name: string }> },
): Promise<AccountsDemoResult[]> {
  const actor = systemActor('demo');
  const { accounts, benefits, orgs } = ctx.services;
  const today = ctx.clock.today();
  const month = monthOf(today);
  const months = [addMonths(month, -1), month];
  const out: AccountsDemoResult[] = [];
  for (const [key, streets] of world.streets) {
    const county = streets[0]?.slice(0, 6);
    if (!county) continue;
    const cat = await benefits.catalogueIfPublished(county, today);
    if (!cat) continue; // no list published for this locality
    for (const p of cat.programmes.filter((x) => x.benefit_kind === 'service_credit')) {
      const r: AccountsDemoResult = { county, programme: p.code, credited: 0, skipped: 0, orders: 0 };
      out.push(r);
      for (const m of months) {
        const c = await accounts.creditMonth(actor, { region: county, programme: p.code, month: m });
        r.credited += c.credited;
        r.skipped += c.skipped.length;
      }
      const holders = await sql<{ person_id: string; balance_fen: number }>`
        select person_id, balance_fen from ledger_accounts
        where county_code = ${county} and kind = 'person' and programme = ${p.code} and balance_fen > 0
        order by person_id limit ${DEMO_ORDER_AMOUNTS.length}`.execute(ctx.db);
      if (holders.rows.length === 0) continue; // amount unset in the catalogue, or nobody enrolled
      const provider = world.orgs.get(`${key}-provider`) ?? (await orgs.ensure(actor, { name: `${county}颐康居家养老服务中心`, type: 'service_provider', region_code: county, parent_id: null }));
      for (const [i, h] of holders.rows.entries()) {
        const amount = Math.min(DEMO_ORDER_AMOUNTS[i]!, Number(h.balance_fen));
        // Orders alternate between last month and the first of this month (never after today).
        const on_date = i % 2 === 0 ? `${months[0]}-${String(5 + i).padStart(2, '0')}` : `${month}-01`;
        const s = await accounts.spend(actor, {
          person_id: h.person_id, programme: p.code, provider_org: provider.id, amount_fen: amount,
          order_ref: `DEMO-${county}-${p.code}-${i + 1}`, on_date, description: `${provider.name} ${DEMO_SERVICES[i]}（演示订单${i + 1}）`,
        });
        if (s.posted) r.orders += 1;
      }
    }
  }
  return out;
}
