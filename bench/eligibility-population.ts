/**
 * "Services find people" population run at scale (issue 5, Performance): load every person's facts
 * from PostgreSQL, evaluate the full Lanxi catalogue (compiled pack, `entitle`), compare with the
 * current enrolments and write the work-list changes — target < 15 s for 1,000,000 persons.
 *
 *   node --import tsx bench/eligibility-population.ts [--persons 1000000] [--runs 3] [--keep] [--schema NAME]
 *
 * Data: N persons in the villages of 兰溪市 (330781) generated in the database with generate_series
 * (the same person/fact tables and indexes the registry writes; 6 fact rows per person: residence,
 * hukou (90 % Lanxi), economic status, living arrangement, disability level, capability grade),
 * so the machine's time goes to the run, not to a generator. The run is the module's own
 * `eligibility.runPopulationAs` (registry bulk reader `factsAsOfPages` → `compiledPack.entitle` →
 * work-list diff), timed in three situations:
 *   1. first run: the work list is empty, every discrepancy is written (with its explanation);
 *   2. re-run with nothing changed: reads and evaluates everyone, writes nothing (the steady state);
 *   3. re-run after 1 % of persons changed economic status: writes only those changes.
 * Enrolments come from an in-memory source (everyone 80+ with Lanxi hukou receives 高龄津贴 LX-07,
 * except every 10th), so both kinds of discrepancy occur.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { createAppContext } from '../packages/server/src/app-context.ts';
import { bootstrap } from '../packages/server/src/bootstrap.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { ephemeralKeys } from '../packages/server/src/crypto/keys.ts';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { createEligibilityService, staticEnrolmentSource, type Enrolment } from '../packages/server/src/modules/eligibility/index.ts';
import { systemActor } from '../packages/server/src/platform/actor.ts';

const { values: opt } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    schema: { type: 'string' },
  },
});
const PERSONS = Number(opt.persons);
const RUNS = Number(opt.runs);
const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = opt.schema ?? `bench_elig_${process.pid}`;
const AS_OF = '2025-06-01';

const log = (s: string) => process.stdout.write(`${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function generate(q: (text: string, params?: unknown[]) => Promise<pg.QueryResult>) {
  log(`generating ${PERSONS.toLocaleString()} persons in 兰溪市 (schema ${SCHEMA})`);
  await q(`create table bench_villages as select (row_number() over (order by code) - 1)::int as n, code from regions where level = 'village' and code like '330781%'`);
  const nv = Number((await q(`select count(*) as n from bench_villages`)).rows[0].n);
  const t0 = performance.now();
  await q(`set session_replication_role = replica`);
  // Ages 60–104 on AS_OF: birth dates spread over 45 years.
  await q(
    `insert into persons (county_code, id, region_code, hukou_region_code, id_number_enc, id_number_hmac, id_number_masked, name, sex, birth_date, economic_status, living_arrangement)
     select '330781', md5('p' || g)::uuid, v.code, case when g % 10 = 0 then '340403001001' else v.code end, 'bench', md5('h' || g), '******', '老人' || g,
            case when g % 2 = 0 then 'male' else 'female' end, date '1920-06-02' + (g % 16400),
            (array['none','none','none','none','none','none','dibao','low_income','tekun','dibao_edge'])[1 + g % 10],
            (array['with_family','alone','empty_nest','with_family','left_behind'])[1 + g % 5]
     from generate_series(0, $1::int - 1) g join bench_villages v on v.n = g % $2::int`,
    [PERSONS, nv],
  );
  await q(
    `insert into person_facts (county_code, person_id, fact, value, valid_from, source_type)
     select p.county_code, p.id, f.fact, f.value, date '2020-01-01', 'import'
     from persons p
     cross join lateral (values
       ('residence_region', to_jsonb(p.region_code::text)),
       ('hukou_region', to_jsonb(p.hukou_region_code::text)),
       ('economic_status', to_jsonb(p.economic_status)),
       ('living_arrangement', to_jsonb(p.living_arrangement)),
       ('disability_level', case when hashtext(p.id::text) % 7 = 0 then to_jsonb(1 + abs(hashtext(p.id::text)) % 4) else 'null'::jsonb end),
       ('capability_grade', to_jsonb(abs(hashtext(p.id::text || 'g')) % 5))
     ) as f(fact, value)`,
  );
  await q(`set session_replication_role = origin`);
  await q(`vacuum analyze persons`);
  await q(`vacuum analyze person_facts`);
  log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${nv} villages)`);
}

async function main() {
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  await admin.query(`create schema if not exists ${SCHEMA}`);
  await admin.query(`set search_path = ${SCHEMA}`);
  const q = (text: string, params: unknown[] = []) => admin.query(text, params);
  const dbHandle = await openDatabase({ kind: 'postgres', url: URL_, schema: SCHEMA, poolSize: 4 });
  const config = loadConfig({ YIYANG_DATA_DIR: '/tmp/yiyang-bench-unused', YIYANG_ADMIN_PASSWORD: 'Root-Passw0rd!', YIYANG_DEMO: 'false', LOG_LEVEL: 'silent', YIYANG_JOBS: 'false' });
  const ctx = await createAppContext({ config, dbHandle, keys: ephemeralKeys(), log: pino({ level: 'silent' }) });
  try {
    await bootstrap(ctx, { demo: false }); // migrations, roles, the catalogue seeded from policies/
    await ctx.services.regions.load(systemActor('bench'), ['330781']);
    const have = Number((await q(`select count(*) as n from persons`)).rows[0].n);
    if (have === 0) await generate(q);
    else log(`reusing schema ${SCHEMA}: ${have.toLocaleString()} persons`);
    const persons = Number((await q(`select count(*) as n from persons`)).rows[0].n);
    const facts = Number((await q(`select count(*) as n from person_facts`)).rows[0].n);

    // Enrolments: 80+ with Lanxi hukou receive LX-07, except every 10th (→ 应享未享); and every 50th
    // younger person "receives" it too (→ 不应享而享).
    const rows = (await q(`select id::text, birth_date::text as b, hukou_region_code as h from persons`)).rows as Array<{ id: string; b: string; h: string | null }>;
    const enrolments: Enrolment[] = [];
    rows.forEach((r, i) => {
      const old = r.b <= '1945-06-01' && r.h?.startsWith('330781');
      if ((old && i % 10 !== 0) || (!old && i % 50 === 0)) enrolments.push({ person_id: r.id, item_code: 'LX-07' });
    });
    const s = ctx.services;
    const eligibility = createEligibilityService({ db: ctx.db, audit: s.audit, registry: s.registry, catalogue: s.catalogue, regions: s.regions, clock: ctx.clock, enrolments: staticEnrolmentSource(enrolments) });
    const actor = systemActor('bench');
    const pack = await s.catalogue.compiledFor('330781', AS_OF);
    log(`machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    log(`data: ${persons.toLocaleString()} persons, ${facts.toLocaleString()} fact rows, ${enrolments.length.toLocaleString()} enrolments; catalogue ${pack.pack.code} with ${pack.pack.items.length} items (${pack.pack.chain.join(' ← ')})`);

    const results: Array<{ name: string; runs: number[]; last: Awaited<ReturnType<typeof eligibility.runPopulationAs>> }> = [];
    async function measure(name: string, prepare: () => Promise<void>, runs: number) {
      const times: number[] = [];
      let last!: Awaited<ReturnType<typeof eligibility.runPopulationAs>>;
      for (let i = 0; i < runs; i++) {
        await prepare();
        const t0 = performance.now();
        last = await eligibility.runPopulationAs(actor, '330781', { asOf: AS_OF, trigger: 'bench' });
        times.push(performance.now() - t0);
        log(`  ${name} #${i + 1}: ${(times[i]! / 1000).toFixed(2)} s — persons ${last.persons.toLocaleString()}, opened ${last.opened.toLocaleString()}, closed ${last.closed.toLocaleString()}, unchanged ${last.unchanged.toLocaleString()} (load ${last.result.load_ms} ms, evaluate+write ${last.result.evaluate_write_ms} ms), rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
      }
      results.push({ name, runs: times, last });
    }

    await measure('first run (empty work list)', async () => {
      await q(`truncate eligibility_worklist`);
    }, RUNS);
    await measure('re-run, nothing changed', async () => undefined, RUNS);
    let flip = 0;
    await measure('re-run after 1 % changed economic status', async () => {
      flip++;
      await q(
        `update person_facts set value = to_jsonb(case when value #>> '{}' = 'dibao' then 'none' else 'dibao' end)
         where fact = 'economic_status' and superseded_at is null and abs(hashtext(person_id::text || $1)) % 100 = 0`,
        [String(flip)],
      );
    }, RUNS);
    const peak = process.resourceUsage().maxRSS / 1024;

    const lines = results.map((r) => `| ${r.name} | ${r.runs.length} | ${(median(r.runs) / 1000).toFixed(2)} s | ${Math.round(r.last.persons / (median(r.runs) / 1000)).toLocaleString()} | ${r.last.opened.toLocaleString()} | ${r.last.closed.toLocaleString()} | ${r.last.unchanged.toLocaleString()} | ${r.last.result.load_ms} / ${r.last.result.evaluate_write_ms} ms | ${(15_000 / median(r.runs) * (r.last.persons / 1_000_000)).toFixed(2)}× |`);
    const md = [
      '# Population run (服务找人): load facts, evaluate, write work-list changes',
      '',
      `- date: ${new Date().toISOString()}`,
      `- machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (shared with other work; load at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}), Node ${process.version}, PostgreSQL (BENCH_DATABASE_URL)`,
      `- data: ${persons.toLocaleString()} persons in 兰溪市, ${facts.toLocaleString()} fact rows, ${enrolments.length.toLocaleString()} enrolments; catalogue ${pack.pack.code} (${pack.pack.items.length} items, ${pack.pack.chain.join(' ← ')}), as of ${AS_OF}`,
      `- method: \`eligibility.runPopulationAs('330781')\` — registry bulk reader (keyset pages of 10,000 persons by (county, id) with their facts on the date aggregated to one JSON text in the database, one query a page, the next page prefetched while the current one is evaluated), \`compiledPack.entitle\`, diff with the live work-list rows of the page, inserts (with the explanation) and closes in one transaction per page. Peak RSS of the process: ${peak.toFixed(0)} MB.`,
      '',
      '| situation | runs | median | persons/s | opened | closed | unchanged | waiting for pages / evaluate+write (last run) | 15 s target ÷ time (scaled to 1M) |',
      '|---|---|---|---|---|---|---|---|---|',
      ...lines,
      '',
    ].join('\n');
    log(`\n${md}`);
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(new URL('./results/eligibility-population.md', import.meta.url), md);
    log('written to bench/results/eligibility-population.md');
  } finally {
    await ctx.close();
    if (!opt.keep) await admin.query(`drop schema if exists ${SCHEMA} cascade`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
