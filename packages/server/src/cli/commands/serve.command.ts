import { createAppContext } from '../../app-context';
import { bootstrap } from '../../bootstrap';
import type { Config } from '../../config';
import { buildApp } from '../../http/app';
import { acquireDataDirLock } from '../lockfile';
import { registerJobHandlers } from '../../jobs/handlers';

export async function serveCommand(config: Readonly<Config>): Promise<void> {
  const t0 = performance.now();
  const release = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  const ctx = await createAppContext({ config });
  const boot = await bootstrap(ctx, { demo: config.demo });
  registerJobHandlers(ctx);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  if (config.jobs) ctx.jobs.start();
  const ms = Math.round(performance.now() - t0);
  const rssMb = Math.round(process.memoryUsage().rss / 1048576);
  ctx.log.info(
    { startup_ms: ms, rss_mb: rssMb, database: ctx.dbHandle.kind, keys: ctx.keys.source, migrations: boot.migrationsApplied.length, demo: boot.demoSeeded },
    'Yiyang started',
  );
  const url = `http://localhost:${config.port}`;
  process.stdout.write(`\n颐养 Yiyang 已启动：${url}  （API 文档 ${url}/api/docs，启动用时 ${ms} ms，内存 ${rssMb} MB）\n`);
  if (boot.adminPassword) {
    process.stdout.write(
      `\n首次启动：管理员账号 admin 的初始密码为  ${boot.adminPassword}\n此密码只显示这一次，首次登录后须修改。\n\n`,
    );
  }
  const shutdown = async (signal: string) => {
    ctx.log.info({ signal }, 'shutting down');
    await app.close();
    await ctx.close();
    release();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
