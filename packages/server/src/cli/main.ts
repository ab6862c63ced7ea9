/**
 * The `yiyang` command line. Commands are thin adapters over the same services the HTTP routes
 * call, acting as a "cli" actor so the audit trail records them (architecture guide §10).
 */
import { parseArgs } from 'node:util';
import { createAppContext } from '../app-context';
import { bootstrap } from '../bootstrap';
import { CONFIG_DOC, loadConfig, type Config } from '../config';
import { migrate } from '../db/migrate';
import { seedDemo } from '../demo/seed-demo';
import { systemActor } from '../platform/actor';
import { backupCommand, restoreCommand } from './commands/backup.command';
import { serveCommand } from './commands/serve.command';
import { acquireDataDirLock } from './lockfile';
import { CLI_COMMANDS } from './registry';

const HELP = `yiyang — 颐养基本养老服务平台

用法: yiyang <命令> [参数]

  serve                     启动 Web 与 API 服务（首次启动自动建库、迁移、载入演示数据）
  migrate                   执行数据库迁移
  seed-demo                 载入四个示范地区的演示数据
  audit verify              校验审计日志哈希链（发现篡改或删除时退出码为 1）
  backup --out FILE         备份（服务器用 pg_dump；内置数据库为数据目录压缩包）
  restore --from FILE       恢复备份
  regions load CODE...      从区划数据包载入地区（含全部下级至村/社区），如 330782
  users reset-password NAME 重置用户密码（管理员找回），打印新的初始密码
  config                    列出配置项
${CLI_COMMANDS.map((c) => `  ${c.usage.padEnd(26)}${c.summary}`).join('\n')}

配置通过环境变量给出，见 README。`;

async function withContext<T>(config: Readonly<Config>, fn: (ctx: Awaited<ReturnType<typeof createAppContext>>) => Promise<T>): Promise<T> {
  const release = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  const ctx = await createAppContext({ config: { ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel } });
  try {
    await bootstrap(ctx, { demo: false });
    return await fn(ctx);
  } finally {
    await ctx.close();
    release();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serveCommand(config);
      return -1; // keep running
    case 'migrate': {
      const release = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
      const ctx = await createAppContext({ config });
      const r = await migrate(ctx.db);
      await ctx.close();
      release();
      process.stdout.write(r.applied.length ? `已执行迁移：\n  ${r.applied.join('\n  ')}\n` : '数据库已是最新\n');
      return 0;
    }
    case 'seed-demo':
      return withContext(config, async (ctx) => {
        const ran = await seedDemo(ctx);
        process.stdout.write(ran ? '演示数据已载入\n' : '演示数据此前已载入\n');
        return 0;
      });
    case 'audit': {
      if (rest[0] !== 'verify') break;
      return withContext(config, async (ctx) => {
        const r = await ctx.services.audit.verify();
        if (r.ok) {
          process.stdout.write(`审计日志完整：已校验 ${r.checked} 条\n`);
          return 0;
        }
        process.stdout.write(`审计日志校验失败：已校验 ${r.checked} 条，发现 ${r.problems.length} 处问题\n`);
        for (const p of r.problems) process.stdout.write(`  第${p.seq}条：${p.problem}\n`);
        return 1;
      });
    }
    case 'backup': {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
      if (!values.out) break;
      await backupCommand(config, values.out);
      return 0;
    }
    case 'restore': {
      const { values } = parseArgs({ args: rest, options: { from: { type: 'string' } } });
      if (!values.from) break;
      await restoreCommand(config, values.from);
      return 0;
    }
    case 'regions': {
      if (rest[0] !== 'load' || rest.length < 2) break;
      return withContext(config, async (ctx) => {
        const r = await ctx.services.regions.load(systemActor('cli', 'cli'), rest.slice(1));
        process.stdout.write(`已载入 ${r.loaded} 个区划\n`);
        return 0;
      });
    }
    case 'users': {
      if (rest[0] !== 'reset-password' || !rest[1]) break;
      const username = rest[1];
      return withContext(config, async (ctx) => {
        const u = await ctx.services.users.findByUsername(username);
        if (!u) {
          process.stderr.write(`用户 ${username} 不存在\n`);
          return 1;
        }
        const r = await ctx.services.users.resetPassword(systemActor('cli', 'cli'), u.id);
        process.stdout.write(`用户 ${username} 的新初始密码：${r.initial_password}\n（首次登录须修改）\n`);
        return 0;
      });
    }
    case 'config':
      for (const c of CONFIG_DOC) process.stdout.write(`${c.name.padEnd(30)}${c.default.padEnd(34)}${c.description}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(HELP + '\n');
      return 0;
    default: {
      const extra = CLI_COMMANDS.find((c) => c.name === command);
      if (extra) return withContext(config, (ctx) => extra.run(ctx, rest));
    }
  }
  process.stderr.write(HELP + '\n');
  return 2;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (e: unknown) => {
      process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
