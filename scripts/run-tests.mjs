#!/usr/bin/env node
// Runs the test projects in two waves: first unit + server tests (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set) in parallel, then the browser tests on their own, so the browser
// journeys do not compete with the server suites for the machine's two cores.
import { spawnSync } from 'node:child_process';

const vitest = (args) => spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args], { stdio: 'inherit' });
const extra = process.argv.slice(2);
const projects = ['unit', 'pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];
if (!process.env.TEST_DATABASE_URL) {
  console.warn('TEST_DATABASE_URL is not set: the PostgreSQL suite is skipped (set it, e.g. postgres://postgres@127.0.0.1:5432/test).');
}
const first = vitest([...projects.flatMap((p) => ['--project', p]), ...extra]);
if (first.status !== 0) process.exit(first.status ?? 1);
const second = vitest(['--project', 'e2e', ...extra]);
process.exit(second.status ?? 1);
