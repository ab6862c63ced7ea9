/** Vitest global setups: one per database project (see vitest.config.ts). */
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildPgliteImage, buildPostgresGolden } from './golden-image';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImage: string;
  }
}

export async function setupPglite(project: TestProject) {
  const file = await buildPgliteImage();
  project.provide('pgliteImage', file);
  return async () => {
    await rm(file, { force: true });
  };
}

export async function setupPostgres(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('the postgres test project needs TEST_DATABASE_URL');
  await buildPostgresGolden(url);
  project.provide('pgliteImage', '');
}
