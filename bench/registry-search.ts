/**
 * Search and list over N persons through the HTTP API (real app, session cookie, loopback):
 * by name, by full ID number (keyed hash), by phone, and list pages with filters; p50/p95.
 * Persons are loaded with COPY of rows prepared as the import writes them (bench/registry-import.ts
 * prepares them), then tagged set-based; the table is ANALYZEd and VACUUMed like a live system.
 *
 *   node --import tsx bench/registry-search.ts              # 1,000,000 persons, PostgreSQL
 *   BENCH_ROWS=100000 node --import tsx bench/registry-search.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../packages/server/src/http/app';
import { systemActor } from '../packages/server/src/platform/actor';
import { benchContext, machine, median, PG_URL, percentile, runPhase } from './support/bench-context';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const KIND = (process.env.BENCH_DB ?? 'postgres') as 'postgres' | 'pglite';
const DIR = '/tmp/yiyang-bench-registry';
const CSV = `${DIR}/population-${ROWS}.csv`;
const ROWS_CSV = `${DIR}/persons-rows-${ROWS}.csv`;
const COUNTY = '330781';
const COPY_COLUMNS = 'county_code, region_code, hukou_region_code, id_type, id_number_enc, id_number_hmac, id_number_masked, name, sex, birth_date, phone_enc, phone_hmac, phone_masked, address';
const IMPORT_SCRIPT = fileURLToPath(new URL('./registry-import.ts', import.meta.url));

async function main() {
  if (!existsSync(ROWS_CSV)) {
    process.env.BENCH_ROWS = String(ROWS);
    runPhase(IMPORT_SCRIPT, 'gen', { BENCH_ROWS: String(ROWS) });
    runPhase(IMPORT_SCRIPT, 'prep-copy', { BENCH_ROWS: String(ROWS) });
  }
  const b = await benchContext(KIND, [COUNTY]);
  try {
    const t0 = performance.now();
    if (KIND === 'postgres') {
      const r = spawnSync('psql', [PG_URL, '-v', 'ON_ERROR_STOP=1', '-c', `set search_path=${b.schema}`, '-c', `\\copy persons (${COPY_COLUMNS}) from '${ROWS_CSV}' with (format csv)`], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
    } else {
      await b.ctx.dbHandle.pglite!.query(`copy persons (${COPY_COLUMNS}) from '/dev/blob' with (format csv)`, [], { blob: new Blob([readFileSync(ROWS_CSV)]) });
    }
    // Tags as the import derives them (高龄 from age; a sprinkle of others for tag filters).
    await sql`update persons set tags = case when birth_date <= date '1945-06-01' then array['very_old'] else '{}' end
      || case when hashtext(id::text) % 8 = 0 then array['living_alone'] else '{}' end`.execute(b.ctx.db);
    await sql`vacuum analyze persons`.execute(b.ctx.db);
    const loadSeconds = (performance.now() - t0) / 1000;

    // A county worker of 兰溪市 signs in through the API.
    const actor = systemActor('bench');
    const org = await b.ctx.services.orgs.ensure(actor, { name: '兰溪市民政局', type: 'civil_affairs_bureau', region_code: COUNTY });
    const { initial_password } = await b.ctx.services.users.create(actor, { username: 'bench_lx', display_name: '基准测试', org_id: org.id, roles: ['county_staff'] }, { mustChangePassword: false });
    const app = await buildApp(b.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username: 'bench_lx', password: initial_password }) });
    if (login.status !== 200) throw new Error(`login ${login.status} ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

    // Samples: names, ID numbers and phones of random persons (from the source CSV).
    const lines = readFileSync(CSV, 'utf8').split('\n').slice(1).filter(Boolean);
    const sample = Array.from({ length: REQUESTS }, (_, i) => lines[Math.floor(((i * 7919) % lines.length))]!.split(','));
    const streets = (await sql<{ code: string }>`select code from regions where code like ${COUNTY + '%'} and length(code) = 9 order by code limit 5`.execute(b.ctx.db)).rows.map((r) => r.code);

    const scenarios: Array<[string, (i: number) => string]> = [
      ['name (q=全名)', (i) => `/api/v1/persons?q=${encodeURIComponent(sample[i]![0]!)}`],
      ['ID number (q=18位, keyed hash)', (i) => `/api/v1/persons?q=${sample[i]![1]}`],
      ['phone (q=手机号)', (i) => `/api/v1/persons?q=${sample.find((s, j) => j >= i && s[2])?.[2] ?? sample[0]![2]}`],
      ['list, county, page 1', () => `/api/v1/persons?page_size=20`],
      ['list, street, page 3', (i) => `/api/v1/persons?region=${streets[i % streets.length]}&page=3&page_size=20`],
      ['list, tag=独居 + age 80–89', () => `/api/v1/persons?tag=living_alone&age_min=80&age_max=89`],
      ['list, surname prefix (q=王)', () => `/api/v1/persons?q=${encodeURIComponent('王')}`],
    ];
    const results: Array<{ name: string; p50: number; p95: number; total: number }> = [];
    for (const [name, url] of scenarios) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < Math.min(REQUESTS, 10); i++) await fetch(base + url(i), { headers: { cookie } }); // warm-up
      for (let i = 0; i < REQUESTS; i++) {
        const s = performance.now();
        const r = await fetch(base + url(i), { headers: { cookie } });
        const body = (await r.json()) as { total?: number };
        times.push(performance.now() - s);
        if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(body)}`);
        total = body.total ?? 0;
      }
      results.push({ name, p50: median(times), p95: percentile(times, 95), total });
      process.stdout.write(`  ${name}: p50 ${median(times).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (total ${total})\n`);
    }
    await app.close();
    const out = [
      `# Registry search benchmark (${KIND})`,
      '',
      `Machine: ${machine()}`,
      '',
      `Method: ${ROWS.toLocaleString('en')} persons of county ${COUNTY} (synthetic generator, seed 42; encrypted ID numbers and phones with keyed-hash indexes, as the import writes them) loaded with COPY in ${loadSeconds.toFixed(0)} s and VACUUM ANALYZEd; the real Fastify app on loopback; a 县区民政工作人员 session (data scope = the county); ${REQUESTS} sequential requests per scenario after 10 warm-up requests; wall time per request including JSON parse on the client. Target: p95 < 50 ms on PostgreSQL for name and ID-number search.`,
      '',
      '| scenario | p50 | p95 | total in answer |',
      '|---|---|---|---|',
      ...results.map((r) => `| ${r.name} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.total.toLocaleString('en')} |`),
    ];
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(`bench/results/registry-search-${KIND}.md`, out.join('\n') + '\n');
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    await b.dispose();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
