/**
 * Builds the database every test starts from, once per run: migrated, with the regions of the
 * four seed localities loaded. PGlite: a dumped data directory that each test file loads into its
 * own in-memory instance. PostgreSQL: a `golden` schema whose regions each test schema copies.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { readRegions, SOURCE_EDITION } from '../src/modules/regions';

export const TEST_LOCALITIES = ['140400', '330781', '340403', '120115'];

async function regionRows() {
  const rows = await readRegions(TEST_LOCALITIES);
  const order = { country: 0, province: 1, city: 2, county: 3, township: 4, village: 5 } as const;
  rows.sort((a, b) => order[a.level] - order[b.level]);
  return [
    { code: '000000', name: '全国', level: 'country' as const, parent_code: null, source_edition: SOURCE_EDITION },
    ...rows.map((r) => ({ ...r, source_edition: SOURCE_EDITION })),
  ];
}

export async function buildPgliteImage(): Promise<string> {
  const h = await openDatabase({ kind: 'pglite' });
  await migrate(h.db);
  const rows = await regionRows();
  for (let i = 0; i < rows.length; i += 1000) {
    await h.db.insertInto('regions').values(rows.slice(i, i + 1000)).execute();
  }
  const blob = await h.pglite!.dumpDataDir('none');
  const file = join(tmpdir(), `yiyang-golden-${process.pid}-${Date.now()}.tar`);
  await writeFile(file, Buffer.from(await blob.arrayBuffer()));
  await h.close();
  return file;
}

/**
 * Schemas of a test run carry the pid of the run's main process (`yg_<pid>` golden, `yt_<pid>_<n>`
 * per test file), so runs sharing one server (several checkouts, CI) never touch each other's
 * schemas, and schemas left by a crashed run are dropped by the next run on the same machine.
 */
export const goldenSchemaFor = (pid: number) => `yg_${pid}`;
export const testSchemaPrefixFor = (goldenSchema: string) => `yt_${goldenSchema.slice(3)}_`;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function dropSchemasOfDeadRuns(url: string): Promise<void> {
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  const all = await sql<{ nspname: string }>`select nspname from pg_namespace where nspname ~ '^(yg|yt)_[0-9]+'`.execute(admin.db);
  for (const { nspname } of all.rows) {
    const pid = Number(/^(?:yg|yt)_(\d+)/.exec(nspname)![1]);
    if (!pidAlive(pid)) await sql`drop schema if exists ${sql.id(nspname)} cascade`.execute(admin.db);
  }
  await admin.close();
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
  await admin.close();
}

export async function buildPostgresGolden(url: string, schema: string): Promise<void> {
  await dropSchemasOfDeadRuns(url);
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const g = await openDatabase({ kind: 'postgres', url, schema, poolSize: 2 });
  await migrate(g.db);
  const rows = await regionRows();
  for (let i = 0; i < rows.length; i += 1000) {
    await g.db.insertInto('regions').values(rows.slice(i, i + 1000)).execute();
  }
  await g.close();
}
