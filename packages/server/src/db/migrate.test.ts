import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from './migrate';
import { openTestDatabase } from '../../test/harness';
import type { DatabaseHandle } from './client';

describe('migrations', () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase();
  });
  afterAll(async () => h.close());

  it('applied every migration; running again is a no-op', async () => {
    const files = await listMigrations();
    const applied = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(h.db);
    expect(applied.rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
    const again = await migrate(h.db);
    expect(again.applied).toEqual([]);
  });

  it('refuses a migration that changed after it was applied', async () => {
    const first = (await listMigrations())[0]!;
    await sql`update schema_migrations set checksum = 'edited' where name = ${first.name}`.execute(h.db);
    await expect(migrate(h.db)).rejects.toThrow(/was changed after it was applied/);
    await sql`update schema_migrations set checksum = ${first.checksum} where name = ${first.name}`.execute(h.db);
  });

  it('region codes compare byte-wise (C collation) so subtree LIKE can use the index', async () => {
    const r = await sql<{ collation_name: string | null }>`
      select collation_name from information_schema.columns
      where table_name = 'regions' and column_name = 'code' and table_schema = current_schema()`.execute(h.db);
    expect(r.rows[0]?.collation_name).toBe('C');
  });
});
