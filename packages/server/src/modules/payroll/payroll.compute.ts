/**
 * Computing a cycle: enrolments × the pack's entitlement as of the month → payment lines, arrears
 * (补发) for back-dated enrolments, recovery (追回) for months paid after an enrolment ended (a
 * death reported late). The whole computation is one transaction on the locked cycle row: an
 * interrupted run rolls back and leaves the cycle `computing`, and the rerun starts from a clean
 * slate, so it equals an uninterrupted run. Lines are inserted set-based (unnest arrays) and the
 * database's unique index on live lines (county, person, programme, month) is the last guard
 * against paying twice.
 */
import { addMonths, enrolmentCovers, evaluationDate, monthAmount, monthRange, type EntitleFn, type MonthOutcome, type PersonFacts } from '@yiyang/core';
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database';
import { memoisedEntitle, type BenefitsService, type ProgrammeInfo } from '../benefits';
import type { RegistryService } from '../registry';

export const PAGE = 5000;
/** How far back arrears are paid (months). */
export const ARREARS_MONTHS = 24;

export interface ComputeHooks {
  /** Called after each persisted page (tests inject a crash here). */
  afterPage?: (page: number) => void | Promise<void>;
  /** Enrolments per page (default PAGE). */
  pageSize?: number;
}

export interface ComputeDeps {
  db: Db;
  registry: RegistryService;
  benefits: BenefitsService;
}

interface Pending {
  person: string[];
  region: string[];
  amount: number[];
  period: string[];
  kind: string[];
  reason: (string | null)[];
}
const emptyPending = (): Pending => ({ person: [], region: [], amount: [], period: [], kind: [], reason: [] });

async function insertLines(trx: Executor, county: string, cycleId: string, programme: string, p: Pending) {
  if (p.person.length === 0) return;
  await sql`insert into payment_lines (county_code, cycle_id, person_id, region_code, programme, period_month, kind, amount_fen, status, reason)
    select ${county}, ${cycleId}::uuid, t.person_id, t.region_code, ${programme}, t.period_month, t.kind, t.amount_fen, 'computed', t.reason
    from unnest(${p.person}::uuid[], ${p.region}::text[], ${p.period}::text[], ${p.kind}::text[], ${p.amount}::bigint[], ${p.reason}::text[])
      as t(person_id, region_code, period_month, kind, amount_fen, reason)
    on conflict do nothing`.execute(trx);
}

async function insertSkips(trx: Executor, county: string, cycleId: string, s: { person: string[]; code: string[]; reason: string[] }) {
  if (s.person.length === 0) return;
  await sql`insert into payroll_skips (county_code, cycle_id, person_id, code, reason)
    select ${county}, ${cycleId}::uuid, t.p, t.c, t.r from unnest(${s.person}::uuid[], ${s.code}::text[], ${s.reason}::text[]) as t(p, c, r)
    on conflict do nothing`.execute(trx);
}

/** One month's outcome for a person, reading facts on the right date. */
async function outcomeFor(ex: Executor, d: ComputeDeps, p: ProgrammeInfo, entitle: EntitleFn, month: string, e: { start_month: string; end_month: string | null; suspensions: Array<{ from_month: string; to_month: string | null }> }, ref: { county_code: string; id: string; birth_date: string | null; sex: 'male' | 'female' | null; death_date: string | null }, factsAtRef: PersonFacts | null): Promise<MonthOutcome> {
  const on = evaluationDate(p.start_rule, month, ref.death_date);
  const facts = factsAtRef && on === evaluationDate(p.start_rule, month, null) ? factsAtRef : await d.registry.factsAsOf(ref, on, { ex });
  return monthAmount({ programme: p.code, rule: p.start_rule, month, enrolment: e, death_date: ref.death_date, facts, entitle });
}

