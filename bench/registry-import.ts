/**
 * Import of a department CSV of N persons (generator output, population template) end to end —
 * parse, validate, encrypt, upsert, provenance, tags — into PostgreSQL and into PGlite, beside a
 * plain COPY of the same rows (already encrypted) into the same table as the limit.
 *
 *   node --import tsx bench/registry-import.ts            # 1,000,000 rows, 3 runs on PostgreSQL, 1 on PGlite
 *   BENCH_ROWS=100000 BENCH_RUNS=1 node --import tsx bench/registry-import.ts
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { maskIdNumber, maskPhone } from '@yiyang/core';
import { parse } from 'csv-parse';
import { systemActor } from '../packages/server/src/platform/actor';
import { syntheticCsv } from '../packages/server/src/modules/registry/synthetic/synthetic.service';
import { benchContext, machine, median, peakRssMb, PG_URL, runPhase } from './support/bench-context';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PGLITE_RUNS = Number(process.env.BENCH_PGLITE_RUNS ?? 1);
const DIR = '/tmp/yiyang-bench-registry';
const CSV = `${DIR}/population-${ROWS}.csv`;
const ROWS_CSV = `${DIR}/persons-rows-${ROWS}.csv`;
const COUNTY = '330781';
const SCRIPT = fileURLToPath(import.meta.url);
const COPY_COLUMNS = 'county_code, region_code, hukou_region_code, id_type, id_number_enc, id_number_hmac, id_number_masked, name, sex, birth_date, phone_enc, phone_hmac, phone_masked, address';

const phase = process.argv.find((a) => a.startsWith('--phase='))?.slice(8);
const actor = { ...systemActor('bench'), regionCode: COUNTY };

async function gen() {
  if (existsSync(CSV)) return { ok: 1 };
  mkdirSync(DIR, { recursive: true });
  const b = await benchContext('postgres', [COUNTY]);
  const places = await b.ctx.services.registry.syntheticPlaces(actor, COUNTY);
  await b.dispose();
  const out = createWriteStream(CSV);
  for await (const block of syntheticCsv('population', { seed: 42, count: ROWS, today: '2025-06-01', places })) {
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { ok: 1 };
}

async function importPhase(kind: 'postgres' | 'pglite') {
  const b = await benchContext(kind, [COUNTY]);
  const t0 = performance.now();
  const r = await b.ctx.services.registry.imports.start(actor, { source: 'population', mode: 'auto' }, createReadStream(CSV), 'text/csv', undefined);
  const seconds = (performance.now() - t0) / 1000;
  if (r.kind !== 'done') throw new Error('not done');
  const n = await sql<{ n: number }>`select count(*)::int as n from persons`.execute(b.ctx.db);
  const f = await sql<{ n: number }>`select count(*)::int as n from person_facts`.execute(b.ctx.db);
  await b.dispose();
  return { seconds, rows: r.result.accepted, rejected: r.result.rejected, persons: n.rows[0]!.n, facts: f.rows[0]!.n, rss_mb: peakRssMb() };
}

/** The same rows as they end up in the table (encrypted, masked), for the COPY limit. */
async function prepCopy() {
  if (existsSync(ROWS_CSV)) return { ok: 1 };
  const b = await benchContext('pglite', [COUNTY]);
  const c = b.ctx.services.fieldCrypto;
  const out = createWriteStream(ROWS_CSV);
  const q = (v: string | null) => (v === null ? '' : `"${v.replaceAll('"', '""')}"`);
  let first = true;
  for await (const rec of createReadStream(CSV).pipe(parse({ bom: true })) as AsyncIterable<string[]>) {
    if (first) {
      first = false;
      continue;
    }
    const [name, id, phone, hukou, res, address] = rec as [string, string, string, string, string, string];
    const line = [
      res.slice(0, 6), res, hukou || null, 'resident', c.encrypt(id), c.blindIndex('id_number', id), maskIdNumber(id), name,
      Number(id[16]) % 2 ? 'male' : 'female', `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      phone ? c.encrypt(phone) : null, phone ? c.blindIndex('phone', phone) : null, phone ? maskPhone(phone) : null, address || null,
    ].map(q).join(',');
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await b.dispose();
  return { ok: 1 };
}

async function copyPhase(kind: 'postgres' | 'pglite') {
  const b = await benchContext(kind, [COUNTY]);
  let seconds: number;
  if (kind === 'postgres') {
    const t0 = performance.now();
    const r = spawnSync('psql', [PG_URL, '-v', 'ON_ERROR_STOP=1', '-c', `set search_path=${b.schema}`, '-c', `\\copy persons (${COPY_COLUMNS}) from '${ROWS_CSV}' with (format csv)`], { encoding: 'utf8' });
    seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(r.stderr);
  } else {
    const blob = new Blob([readFileSync(ROWS_CSV)]);
    const t0 = performance.now();
    await b.ctx.dbHandle.pglite!.query(`copy persons (${COPY_COLUMNS}) from '/dev/blob' with (format csv)`, [], { blob });
    seconds = (performance.now() - t0) / 1000;
  }
  const n = await sql<{ n: number }>`select count(*)::int as n from persons`.execute(b.ctx.db);
  await b.dispose();
  return { seconds, persons: n.rows[0]!.n, rss_mb: peakRssMb() };
}

async function main() {
  if (phase) {
    const r =
      phase === 'gen' ? await gen()
      : phase === 'prep-copy' ? await prepCopy()
      : phase === 'import-pg' ? await importPhase('postgres')
      : phase === 'import-pglite' ? await importPhase('pglite')
      : phase === 'copy-pg' ? await copyPhase('postgres')
      : phase === 'copy-pglite' ? await copyPhase('pglite')
      : null;
    process.stdout.write(JSON.stringify(r) + '\n');
    process.exit(0);
  }
  const lines: string[] = [];
  const say = (s: string) => {
    lines.push(s);
    process.stdout.write(s + '\n');
  };
  say(`# Registry import benchmark\n\nMachine: ${machine()}\n`);
  say(`Method: a population-template CSV of ${ROWS.toLocaleString('en')} synthetic persons (yiyang generator, seed 42, county ${COUNTY}; ${(statSync(CSV.replace(/^$/, '')).size / 2 ** 20).toFixed(0)} MiB once generated) is imported through the same service call the HTTP route makes (\`imports.start\`, synchronous path, streaming): parse (csv-parse), validate (GB 11643 parser, regions, scope), encrypt (AES-256-GCM ID number and phone, HMAC blind indexes), set-based upsert in chunks of 10,000 with the next chunk parsed and encrypted while the previous one is written (persons, 2 facts each with provenance), tags, audit. Fresh database each run, each run in its own process (peak RSS = that process's maxRSS). The limit is a plain \`COPY\` of the same rows, already encrypted, into the same (empty, indexed) \`persons\` table: psql \`\\copy\` on PostgreSQL, \`COPY … FROM '/dev/blob'\` on PGlite.\n`);
  const pg: Array<Record<string, number | string>> = [];
  const pgCopy: Array<Record<string, number | string>> = [];
  for (let i = 0; i < RUNS; i++) {
    pg.push(runPhase(SCRIPT, 'import-pg'));
    pgCopy.push(runPhase(SCRIPT, 'copy-pg'));
    process.stdout.write(`  run ${i + 1}: import ${JSON.stringify(pg[i])}, copy ${JSON.stringify(pgCopy[i])}\n`);
  }
  const lite: Array<Record<string, number | string>> = [];
  const liteCopy: Array<Record<string, number | string>> = [];
  for (let i = 0; i < PGLITE_RUNS; i++) {
    lite.push(runPhase(SCRIPT, 'import-pglite'));
    liteCopy.push(runPhase(SCRIPT, 'copy-pglite'));
    process.stdout.write(`  pglite run ${i + 1}: import ${JSON.stringify(lite[i])}, copy ${JSON.stringify(liteCopy[i])}\n`);
  }
  const rate = (xs: Array<Record<string, number | string>>) => ROWS / median(xs.map((x) => Number(x.seconds)));
  const row = (name: string, imp: typeof pg, cp: typeof pg) =>
    `| ${name} | ${imp.length} | ${median(imp.map((x) => Number(x.seconds))).toFixed(1)} s | ${Math.round(rate(imp)).toLocaleString('en')} | ${median(imp.map((x) => Number(x.rss_mb)))} MB | ${median(cp.map((x) => Number(x.seconds))).toFixed(1)} s | ${Math.round(rate(cp)).toLocaleString('en')} | ${(rate(imp) / rate(cp) * 100).toFixed(0)}% |`;
  say('| database | runs | import (median) | rows/s | peak RSS | COPY (median) | COPY rows/s | import / COPY |');
  say('|---|---|---|---|---|---|---|---|');
  say(row('PostgreSQL', pg, pgCopy));
  if (lite.length) say(row('PGlite', lite, liteCopy));
  say(`\nRows accepted: ${pg[0]?.rows}, rejected: ${pg[0]?.rejected}; person_facts rows written: ${pg[0]?.facts}. Target on PostgreSQL: ≥ 100,000 rows/s with RSS < 1 GB.`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/registry-import.md', lines.join('\n') + '\n');
}

if (!phase) {
  // Generate the inputs first (not timed).
  runPhase(SCRIPT, 'gen');
  runPhase(SCRIPT, 'prep-copy');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
void Readable;
