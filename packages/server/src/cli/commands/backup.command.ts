/**
 * Backups. A PostgreSQL server: `pg_dump --format=custom` (restore with pg_restore or
 * `yiyang restore`). The embedded database: a compressed copy of the PGlite data directory taken
 * through PGlite itself (consistent), restored into an empty data directory. The master key is
 * NOT inside the backup: keep `<data dir>/keys/master.key` (or YIYANG_SECRET_KEY) separately.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { openDatabase } from '../../db/client';
import type { Config } from '../../config';
import { acquireDataDirLock } from '../lockfile';

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.error) throw new Error(`无法运行 ${cmd}（请安装 PostgreSQL 客户端工具）：${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} 失败，退出码 ${r.status}`);
}

export async function backupCommand(config: Readonly<Config>, out: string): Promise<void> {
  if (config.databaseUrl) {
    run('pg_dump', ['--format=custom', '--no-owner', `--file=${out}`, config.databaseUrl]);
    process.stdout.write(`已备份到 ${out}（pg_dump 自定义格式）\n`);
    return;
  }
  const release = acquireDataDirLock(config.dataDir);
  try {
    const h = await openDatabase({ kind: 'pglite', dataDir: `${config.dataDir}/pglite` });
    const blob = await h.pglite!.dumpDataDir('gzip');
    await writeFile(out, Buffer.from(await blob.arrayBuffer()));
    await h.close();
    process.stdout.write(`已备份内置数据库到 ${out}。注意：主密钥 ${config.dataDir}/keys/master.key 不在备份内，请另行保管。\n`);
  } finally {
    release();
  }
}

export async function restoreCommand(config: Readonly<Config>, from: string): Promise<void> {
  if (config.databaseUrl) {
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, from]);
    process.stdout.write(`已从 ${from} 恢复\n`);
    return;
  }
  const dir = `${config.dataDir}/pglite`;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new Error(`目标数据目录 ${dir} 不为空。请先移走它，再恢复。`);
  }
  const release = acquireDataDirLock(config.dataDir);
  try {
    const data = await readFile(from);
    const h = await openDatabase({ kind: 'pglite', dataDir: dir, loadDataDir: new Blob([data]) });
    await h.close();
    process.stdout.write(`已恢复内置数据库到 ${dir}\n`);
  } finally {
    release();
  }
}