export async function computeCycle(d: ComputeDeps, cycleId: string, hooks: ComputeHooks = {}): Promise<{ computed: boolean }> {
  // The catalogue in force is read before the transaction (it reads its own tables through its
  // service, which on PGlite must not wait for the transaction's connection).
  const head = await sql<{ county_code: string; programme: string; month: string; status: string }>`
    select county_code, programme, month, status from payroll_cycles where id = ${cycleId}::uuid`.execute(d.db).then((r) => r.rows[0]);
  if (!head || head.status !== 'computing') return { computed: false };
  const { cat, p } = await d.benefits.programmeOf(head.county_code, head.programme, `${head.month}-01`);
  return d.db.transaction().execute(async (trx) => {
    const c = await sql<{ county_code: string; programme: string; month: string; status: string }>`
      select county_code, programme, month, status from payroll_cycles where id = ${cycleId}::uuid for update`.execute(trx).then((r) => r.rows[0]);
    if (!c || c.status !== 'computing') return { computed: false };
    const county = c.county_code;
    const month = c.month;
    await sql`delete from payroll_skips where county_code = ${county} and cycle_id = ${cycleId}::uuid`.execute(trx);
    await sql`delete from payment_adjustments where county_code = ${county} and cycle_id = ${cycleId}::uuid`.execute(trx);
    await sql`delete from payment_lines where county_code = ${county} and cycle_id = ${cycleId}::uuid`.execute(trx);

    const entitle = memoisedEntitle(cat);
    const refDate = evaluationDate(p.start_rule, month, null);
    const repo = d.benefits.repo;

    // 1. regular lines, page by page (keyset on person id)
    let after: string | null = null;
    let page = 0;
    const size = hooks.pageSize ?? PAGE;
    for (;;) {
      const rows = await repo.cycleEnrolments(county, c.programme, month, after, size, trx);
      if (rows.length === 0) break;
      const people = await d.registry.factsAsOfMany(county, rows.map((r) => r.person_id), refDate, { ex: trx });
      const lines = emptyPending();
      const skips = { person: [] as string[], code: [] as string[], reason: [] as string[] };
      for (const e of rows) {
        const hit = people.get(e.person_id);
        const out: MonthOutcome = hit
          ? await outcomeFor(trx, d, p, entitle, month, e, hit.ref, hit.facts)
          : { pay: false, code: 'NOT_ELIGIBLE', reason: '档案不存在', evaluated_on: null };
        if (out.pay) {
          lines.person.push(e.person_id); lines.region.push(e.region_code); lines.amount.push(out.amount_fen);
          lines.period.push(month); lines.kind.push('regular'); lines.reason.push(null);
        } else {
          skips.person.push(e.person_id); skips.code.push(out.code); skips.reason.push(out.reason);
        }
      }
      await insertLines(trx, county, cycleId, c.programme, lines);
      await insertSkips(trx, county, cycleId, skips);
      page += 1;
      await hooks.afterPage?.(page);
      after = rows[rows.length - 1]!.person_id;
      if (rows.length < size) break;
    }

    // 2. arrears (补发): back-dated enrolments, months whose own cycle was already approved
    const back = await repo.backdatedEnrolments(county, c.programme, month, trx);
    if (back.length > 0) {
      const from = addMonths(month, -ARREARS_MONTHS);
      const closedMonths = new Set((await sql<{ month: string }>`
        select month from payroll_cycles where county_code = ${county} and programme = ${c.programme} and month >= ${from} and month < ${month}
          and status in ('approved','exported','returned','closed')`.execute(trx)).rows.map((r) => r.month));
      const paid = new Set((await sql<{ k: string }>`
        select person_id || '|' || period_month as k from payment_lines
        where county_code = ${county} and programme = ${c.programme} and person_id = any(${back.map((b) => b.person_id)}::uuid[]) and status <> 'failed'`.execute(trx)).rows.map((r) => r.k));
      const people = await d.registry.factsAsOfMany(county, back.map((b) => b.person_id), refDate, { ex: trx });
      const lines = emptyPending();
      for (const e of back) {
        const hit = people.get(e.person_id);
        if (!hit) continue;
        const start = e.start_month > from ? e.start_month : from;
        for (const m of monthRange(start, addMonths(month, -1))) {
          if (!closedMonths.has(m) || paid.has(`${e.person_id}|${m}`) || !enrolmentCovers(e, m)) continue;
          const out = await outcomeFor(trx, d, p, entitle, m, e, hit.ref, null);
          if (!out.pay) continue;
          lines.person.push(e.person_id); lines.region.push(e.region_code); lines.amount.push(out.amount_fen);
          lines.period.push(m); lines.kind.push('arrears'); lines.reason.push(`补发${m}`);
        }
      }
      await insertLines(trx, county, cycleId, c.programme, lines);
    }

    // 3. recovery (追回): money sent for months after the enrolment ended (e.g. death reported late)
    const ended = await repo.endedEnrolments(county, c.programme, trx);
    if (ended.length > 0) {
      await sql`insert into payment_adjustments (county_code, cycle_id, person_id, programme, period_month, kind, amount_fen, line_id, reason)
        select l.county_code, ${cycleId}::uuid, l.person_id, l.programme, l.period_month, 'recovery', -l.amount_fen, l.id,
               '追回：' || l.period_month || ' 已发放，但享受已于 ' || e.end_month || ' 终止（' || e.end_reason || '）'
        from unnest(${ended.map((x) => x.person_id)}::uuid[], ${ended.map((x) => x.end_month)}::text[], ${ended.map((x) => x.end_reason)}::text[]) as e(person_id, end_month, end_reason)
        join payment_lines l on l.county_code = ${county} and l.person_id = e.person_id and l.programme = ${c.programme}
        where l.period_month > e.end_month and l.status in ('approved','exported','paid') and l.cycle_id <> ${cycleId}::uuid
        on conflict do nothing`.execute(trx);
    }

    const totals = await sql<{ n: number; total: number }>`
      select count(*)::int as n, coalesce(sum(amount_fen), 0)::bigint as total from payment_lines
      where county_code = ${county} and cycle_id = ${cycleId}::uuid`.execute(trx).then((r) => r.rows[0]!);
    await sql`update payroll_cycles set status = 'computed', payment_count = ${totals.n}, total_fen = ${totals.total}, computed_at = now(), version = version + 1
      where county_code = ${county} and id = ${cycleId}::uuid`.execute(trx);
    return { computed: true };
  });
}
