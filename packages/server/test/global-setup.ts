/** Vitest global setups: one per database project (see vitest.config.ts). */
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildPgliteImage, buildPostgresGolden, dropSchema, goldenSchemaFor } from './golden-image';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImage: string;
    pgGoldenSchema: string;
  }
}

export async function setupPglite(project: TestProject) {
  const file = await buildPgliteImage();
  project.provide('pgliteImage', file);
  project.provide('pgGoldenSchema', '');
  return async () => {
    await rm(file, { force: true });
  };
}

export async function setupPostgres(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('the postgres test project needs TEST_DATABASE_URL');
  const schema = goldenSchemaFor(process.pid);
  await buildPostgresGolden(url, schema);
  project.provide('pgliteImage', '');
  project.provide('pgGoldenSchema', schema);
  return async () => {
    await dropSchema(url, schema);
  };
}
