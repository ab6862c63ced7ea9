/**
 * Payroll for 1,000,000 enrolments (issue #6): compute + persist one monthly cycle of 兰溪 高龄津贴
 * (LX-07) through the real service (`payroll.resume`: enrolments × facts as of the month × the
 * published catalogue's compiled rules → payment lines, one transaction), and stream the bank roster
 * XLSX of the 1,000,000 lines (payee ID and account decrypted per row). Limit for compute: a plain
 * COPY of 1,000,000 narrow rows (5 columns like a payment line) into an empty table. PostgreSQL
 * (BENCH_DATABASE_URL) and PGlite (data directory). Each measured run is a child process (peak RSS
 * = its maxRSS). Medians of BENCH_RUNS runs (default 3).
 *
 *   node --import tsx bench/payroll.ts            # BENCH_ROWS=1000000 BENCH_RUNS=3 BENCH_DB=postgres,pglite
 */
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pino from 'pino';
import { createAppContext, type AppContext } from '../packages/server/src/app-context';
import { bootstrap } from '../packages/server/src/bootstrap';
import { loadConfig } from '../packages/server/src/config';
import { keysFromMaster } from '../packages/server/src/crypto/keys';
import { openDatabase } from '../packages/server/src/db/client';
import { systemActor } from '../packages/server/src/platform/actor';
import { machine, median, peakRssMb, PG_URL, runPhase } from './support/bench-context';

const SCRIPT = fileURLToPath(import.meta.url);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DBS = (process.env.BENCH_DB ?? 'postgres,pglite').split(',') as Array<'postgres' | 'pglite'>;
const MONTH = '2025-06';
const phase = process.argv.find((a) => a.startsWith('--phase='))?.slice(8);

async function open(kind: 'postgres' | 'pglite', where: string): Promise<AppContext> {
  const config = loadConfig({ YIYANG_DATA_DIR: '/tmp/yiyang-bench-unused', YIYANG_ADMIN_PASSWORD: 'Root-Passw0rd!', YIYANG_DEMO: 'false', YIYANG_JOBS: 'false', LOG_LEVEL: 'silent' });
  if (kind === 'postgres') {
    const admin = await openDatabase({ kind: 'postgres', url: PG_URL, poolSize: 1 });
    await sql`create schema if not exists ${sql.id(where)}`.execute(admin.db);
    await admin.close();
  }
  const handle = kind === 'postgres' ? await openDatabase({ kind: 'postgres', url: PG_URL, schema: where, poolSize: 4 }) : await openDatabase({ kind: 'pglite', dataDir: where });
  const ctx = await createAppContext({ config, dbHandle: handle, keys: keysFromMaster(Buffer.alloc(32, 7), 'ephemeral'), log: pino({ level: 'silent' }) });
  await bootstrap(ctx, { demo: false });
  return ctx;
}

/** 1M persons (ages 70–100), their 兰溪 hukou fact since 2000, payees and LX-07 enrolments, set-based. */
async function setup(ctx: AppContext) {
  await ctx.services.regions.load(systemActor('bench'), ['330781']);
  const idEnc = ctx.services.fieldCrypto.encrypt('330781194006150021');
  const acctEnc = ctx.services.fieldCrypto.encrypt('6228480012345678901');
  const db = ctx.db;
  await sql`insert into persons (county_code, id, region_code, id_type, id_number_enc, id_number_hmac, id_number_masked, name, sex, birth_date)
    select '330781', md5('p' || g)::uuid, '330781001001', 'resident', ${idEnc}, md5('h' || g), '330781********0021', '测试' || g, 'female',
           date '1925-01-01' + ((g::bigint * 7919) % 10950)::int
    from generate_series(1, ${ROWS}) g`.execute(db);
  await sql`insert into person_facts (county_code, person_id, fact, value, valid_from, source_type)
    select '330781', md5('p' || g)::uuid, 'hukou_region', '"330781001001"'::jsonb, date '2000-01-01', 'import' from generate_series(1, ${ROWS}) g`.execute(db);
  await sql`insert into benefit_payees (county_code, person_id, name, id_number_enc, id_number_masked, bank, account_enc, account_masked)
    select '330781', md5('p' || g)::uuid, '测试' || g, ${idEnc}, '330781********0021', '农业银行', ${acctEnc}, '6228********8901' from generate_series(1, ${ROWS}) g`.execute(db);
  await sql`insert into enrolments (county_code, person_id, region_code, programme, benefit_kind, start_month, status, source)
    select '330781', md5('p' || g)::uuid, '330781001001', 'LX-07', 'cash', '2025-01', 'active', 'auto' from generate_series(1, ${ROWS}) g`.execute(db);
  await sql`analyze`.execute(db);
  const c = await sql<{ id: string }>`insert into payroll_cycles (county_code, programme, month, status) values ('330781', 'LX-07', ${MONTH}, 'computing') returning id`.execute(db);
  return c.rows[0]!.id;
}

