/**
 * The set-up every browser test shares: a real server on the demo data and a Chromium page, started
 * before the file's tests and closed after them, plus an optional scratch directory (downloads,
 * files to upload) that is removed afterwards.
 *
 *   const s = useE2ESession({ scratch: 'yiyang-payroll-e2e-' });
 *   it('…', async () => { await login(s.b.page, s.server.url, 'lx_county', DEMO_PASSWORD); … });
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type TestBrowser } from './browser';
import { startServer, type TestServer } from './server';

export interface E2ESession {
  server: TestServer;
  b: TestBrowser;
  /** The scratch directory (only when `scratch` was given). */
  dir: string;
}

export function useE2ESession(opts: { scratch?: string; viewport?: { width: number; height: number }; before?: () => Promise<void> } = {}): E2ESession {
  const s = {} as E2ESession;
  beforeAll(async () => {
    await opts.before?.();
    s.server = await startServer();
    s.b = await launchBrowser();
    if (opts.viewport) await s.b.page.setViewportSize(opts.viewport);
    if (opts.scratch) s.dir = await mkdtemp(join(tmpdir(), opts.scratch));
  });
  afterAll(async () => {
    await s.b?.close();
    await s.server?.close();
    if (s.dir) await rm(s.dir, { recursive: true, force: true });
  });
  return s;
}
