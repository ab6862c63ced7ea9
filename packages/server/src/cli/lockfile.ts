/**
 * PGlite is one process's database: two processes opening the same data directory would corrupt
 * it. `serve` holds a pid lock file; CLI commands that open the database refuse while it is held.
 */
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'yiyang.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid)) {
      throw new Error(`数据目录 ${dataDir} 正被进程 ${pid} 使用（yiyang serve 正在运行？）。请先停止它。`);
    }
  }
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {
      /* best effort on exit */
    }
  };
}
