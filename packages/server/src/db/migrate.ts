/**
 * Migrations are plain SQL files in `packages/server/migrations`, named `NNNN_verb-object.sql`
 * (checked by scripts/check-migration-names.ts). The same files run on PGlite (PostgreSQL 18) and
 * on a PostgreSQL 15+ server. Each file runs in its own transaction; a checksum guards against
 * editing a released migration.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(dir + name, 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    }),
  );
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  await sql`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
  const done = await sql<{ name: string; checksum: string }>`select name, checksum from schema_migrations`.execute(db);
  const doneByName = new Map(done.rows.map((r) => [r.name, r.checksum]));
  const files = await listMigrations(dir);
  const applied: string[] = [];
  for (const file of files) {
    const previous = doneByName.get(file.name);
    if (previous !== undefined) {
      if (previous !== file.checksum) {
        throw new Error(`migration ${file.name} was changed after it was applied; add a new migration instead`);
      }
      continue;
    }
    await db.transaction().execute(async (trx) => {
      await sql.raw(file.sql).execute(trx);
      await sql`insert into schema_migrations (name, checksum) values (${file.name}, ${file.checksum})`.execute(trx);
    });
    applied.push(file.name);
  }
  return { applied, alreadyApplied: doneByName.size };
}
