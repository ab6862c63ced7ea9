/**
 * The `yiyang` CLI as an operator runs it: a separate process on an embedded data directory.
 * `audit verify` passes on an intact trail and fails (exit 1) after an entry is edited in the
 * database; backup and restore round-trip the embedded database.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { testDbKind } from '../../test/harness';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function yiyang(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, YIYANG_DATA_DIR: dataDir, YIYANG_ADMIN_PASSWORD: 'Root-Passw0rd!', YIYANG_DEMO: 'false', DATABASE_URL: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.runIf(testDbKind() === 'pglite')('yiyang CLI on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yiyang-cli-'));
  const restored = mkdtempSync(join(tmpdir(), 'yiyang-cli-restored-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(restored, { recursive: true, force: true });
  });

  it('migrate, then audit verify passes', () => {
    const m = yiyang(dir, 'migrate');
    expect(m.code, m.out).toBe(0);
    const v = yiyang(dir, 'audit', 'verify');
    expect(v.code, v.out).toBe(0);
    expect(v.out).toMatch(/审计日志完整：已校验 \d+ 条/);
  });

  it('backup writes a file that restores into an empty data directory', () => {
    const file = join(dir, 'backup.tgz');
    const b = yiyang(dir, 'backup', '--out', file);
    expect(b.code, b.out).toBe(0);
    expect(existsSync(file)).toBe(true);
    const r = yiyang(restored, 'restore', '--from', file);
    expect(r.code, r.out).toBe(0);
    const again = yiyang(restored, 'restore', '--from', file);
    expect(again.code).not.toBe(0);
    expect(again.out).toMatch(/不为空/);
  });

  it('audit verify fails with exit code 1 after an entry is edited directly in the database', async () => {
    const h = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
    await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(h.db);
    await sql`update audit_log set action = 'forged' where seq = 1`.execute(h.db);
    await h.close();
    const v = yiyang(dir, 'audit', 'verify');
    expect(v.code, v.out).toBe(1);
    expect(v.out).toMatch(/第1条：记录内容与哈希不符/);
  });

  it('unknown commands print the help and exit 2', () => {
    const r = yiyang(dir, 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/用法: yiyang/);
  });
});
