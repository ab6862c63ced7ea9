/**
 * Starts a real Yiyang server in this process for browser tests: a fresh copy of a data directory
 * (embedded PGlite) seeded once per run with the demo data of the four seed localities, the built web app from
 * packages/web/dist, listening on a random loopback port. Mirrors `yiyang serve`
 * (packages/server/src/cli/commands/serve.command.ts).
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { bootstrap, buildApp, createAppContext, loadConfig } from '../../packages/server/src/index.ts';
import { registerJobHandlers } from '../../packages/server/src/jobs/handlers.ts';
import { inject } from 'vitest';

export const ADMIN_PASSWORD = 'Root-Passw0rd!';
/** Password of every demo account (packages/server/src/demo/seed-demo.ts). */
export const DEMO_PASSWORD = 'Yiyang@2025!';

export const WEB_DIST = fileURLToPath(new URL('../../packages/web/dist/', import.meta.url));

export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export function assertWebBuilt(): void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `The web app is not built (${join(WEB_DIST, 'index.html')} is missing). ` +
        'Run `npm run build` (or `npm run build -w @yiyang/web`) before the browser tests.',
    );
  }
}

export async function startServer(): Promise<TestServer> {
  assertWebBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'yiyang-e2e-'));
  // A copy of the demo data directory seeded once per run (support/global-setup.ts).
  await cp(inject('e2eGoldenDataDir'), dataDir, { recursive: true });
  const config = loadConfig({
    YIYANG_DATA_DIR: dataDir,
    YIYANG_ADMIN_PASSWORD: ADMIN_PASSWORD,
    YIYANG_DEMO: 'true',
    YIYANG_WEB_DIR: WEB_DIST,
    YIYANG_JOBS: 'true',
    LOG_LEVEL: 'warn',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const ctx = await createAppContext({ config });
  try {
    await bootstrap(ctx, { demo: config.demo });
    registerJobHandlers(ctx);
    const app = await buildApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    ctx.jobs.start();
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      dataDir,
      async close() {
        await app.close();
        await ctx.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}
