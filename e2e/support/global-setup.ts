/**
 * Seeds one embedded data directory with the demo data, once per test run. Each test file starts
 * its own server on a copy of it (support/server.ts), so files stay isolated without paying for
 * demo seeding every time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bootstrap, createAppContext, loadConfig } from '../../packages/server/src/index.ts';
import { ADMIN_PASSWORD } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eGoldenDataDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), 'yiyang-e2e-golden-'));
  const config = loadConfig({ YIYANG_DATA_DIR: dataDir, YIYANG_ADMIN_PASSWORD: ADMIN_PASSWORD, YIYANG_DEMO: 'true', LOG_LEVEL: 'warn' });
  const ctx = await createAppContext({ config });
  try {
    await bootstrap(ctx, { demo: true });
    // Let demo jobs (e.g. population runs) finish so every copy starts from the same state.
    const { registerJobHandlers } = await import('../../packages/server/src/jobs/handlers.ts');
    registerJobHandlers(ctx);
    await ctx.jobs.drain();
  } finally {
    await ctx.close();
  }
  project.provide('e2eGoldenDataDir', dataDir);
  return async () => {
    await rm(dataDir, { recursive: true, force: true });
  };
}
