/**
 * Test projects:
 *   unit      pure tests (core, policies, server *.unit.test.ts)
 *   pglite    server tests on the embedded database (always)
 *   postgres  the same server tests on a PostgreSQL server (when TEST_DATABASE_URL is set)
 *   e2e       browser tests: Debian's Chromium driven by playwright-core against a real server
 */
import { defineConfig } from 'vitest/config';

const serverTests = ['packages/server/**/*.test.ts'];
const serverExclude = ['packages/server/**/*.unit.test.ts', '**/node_modules/**'];

const projects = [
  {
    test: {
      name: 'unit',
      include: ['packages/core/**/*.test.ts', 'policies/**/*.test.ts', 'packages/server/**/*.unit.test.ts', 'packages/web/**/*.test.ts', 'scripts/**/*.test.ts'],
      exclude: ['**/node_modules/**'],
    },
  },
  {
    test: {
      name: 'pglite',
      include: serverTests,
      exclude: serverExclude,
      globalSetup: ['packages/server/test/global-setup-pglite.ts'],
      env: { YIYANG_TEST_DB: 'pglite' },
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          test: {
            name: 'postgres',
            include: serverTests,
            exclude: serverExclude,
            globalSetup: ['packages/server/test/global-setup-postgres.ts'],
            env: { YIYANG_TEST_DB: 'postgres' },
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ]
    : []),
  {
    test: {
      name: 'e2e',
      include: ['e2e/**/*.test.ts'],
      globalSetup: ['e2e/support/global-setup.ts'],
      testTimeout: 180_000,
      hookTimeout: 300_000,
      // One browser journey at a time: they share the 2-core machine with the server under test.
      fileParallelism: false,
      // expect.poll waits for what the page shows after a request; its default of 1 s is shorter
      // than a save takes on a loaded 2-core machine (the assessment journey failed in CI at load).
      expect: { poll: { timeout: 15_000 } },
    },
  },
];

export default defineConfig({
  test: {
    projects,
    pool: 'forks',
  },
});
