/**
 * Shared set-up of the registry benchmarks: machine facts, an application context on a fresh
 * PostgreSQL schema or a fresh PGlite data directory (migrated, regions loaded), and phases run
 * in child processes so each phase's peak RSS is its own.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem, platform, release } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { createAppContext, type AppContext } from '../../packages/server/src/app-context';
import { bootstrap } from '../../packages/server/src/bootstrap';
import { loadConfig } from '../../packages/server/src/config';
import { keysFromMaster } from '../../packages/server/src/crypto/keys';
import { openDatabase } from '../../packages/server/src/db/client';
import { registerJobHandlers } from '../../packages/server/src/jobs/handlers';
import { systemActor } from '../../packages/server/src/platform/actor';

export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function machine(): string {
  const pg = spawnSync('psql', [PG_URL, '-Atc', 'show server_version'], { encoding: 'utf8' }).stdout.trim();
  return `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${release()}, Node ${process.version}, PostgreSQL ${pg || '?'}, PGlite (PostgreSQL 17/18 WASM)`;
}

export interface BenchDb {
  ctx: AppContext;
  kind: 'postgres' | 'pglite';
  schema?: string;
  dispose(): Promise<void>;
}

/** A migrated database with the regions of `localities` loaded, the real services and key material. */
export async function benchContext(kind: 'postgres' | 'pglite', localities: string[], opts: { schema?: string; keep?: boolean } = {}): Promise<BenchDb> {
  const config = loadConfig({ YIYANG_DATA_DIR: '/tmp/yiyang-bench-unused', YIYANG_ADMIN_PASSWORD: 'Root-Passw0rd!', YIYANG_DEMO: 'false', LOG_LEVEL: 'silent' });
  let dispose: () => Promise<void>;
  let schema: string | undefined;
  let handle;
  if (kind === 'postgres') {
    schema = opts.schema ?? `bench_${randomBytes(4).toString('hex')}`;
    const admin = await openDatabase({ kind: 'postgres', url: PG_URL, poolSize: 1 });
    await sql`create schema if not exists ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
    handle = await openDatabase({ kind: 'postgres', url: PG_URL, schema, poolSize: 4 });
    const s = schema;
    dispose = async () => {
      if (opts.keep) return;
      const a = await openDatabase({ kind: 'postgres', url: PG_URL, poolSize: 1 });
      await sql`drop schema if exists ${sql.id(s)} cascade`.execute(a.db);
      await a.close();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'yiyang-bench-pglite-'));
    handle = await openDatabase({ kind: 'pglite', dataDir: dir });
    dispose = async () => rmSync(dir, { recursive: true, force: true });
  }
  // Fixed key material so a prepared CSV of ciphertexts matches the blind indexes of a later run.
  const ctx = await createAppContext({ config, dbHandle: handle, keys: benchKeys(), log: pino({ level: 'silent' }) });
  await bootstrap(ctx, { demo: false });
  registerJobHandlers(ctx);
  await ctx.services.regions.load(systemActor('bench'), localities);
  return {
    ctx,
    kind,
    ...(schema ? { schema } : {}),
    async dispose() {
      await ctx.close();
      await dispose();
    },
  };
}

let keys: ReturnType<typeof keysFromMaster> | undefined;
function benchKeys() {
  keys ??= keysFromMaster(Buffer.alloc(32, 7), 'ephemeral');
  return keys;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Run this script again as a child for one phase; returns its last stdout line parsed as JSON. */
export function runPhase(script: string, phase: string, env: Record<string, string> = {}): Record<string, number | string> {
  // BENCH_CPU_PROF=DIR writes a V8 CPU profile of each measured phase into DIR (open it in Chrome DevTools).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const r = spawnSync(process.execPath, [...prof, '--import', 'tsx', '--max-old-space-size=4096', script, `--phase=${phase}`], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`phase ${phase} failed: ${r.stderr.slice(-3000)}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!);
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
