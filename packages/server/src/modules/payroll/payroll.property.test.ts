/**
 * Target 22 as a property (fast-check): over random rosters (births around the 80/100 boundaries,
 * deaths around month ends), concurrent and repeated cycle requests, recomputations, duplicate
 * bank-return imports with random failures, and repeated re-issues, the amount paid per person
 * per month never exceeds the entitlement of the rule table (002 附件 第7项: 80–99周岁 60元/月
 * from the month after the 80th birthday, paid through the month of death), a person-month is
 * never paid twice, and there is one cycle per county, programme and month.
 */
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { addMonths, ageOn, lastDayOfMonth } from '@yiyang/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, createTestContext, createUser, fixedClock, type TestContext } from '../../../test/harness';
import { lanxiPerson } from '../../../test/payroll-fixtures';
import type { Actor } from '../../platform/actor';

const clock = fixedClock(new Date('2025-06-10T02:00:00Z'));

/** The oracle: LX-07 entitlement in fen for a person and month, straight from the seed's rule. */
function entitlement(birth: string, death: string | null, month: string): number {
  if (death !== null && death < `${month}-01`) return 0;
  const age = ageOn(birth, lastDayOfMonth(addMonths(month, -1)));
  return age >= 80 && age <= 99 ? 6000 : 0;
}

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

type Op =
  | { op: 'create'; parallel: number; next: boolean }
  | { op: 'recompute' }
  | { op: 'approve' }
  | { op: 'export' }
  | { op: 'return'; fail: boolean[]; twice: boolean }
  | { op: 'reissue'; times: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), parallel: fc.integer({ min: 1, max: 4 }), next: fc.boolean() }),
  fc.constant({ op: 'recompute' as const }),
  fc.constant({ op: 'approve' as const }),
  fc.constant({ op: 'export' as const }),
  fc.record({ op: fc.constant('return' as const), fail: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), twice: fc.boolean() }),
  fc.record({ op: fc.constant('reissue' as const), times: fc.integer({ min: 1, max: 3 }) }),
);

const birthArb = fc.oneof(
  fc.constantFrom('1945-06-30', '1945-07-01', '1945-06-01', '1925-06-01', '1925-05-31', '1926-01-31', '1940-02-29'),
  fc.integer({ min: 0, max: 365 * 30 }).map((d) => new Date(Date.UTC(1922, 0, 1) + d * 86400_000).toISOString().slice(0, 10)),
);
const deathArb = fc.option(fc.constantFrom('2025-05-31', '2025-06-01', '2025-06-30', '2025-07-01', '2025-07-31', '2025-08-01'), { nil: null });