async function cycleId(ctx: AppContext): Promise<string> {
  return (await sql<{ id: string }>`select id from payroll_cycles where programme = 'LX-07' and month = ${MONTH}`.execute(ctx.db)).rows[0]!.id;
}

async function runChild(kind: 'postgres' | 'pglite', where: string, what: string) {
  const ctx = await open(kind, where);
  const id = await cycleId(ctx);
  let out: Record<string, number | string> = {};
  if (what === 'compute') {
    await sql`delete from payroll_skips where cycle_id = ${id}::uuid`.execute(ctx.db);
    await sql`delete from payment_lines where cycle_id = ${id}::uuid`.execute(ctx.db);
    await sql`update payroll_cycles set status = 'computing', payment_count = 0, total_fen = 0 where id = ${id}::uuid`.execute(ctx.db);
    const t0 = performance.now();
    await ctx.services.payroll.resume(id);
    const ms = performance.now() - t0;
    const c = (await sql<{ payment_count: number; total_fen: number }>`select payment_count, total_fen from payroll_cycles where id = ${id}::uuid`.execute(ctx.db)).rows[0]!;
    out = { ms, lines: c.payment_count, total_fen: Number(c.total_fen) };
  } else if (what === 'export') {
    await sql`update payment_lines set status = 'approved' where cycle_id = ${id}::uuid`.execute(ctx.db);
    await sql`update payroll_cycles set status = 'approved', content_hash = null, prepared_by = null where id = ${id}::uuid`.execute(ctx.db);
    const file = join(tmpdir(), `yiyang-roster-${process.pid}.xlsx`);
    const t0 = performance.now();
    const stream = createWriteStream(file);
    await ctx.services.payroll.exportRoster(systemActor('bench'), id, stream);
    await new Promise((r) => stream.end(r));
    const ms = performance.now() - t0;
    out = { ms, bytes: statSync(file).size };
    rmSync(file, { force: true });
  } else if (what === 'copy') {
    await sql`drop table if exists copy_limit`.execute(ctx.db);
    await sql`create table copy_limit (county_code char(6), person_id uuid, period_month char(7), amount_fen bigint, status text)`.execute(ctx.db);
    const csv = join(tmpdir(), `yiyang-copy-${process.pid}.csv`);
    const lines: string[] = [];
    for (let i = 0; i < ROWS; i++) lines.push(`330781,${'00000000-0000-4000-8000-' + String(i).padStart(12, '0')},${MONTH},6000,computed`);
    writeFileSync(csv, lines.join('\n') + '\n');
    const t0 = performance.now();
    if (kind === 'postgres') {
      const r = spawnSync('psql', [PG_URL, '-v', 'ON_ERROR_STOP=1', '-c', `set search_path=${where}`, '-c', `\\copy copy_limit from '${csv}' with (format csv)`], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
    } else {
      const { readFileSync } = await import('node:fs');
      await ctx.dbHandle.pglite!.query(`copy copy_limit from '/dev/blob' with (format csv)`, [], { blob: new Blob([readFileSync(csv)]) });
    }
    out = { ms: performance.now() - t0 };
    rmSync(csv, { force: true });
  }
  await ctx.close();
  process.stdout.write(`${JSON.stringify({ ...out, rss_mb: peakRssMb() })}\n`);
}

async function main() {
  const report: string[] = [];
  const say = (s: string) => {
    report.push(s);
    process.stdout.write(`${s}\n`);
  };
  say(`# bench/payroll — ${new Date().toISOString().slice(0, 10)}\n`);
  say(`Machine: ${machine()}\n`);
  say(`Method: ${ROWS.toLocaleString('en')} persons (born 1925–1954: ages 70–100, so about two thirds are entitled in the month; 兰溪 hukou since 2000), payees and LX-07 enrolments loaded set-based; one cycle (330781, LX-07, ${MONTH}). compute = \`payroll.resume\` (the job path: keyset pages of 5,000 enrolments, bulk facts reader, compiled pack with memoised entitlements, unnest inserts, skips with reasons, arrears/recovery queries, totals — one transaction). export = \`payroll.exportRoster\` streaming XLSX to a file (ID and account decrypted per row). COPY limit = psql \\copy (PostgreSQL) / COPY FROM '/dev/blob' (PGlite) of ${ROWS.toLocaleString('en')} rows × 5 narrow columns into an empty table. Each run in its own process; medians of ${RUNS}.\n`);
  say('| database | compute+persist (median) | lines | COPY limit (median) | compute / COPY | roster export (median) | XLSX size | peak RSS compute / export |');
  say('|---|---|---|---|---|---|---|---|');
  for (const kind of DBS) {
    const where = kind === 'postgres' ? `bench_payroll_${process.pid}` : mkdtempSync(join(tmpdir(), 'yiyang-bench-payroll-'));
    const ctx = await open(kind, where);
    const t0 = performance.now();
    await setup(ctx);
    await ctx.close();
    process.stdout.write(`  ${kind}: setup ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    const compute: Array<Record<string, number | string>> = [], exp: Array<Record<string, number | string>> = [], copy: Array<Record<string, number | string>> = [];
    for (let i = 0; i < RUNS; i++) {
      compute.push(runPhase(SCRIPT, `compute:${kind}:${where}`));
      exp.push(runPhase(SCRIPT, `export:${kind}:${where}`));
      copy.push(runPhase(SCRIPT, `copy:${kind}:${where}`));
      process.stdout.write(`  ${kind} run ${i + 1}: compute ${JSON.stringify(compute[i])} export ${JSON.stringify(exp[i])} copy ${JSON.stringify(copy[i])}\n`);
    }
    const m = (xs: Array<Record<string, number | string>>, k = 'ms') => median(xs.map((x) => Number(x[k])));
    const c = m(compute), e = m(exp), cp = m(copy);
    say(`| ${kind} | ${(c / 1000).toFixed(2)} s | ${compute[0]!.lines} | ${(cp / 1000).toFixed(2)} s | ${(c / cp).toFixed(1)}× | ${(e / 1000).toFixed(2)} s | ${(Number(exp[0]!.bytes) / 2 ** 20).toFixed(0)} MiB | ${m(compute, 'rss_mb')} / ${m(exp, 'rss_mb')} MiB |`);
    if (process.env.BENCH_KEEP) process.stdout.write(`  kept ${where}\n`);
    else if (kind === 'postgres') {
      const a = await openDatabase({ kind: 'postgres', url: PG_URL, poolSize: 1 });
      await sql`drop schema if exists ${sql.id(where)} cascade`.execute(a.db);
      await a.close();
    } else rmSync(where, { recursive: true, force: true });
  }
  say('\nTargets: compute+persist ≤ 10 s on PostgreSQL, roster export ≤ 30 s, peak RSS < 1 GiB.');
  writeFileSync(fileURLToPath(new URL('./results/payroll.md', import.meta.url)), report.join('\n') + '\n');
}

if (phase) {
  const [what, kind, ...rest] = phase.split(':');
  await runChild(kind as 'postgres' | 'pglite', rest.join(':'), what!);
  process.exit(0);
} else {
  await main();
  process.exit(0);
}
