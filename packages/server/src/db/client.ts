/**
 * Opens the database: embedded PGlite (a data directory on disk, or in memory for tests) or a
 * PostgreSQL server through `pg`. Both return the same Kysely instance type and the same value
 * types: int8 as number, date as 'YYYY-MM-DD' string, numeric as string, timestamptz as Date.
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect';
import type { Database, Db } from './database';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** The underlying PGlite instance (embedded only), for dump/backup. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;

const keepString = (v: string) => v;

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'pglite') {
    const pglite = await PGlite.create({
      ...(target.dataDir ? { dataDir: target.dataDir } : {}),
      ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
      parsers: { [OID.INT8]: (v: string) => Number(v), [OID.DATE]: keepString, [OID.NUMERIC]: keepString },
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await db.destroy();
      },
    };
  }
  const types = {
    getTypeParser: (oid: number, format?: string) => {
      if (oid === OID.INT8) return (v: string) => Number(v);
      if (oid === OID.DATE || oid === OID.NUMERIC) return keepString;
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    types,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    close: async () => {
      await db.destroy();
    },
  };
}

export async function pingDatabase(db: Db): Promise<boolean> {
  const r = await sql<{ ok: number }>`select 1 as ok`.execute(db);
  return r.rows[0]?.ok === 1;
}