describe('never pay twice (property)', () => {
  let t: TestContext;
  let preparer: Actor, checker: Actor;
  let run = 0;
  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
    preparer = await actorFor(t, (await createUser(t, { username: 'maker', role: 'county_staff', region: '330781' })).id);
    checker = await actorFor(t, (await createUser(t, { username: 'checker', role: 'finance_reviewer', region: '330781' })).id);
  }, 120_000);
  afterAll(async () => t?.close());

  it('paid per person per month ≤ entitlement; one success per person-month; one cycle per month', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ birth: birthArb, death: deathArb }), { minLength: 1, maxLength: 6 }), fc.array(opArb, { minLength: 3, maxLength: 12 }), async (roster, ops) => {
        // each run has its own two months (clock-independent past months), people and cycles
        const month = '2025-06';
        const base = addMonths('2023-01', (run % 14) * 2); // Lanxi's amounts are set from 2023-01
        run += 1;
        const shift = (m: string) => addMonths(base, Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - (2025 * 12 + 6));
        const people: Array<{ id: string; birth: string; death: string | null }> = [];
        for (const r of roster) {
          // dates are shifted with the run's months so each run sees the same calendar shape
          const monthsOff = (Number(base.slice(0, 4)) * 12 + Number(base.slice(5, 7))) - (2025 * 12 + 6);
          const birth = shiftDate(r.birth, monthsOff);
          const death = r.death ? shiftDate(r.death, monthsOff) : null;
          const p = await lanxiPerson(t.ctx, t.system, birth);
          if (death) await t.ctx.services.registry.recordEvent(t.system, p.id, { type: 'death', effective_date: death } as never);
          await t.ctx.db.insertInto('enrolments').values({ county_code: p.county_code, person_id: p.id, region_code: p.region_code, programme: 'LX-07', benefit_kind: 'cash', start_month: shift(month), end_month: null, status: 'active', end_reason: null, source: 'auto', application_id: null, confirmed_by: null }).execute();
          people.push({ id: p.id, birth, death });
        }
        const months = [shift(month), shift(addMonths(month, 1))];
        let current: string | null = null;
        const ignore = async (p: Promise<unknown>) => p.catch(() => undefined);
        for (const o of ops) {
          if (o.op === 'create') {
            const m: string = o.next && current ? months[1]! : months[0]!;
            const rs: Array<{ id: string }> = await Promise.all(Array.from({ length: o.parallel }, () => t.ctx.services.payroll.createCycle(preparer, { region: '330781', programme: 'LX-07', month: m })));
            expect(new Set(rs.map((r) => r.id)).size).toBe(1);
            current = rs[0]!.id;
          } else if (!current) continue;
          else if (o.op === 'recompute') await ignore(t.ctx.services.payroll.recompute(preparer, current));
          else if (o.op === 'approve') await ignore(t.ctx.services.payroll.approve(checker, current));
          else if (o.op === 'export') await ignore(t.ctx.services.payroll.exportRoster(preparer, current, sink()));
          else if (o.op === 'return') {
            const lines = await sql<{ id: number }>`select id from payment_lines where cycle_id = ${current}::uuid and status = 'exported' order by id`.execute(t.ctx.db);
            const csv = `行号,结果,失败原因\n${lines.rows.map((l, i) => `${l.id},${o.fail[i % o.fail.length] ? '失败,账号不符' : '成功,'}`).join('\n')}\n`;
            for (let k = 0; k < (o.twice ? 2 : 1); k++) await ignore(t.ctx.services.payroll.importReturn(preparer, current, Readable.from([Buffer.from(csv)]), 'text/csv'));
          } else if (o.op === 'reissue') {
            await Promise.all(Array.from({ length: o.times }, () => ignore(t.ctx.services.payroll.reissue(preparer, current!))));
          }
        }
        for (const p of people) {
          for (const m of months) {
            const r = await sql<{ live: number; paid: number; paid_n: number }>`
              select coalesce(sum(amount_fen) filter (where status <> 'failed'), 0)::int as live,
                     coalesce(sum(amount_fen) filter (where status = 'paid'), 0)::int as paid,
                     count(*) filter (where status = 'paid')::int as paid_n
              from payment_lines where person_id = ${p.id}::uuid and programme = 'LX-07' and period_month = ${m}`.execute(t.ctx.db);
            const row = r.rows[0]!;
            const ent = entitlement(p.birth, p.death, m);
            expect(row.live, `${p.birth} ${p.death} ${m}`).toBeLessThanOrEqual(ent);
            expect(row.paid).toBeLessThanOrEqual(ent);
            expect(row.paid_n).toBeLessThanOrEqual(1);
          }
        }
        for (const m of months) {
          const n = await sql<{ n: number }>`select count(*)::int as n from payroll_cycles where county_code = '330781' and programme = 'LX-07' and month = ${m}`.execute(t.ctx.db);
          expect(n.rows[0]!.n).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 12 },
    );
  }, 600_000);
});

function shiftDate(d: string, months: number): string {
  const y = Number(d.slice(0, 4)), m = Number(d.slice(5, 7)), day = Number(d.slice(8, 10));
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12), nm = (idx % 12) + 1;
  const dim = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(day, dim)).padStart(2, '0')}`;
}
