/**
 * A cycle interrupted mid-computation restarts to the same result (issue #6 "never pay twice"):
 *  - an injected crash after a persisted page (both databases): nothing of the run survives, the
 *    cycle stays `computing`, and the rerun equals an uninterrupted run;
 *  - on PostgreSQL, a child process computing the cycle is killed with SIGKILL mid-transaction,
 *    then the job resumes it in this process to the same lines.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, fixedClock, testDbKind, type TestContext } from '../../../test/harness';
import { lanxiPerson } from '../../../test/payroll-fixtures';

const clock = fixedClock(new Date('2025-06-10T02:00:00Z'));

async function snapshot(t: TestContext, cycleId: string) {
  const lines = await sql<{ person_id: string; period_month: string; kind: string; amount_fen: number }>`
    select person_id, period_month, kind, amount_fen from payment_lines where cycle_id = ${cycleId}::uuid order by person_id, period_month`.execute(t.ctx.db);
  const skips = await sql<{ person_id: string; code: string }>`select person_id, code from payroll_skips where cycle_id = ${cycleId}::uuid order by person_id`.execute(t.ctx.db);
  const c = await sql<{ status: string; payment_count: number; total_fen: number }>`select status, payment_count, total_fen from payroll_cycles where id = ${cycleId}::uuid`.execute(t.ctx.db);
  return { cycle: c.rows[0], lines: lines.rows, skips: skips.rows };
}

async function newComputingCycle(t: TestContext, month: string): Promise<string> {
  const r = await sql<{ id: string }>`insert into payroll_cycles (county_code, programme, month, status) values ('330781', 'LX-07', ${month}, 'computing') returning id`.execute(t.ctx.db);
  return r.rows[0]!.id;
}

async function resetToComputing(t: TestContext, id: string) {
  await sql`delete from payroll_skips where cycle_id = ${id}::uuid`.execute(t.ctx.db);
  await sql`delete from payment_lines where cycle_id = ${id}::uuid`.execute(t.ctx.db);
  await sql`update payroll_cycles set status = 'computing', payment_count = 0, total_fen = 0 where id = ${id}::uuid`.execute(t.ctx.db);
}

describe('interrupted cycle computation', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
    const births = ['1930-01-01', '1940-05-05', '1944-12-31', '1945-05-31', '1945-06-01', '1925-05-31', '1925-06-01', '1935-07-07'];
    for (let i = 0; i < 24; i++) {
      const p = await lanxiPerson(t.ctx, t.system, births[i % births.length]!);
      // enrol directly (the crash test is about computation; the pack still decides each month's amount)
      await t.ctx.db.insertInto('enrolments').values({ county_code: p.county_code, person_id: p.id, region_code: p.region_code, programme: 'LX-07', benefit_kind: 'cash', start_month: '2025-01', end_month: null, status: 'active', end_reason: null, source: 'auto', application_id: null, confirmed_by: null }).execute();
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it('an injected crash after page 2 leaves nothing behind; the rerun equals an uninterrupted run', { timeout: 240_000 }, async () => {
    const id = await newComputingCycle(t, '2025-06');
    await expect(t.ctx.services.payroll.resume(id, { pageSize: 5, afterPage: (p) => { if (p === 2) throw new Error('injected crash'); } })).rejects.toThrow('injected crash');
    const after = await snapshot(t, id);
    expect(after.cycle).toMatchObject({ status: 'computing', payment_count: 0 });
    expect(after.lines).toEqual([]);
    await t.ctx.services.payroll.resume(id, { pageSize: 5 });
    const rerun = await snapshot(t, id);
    await resetToComputing(t, id);
    await t.ctx.services.payroll.resume(id, { pageSize: 1000 });
    const uninterrupted = await snapshot(t, id);
    expect(rerun).toEqual(uninterrupted);
    expect(uninterrupted.cycle!.status).toBe('computed');
    // 1925-05-31 is 100 on 05-31 (LX-07A, not LX-07); 1925-06-01 is 99; 1945-06-01 is 79 on 05-31
    expect(uninterrupted.lines.length).toBe(18);
    expect(uninterrupted.skips.length).toBe(6);
    // a second resume of a computed cycle changes nothing
    expect(await t.ctx.services.payroll.resume(id)).toEqual({ computed: false });
    expect(await snapshot(t, id)).toEqual(uninterrupted);
  });

  it.skipIf(testDbKind() !== 'postgres')('a child process killed mid-computation (SIGKILL) is resumed by the job to the same result', async () => {
    const id = await newComputingCycle(t, '2025-05');
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0]!.s;
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../../test/payroll-crash-child.ts', import.meta.url)), process.env.TEST_DATABASE_URL!, schema, id, '4', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal, out).toBe('SIGKILL');
    const killed = await snapshot(t, id);
    expect(killed.cycle).toMatchObject({ status: 'computing' });
    expect(killed.lines).toEqual([]);
    await t.ctx.services.payroll.resume(id); // what the payroll.compute job does on restart
    const resumed = await snapshot(t, id);
    await resetToComputing(t, id);
    await t.ctx.services.payroll.resume(id, { pageSize: 1000 });
    expect(resumed).toEqual(await snapshot(t, id));
    expect(resumed.lines.length).toBeGreaterThan(0);
  }, 60_000);
});
