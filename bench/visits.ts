/**
 * Visiting-care queries at scale (issue 7): the visit rate and the due list over 1,000,000 roster
 * persons and 10,000,000 visits on PostgreSQL. Target: p95 < 500 ms per query.
 *
 *   node --import tsx bench/visits.ts [--persons 1000000] [--visits 10000000] [--runs 40] [--keep] [--schema NAME]
 *
 * Data is generated in the database with generate_series (one INSERT … SELECT per table, indexes
 * built after the load), so the machine's time goes to the queries, not to a client. The queries
 * are the module's own: the visits service (rate, due list with names, drill-down) with the real
 * migrations and indexes; each is EXPLAINed (ANALYZE) once and the indexes it used are printed.
 * `--keep --schema bench_visits` keeps the data so a later run (`--schema bench_visits`) only measures.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { cpus, totalmem, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { addDays, monthPeriodOf, todayInChina, weekOf } from '@yiyang/core';
import { createAppContext } from '../packages/server/src/app-context.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { ephemeralKeys } from '../packages/server/src/crypto/keys.ts';
import { openDatabase } from '../packages/server/src/db/client.ts';
import type { Database } from '../packages/server/src/db/database.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { readRegions, SOURCE_EDITION } from '../packages/server/src/modules/regions/index.ts';
import { systemActor } from '../packages/server/src/platform/actor.ts';
import { createVisitsRepository, type PeriodWindow } from '../packages/server/src/modules/visits/visits.repository.ts';

const { values: opt } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    visits: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    schema: { type: 'string' },
  },
});
const PERSONS = Number(opt.persons);
const VISITS = Number(opt.visits);
const RUNS = Number(opt.runs);
const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = opt.schema ?? `bench_visits_${process.pid}`;
const LOCALITIES = ['140400', '330781', '340403', '120115'];

const log = (s: string) => process.stdout.write(`${s}\n`);
const ms = (t0: number) => performance.now() - t0;

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  log(`  ${label}: ${(ms(t0) / 1000).toFixed(1)} s`);
  return r;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function generate(admin: pg.Client) {
  const q = (text: string, params: unknown[] = []) => admin.query(text, params);
  log(`generating ${PERSONS.toLocaleString()} persons and ${VISITS.toLocaleString()} visits in schema ${SCHEMA}`);
  const regions = await readRegions(LOCALITIES);
  await timed('regions', async () => {
    await q(`insert into regions (code, name, level, parent_code, source_edition) values ('000000', '全国', 'country', null, $1) on conflict do nothing`, [SOURCE_EDITION]);
    const order = { country: 0, province: 1, city: 2, county: 3, township: 4, village: 5 } as const;
    regions.sort((a, b) => order[a.level] - order[b.level]);
    for (let i = 0; i < regions.length; i += 2000) {
      const chunk = regions.slice(i, i + 2000);
      await q(
        `insert into regions (code, name, level, parent_code, source_edition) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) on conflict do nothing`,
        [chunk.map((r) => r.code), chunk.map((r) => r.name), chunk.map((r) => r.level), chunk.map((r) => r.parent_code), chunk.map(() => SOURCE_EDITION)],
      );
    }
  });
  await q(`create table bench_villages as select (row_number() over (order by code) - 1)::int as n, code from regions where level = 'village'`);
  await q(`create unique index on bench_villages (n)`);
  const nv = Number((await q(`select count(*) as n from bench_villages`)).rows[0].n);
  log(`  ${nv} villages; ${Math.round(PERSONS / nv)} roster persons and 2 visitors per village`);
  const today = todayInChina();
  await q(`set session_replication_role = replica`); // bulk load: FK triggers off (data consistent by construction)
  await timed('organisation + visitors', async () => {
    await q(`insert into organisations (id, region_code, name, type) values ('00000000-0000-0000-0000-0000000000b0', '000000', '压测探访机构', 'community_committee')`);
    await q(
      `insert into users (id, username, display_name, org_id, password_hash)
       select md5('u' || g)::uuid, 'bench_v' || g, '探访员' || g, '00000000-0000-0000-0000-0000000000b0', 'x' from generate_series(0, $1::int - 1) g`,
      [nv * 2],
    );
  });
  // Person g lives in village g % nv; visitor (g % nv) * 2 + (g / nv) % 2 has about PERSONS / nv / 2 people.
  await timed('persons', () =>
    q(
      `insert into persons (county_code, id, region_code, id_number_enc, id_number_hmac, id_number_masked, name, birth_date, tags, living_arrangement)
       select left(v.code, 6), md5('p' || g)::uuid, v.code, 'bench', md5('h' || g), '******', '老人' || g, date '1925-01-01' + (g % 15000),
              case g % 5 when 0 then '{living_alone,very_old}'::text[] when 1 then '{empty_nest}' when 2 then '{disabled,economic_hardship}' when 3 then '{left_behind}' else '{solitary}' end,
              'alone'
       from generate_series(0, $1::int - 1) g join bench_villages v on v.n = g % $2::int`,
      [PERSONS, nv],
    ),
  );
  await timed('roster', () =>
    q(
      `insert into visit_roster (county_code, person_id, region_code, tags, risk_tier, frequency, active, enrolled_on, willingness, visitor_id, visitor_name, assigned_at, grid)
       select left(v.code, 6), md5('p' || g)::uuid, v.code,
              case g % 5 when 0 then '{living_alone,very_old}'::text[] when 1 then '{empty_nest}' when 2 then '{disabled,economic_hardship}' when 3 then '{left_behind}' else '{solitary}' end,
              case when g % 10 = 0 then 'high' else 'low' end, case when g % 10 = 0 then 'weekly' else 'monthly' end, true, $3::date - 400,
              case when g % 20 = 7 then 'declined' else 'willing' end,
              md5('u' || ((g % $2::int) * 2 + (g / $2::int) % 2))::uuid, '探访员', now(), '第' || (g % 3 + 1) || '网格'
       from generate_series(0, $1::int - 1) g join bench_villages v on v.n = g % $2::int`,
      [PERSONS, nv, today],
    ),
  );
  // Visits over the past year: visit i is of person i % PERSONS, at a pseudo-random minute.
  await q(`drop index visits_person_idx, visits_county_day_idx, visits_visitor_day_idx, visits_id_uq`);
  await q(`alter table visits drop constraint visits_pkey cascade`); // also the photos' foreign key, re-added below
  await timed('visits', () =>
    q(
      `insert into visits (county_code, person_id, id, region_code, visitor_id, visitor_name, mode, outcome, visited_at, visited_on, findings, recorded_at)
       select left(v.code, 6), md5('p' || p)::uuid, md5('v' || i)::uuid, v.code,
              md5('u' || ((p % $3::int) * 2 + (p / $3::int) % 2))::uuid, '探访员',
              (array['onsite','phone','video'])[1 + i % 3], case when i % 10 = 0 then 'not_reached' else 'visited' end,
              t.at, (t.at at time zone 'Asia/Shanghai')::date, '{}'::jsonb, t.at
       from generate_series(0, $1::bigint - 1) i
       cross join lateral (select (i % $2::int)::int as p) pp
       join bench_villages v on v.n = pp.p % $3::int
       cross join lateral (select now() - make_interval(mins => ((i * 7919 + p::bigint * 104729) % (365 * 24 * 60))::int) as at) t`,
      [VISITS, PERSONS, nv],
    ),
  );
  await q(`set session_replication_role = origin`);
  await timed('visits primary key + indexes', async () => {
    await q(`set maintenance_work_mem = '512MB'`);
    await q(`alter table visits add primary key (county_code, person_id, id)`);
    await q(`alter table visit_attachments add foreign key (county_code, person_id, visit_id) references visits (county_code, person_id, id) on update cascade`);
    await q(`create unique index visits_id_uq on visits (id)`);
    await q(`create index visits_person_idx on visits (county_code, person_id, visited_on, outcome)`);
    await q(`create index visits_county_day_idx on visits (county_code, visited_on) include (person_id, outcome, region_code)`);
    await q(`create index visits_visitor_day_idx on visits (visitor_id, visited_on) where visitor_id is not null`);
  });
  await timed('roster last visit (projection)', () =>
    q(`update visit_roster r set last_visited_on = s.last_on, last_visit_at = s.last_at
       from (select county_code, person_id, max(visited_on) as last_on, max(visited_at) as last_at from visits where outcome = 'visited' group by 1, 2) s
       where r.county_code = s.county_code and r.person_id = s.person_id`),
  );
  await timed('vacuum analyze', async () => {
    for (const t of ['visit_roster', 'visits', 'persons', 'users', 'regions']) await q(`vacuum analyze ${t}`);
  });
  await q(`insert into settings (key, value) values ('bench.generated', $1::jsonb)`, [JSON.stringify({ persons: PERSONS, visits: VISITS, at: new Date().toISOString() })]);
}

function indexesIn(plan: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(plan)) plan.forEach((p) => indexesIn(p, out));
  else if (plan && typeof plan === 'object') {
    const o = plan as Record<string, unknown>;
    if (typeof o['Index Name'] === 'string') out.add(`${o['Node Type']} ${o['Index Name']}`);
    else if (o['Node Type'] === 'Seq Scan') out.add(`Seq Scan ${String(o['Relation Name'])}`);
    for (const v of Object.values(o)) indexesIn(v, out);
  }
  return out;
}

async function main() {
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  const exists = (await admin.query(`select 1 from information_schema.schemata where schema_name = $1`, [SCHEMA])).rowCount === 1;
  if (!exists) await admin.query(`create schema ${SCHEMA}`);
  await admin.query(`set search_path = ${SCHEMA}`);
  const dbHandle = await openDatabase({ kind: 'postgres', url: URL_, schema: SCHEMA, poolSize: 4 });
  let generatedNow = false;
  try {
    await migrate(dbHandle.db);
    const done = (await admin.query(`select value from settings where key = 'bench.generated'`)).rows[0]?.value as { persons: number; visits: number } | undefined;
    if (!done) {
      await generate(admin);
      generatedNow = true;
    } else log(`reusing schema ${SCHEMA}: ${done.persons.toLocaleString()} persons, ${done.visits.toLocaleString()} visits`);

    const counts = (await admin.query(`select (select count(*) from visit_roster) as roster, (select count(*) from visits) as visits`)).rows[0];
    const ctx = await createAppContext({ config: loadConfig({ YIYANG_DATA_DIR: '/tmp/yiyang-bench-unused', YIYANG_DEMO: 'false', LOG_LEVEL: 'silent', YIYANG_JOBS: 'false' }), dbHandle, keys: ephemeralKeys() });
    const visits = ctx.services.visits;
    const actor = systemActor('bench');

    // Pick the regions to query: a city, its biggest county, one street and one community of it, one visitor.
    const biggestCounty = (await admin.query(`select left(region_code, 6) as c, count(*) as n from visit_roster group by 1 order by 2 desc limit 1`)).rows[0] as { c: string; n: string };
    const street = (await admin.query(`select left(region_code, 9) as c, count(*) as n from visit_roster where region_code like $1 group by 1 order by 2 desc limit 1`, [`${biggestCounty.c}%`])).rows[0] as { c: string; n: string };
    const community = (await admin.query(`select region_code as c, count(*) as n from visit_roster where region_code like $1 group by 1 order by 2 desc limit 1`, [`${street.c}%`])).rows[0] as { c: string; n: string };
    const visitor = (await admin.query(`select visitor_id as v, count(*) as n from visit_roster where region_code = $1 group by 1 order by 2 desc limit 1`, [community.c])).rows[0] as { v: string; n: string };
    const cityRows = (await admin.query(`select count(*) as n from visit_roster where region_code like '1404%'`)).rows[0].n as string;
    const lastMonth = addDays(monthPeriodOf(todayInChina()).start, -15);

    type Case = { name: string; rows: string; run: () => Promise<unknown>; window?: () => { scope: { region: string; visitorId?: string }; w: PeriodWindow; kind: 'rate' | 'due' | 'byPrefix' } };
    const cases: Case[] = [
      { name: 'rate, city 140400 (current period)', rows: cityRows, run: () => visits.rate(actor, { region: '140400', period: 'current' }) },
      { name: `rate, county ${biggestCounty.c} (month)`, rows: biggestCounty.n, run: () => visits.rate(actor, { region: biggestCounty.c, period: 'month' }) },
      { name: `rate, street ${street.c} (current)`, rows: street.n, run: () => visits.rate(actor, { region: street.c, period: 'current' }) },
      { name: `rate, community ${community.c} (current)`, rows: community.n, run: () => visits.rate(actor, { region: community.c, period: 'current' }) },
      { name: 'rate, one visitor (current)', rows: visitor.n, run: () => visits.rate(actor, { region: community.c.slice(0, 6), visitor_id: visitor.v, period: 'current' }) },
      { name: `due list page (50 + total, names), county ${biggestCounty.c}`, rows: biggestCounty.n, run: () => visits.due(actor, { region: biggestCounty.c, period: 'current', page: 1, page_size: 50 }) },
      { name: `due list page 20 (offset 950), county ${biggestCounty.c}`, rows: biggestCounty.n, run: () => visits.due(actor, { region: biggestCounty.c, period: 'current', page: 20, page_size: 50 }) },
      { name: `due list, community ${community.c}`, rows: community.n, run: () => visits.due(actor, { region: community.c, period: 'current', page: 1, page_size: 50 }) },
      { name: 'due list, one visitor', rows: visitor.n, run: () => visits.due(actor, { region: community.c.slice(0, 6), visitor_id: visitor.v, period: 'current', page: 1, page_size: 50 }) },
      { name: 'due list, city 140400 (50 + total)', rows: cityRows, run: () => visits.due(actor, { region: '140400', period: 'current', page: 1, page_size: 50 }) },
      { name: `visit records, county ${biggestCounty.c}, last 31 days (page of 20 + total)`, rows: biggestCounty.n, run: () => visits.listVisits(actor, { region: biggestCounty.c, page: 1, page_size: 20 }) },
      { name: `roster page, county ${biggestCounty.c} (20 + total)`, rows: biggestCounty.n, run: () => visits.listRoster(actor, { region: biggestCounty.c, status: 'active', page: 1, page_size: 20 }) },
      { name: `drill-down by street, county ${biggestCounty.c} (month)`, rows: biggestCounty.n, run: () => visits.rateByRegion(actor, { region: biggestCounty.c, period: 'month' }) },
      { name: `rate, past month ${lastMonth.slice(0, 7)}, street ${street.c} (visits table)`, rows: street.n, run: () => visits.rate(actor, { region: street.c, period: 'month', date: lastMonth }) },
      { name: `rate, past month ${lastMonth.slice(0, 7)}, county ${biggestCounty.c} (visits table)`, rows: biggestCounty.n, run: () => visits.rate(actor, { region: biggestCounty.c, period: 'month', date: lastMonth }) },
    ];

    // The SQL behind each case, for EXPLAIN: run it once through a logging Kysely with the repository.
    const captured: CompiledQuery[] = [];
    const pool = new pg.Pool({ connectionString: URL_, max: 2, options: `-c search_path=${SCHEMA}` });
    const logging = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => void captured.push(e.query) });
    const repo = createVisitsRepository(logging);
    const today = todayInChina();
    const window = (mode: 'current' | 'month' | 'week', date = today): PeriodWindow => {
      const w = weekOf(date), m = monthPeriodOf(date);
      return { mode, week: { start: w.start, end: w.end }, month: { start: m.start, end: m.end }, isCurrent: m.start === monthPeriodOf(today).start && (mode !== 'current' || w.start === weekOf(today).start), excludeDeclined: true };
    };
    const sqlCases: Array<{ name: string; run: () => Promise<unknown> }> = [
      { name: 'rate (roster projection, region subtree)', run: () => repo.rate({ region: biggestCounty.c }, window('current')) },
      { name: 'due list page (region subtree)', run: () => repo.dueList({ region: biggestCounty.c }, window('current'), 50, 0) },
      { name: 'due list (one visitor)', run: () => repo.dueList({ region: community.c.slice(0, 6), visitorId: visitor.v }, window('current'), 50, 0) },
      { name: 'rate, past month (visits)', run: () => repo.rate({ region: street.c }, window('month', lastMonth)) },
    ];
    const plans: string[] = [];
    for (const c of sqlCases) {
      captured.length = 0;
      await c.run();
      for (const q of captured) {
        const r = await pool.query(`explain (analyze, format json) ${q.sql}`, q.parameters as unknown[]);
        const plan = (r.rows[0] as Record<string, unknown>)['QUERY PLAN'] as Array<{ 'Execution Time': number }>;
        plans.push(`- ${c.name}: ${[...indexesIn(plan)].join('; ')} (${plan[0]!['Execution Time'].toFixed(1)} ms)`);
      }
    }
    await logging.destroy();

    log('');
    log(`machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const version = (await admin.query('select version()')).rows[0].version as string;
    log(`node ${process.version}; ${version.split(' on ')[0]}; shared_buffers ${(await admin.query('show shared_buffers')).rows[0].shared_buffers}`);
    log(`data: ${Number(counts.roster).toLocaleString()} roster persons, ${Number(counts.visits).toLocaleString()} visits; ${RUNS} runs per query after 3 warm-ups, sequential`);
    log('');
    const lines = ['| query | roster rows in scope | p50 ms | p95 ms | max ms | p95 < 500 ms |', '|---|---:|---:|---:|---:|---|'];
    log(lines[0]!);
    for (const c of cases) {
      for (let i = 0; i < 3; i++) await c.run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await c.run();
        times.push(ms(t0));
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      const line = `| ${c.name} | ${Number(c.rows).toLocaleString()} | ${percentile(times, 50).toFixed(1)} | ${p95.toFixed(1)} | ${times[times.length - 1]!.toFixed(1)} | ${p95 < 500 ? 'yes' : '**no**'} |`;
      lines.push(line);
      log(line);
    }
    log('');
    log('plans (EXPLAIN ANALYZE of the SQL the repository sends):');
    for (const p of plans) log(p);

    const md = [
      '# Visiting care: rate and due-list queries',
      '',
      `Run ${new Date().toISOString()} with \`node --import tsx bench/visits.ts\`${generatedNow ? '' : ' (reused data)'}.`,
      '',
      `- machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (shared with other work; load at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')})`,
      `- ${version.split(' on ')[0]}, default configuration (shared_buffers ${(await admin.query('show shared_buffers')).rows[0].shared_buffers}); Node ${process.version}`,
      `- data: ${Number(counts.roster).toLocaleString()} roster persons (and as many registry persons), ${Number(counts.visits).toLocaleString()} visits over the past year, generated with generate_series`,
      `- each query: 3 warm-ups, then ${RUNS} sequential runs through the visits service (what the API handler calls); target p95 < 500 ms`,
      '',
      ...lines,
      '',
      '## Plans',
      '',
      ...plans,
      '',
    ].join('\n');
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(new URL('./results/visits.md', import.meta.url), md);
    log('\nwritten to bench/results/visits.md');
    await ctx.close();
  } finally {
    await dbHandle.close().catch(() => undefined);
    if (!opt.keep) await admin.query(`drop schema ${SCHEMA} cascade`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
