/**
 * First-start and every-start preparation: migrate, make sure the root region, the built-in
 * roles, the platform organisation and the `admin` account exist, and load demo data when asked.
 */
import type { AppContext } from './app-context';
import { migrate } from './db/migrate';
import { seedDemo } from './demo/seed-demo';
import { systemActor } from './platform/actor';

export interface BootstrapResult {
  migrationsApplied: string[];
  adminPassword?: string;
  adminCreated: boolean;
  demoSeeded: boolean;
}

export const PLATFORM_ORG_NAME = '颐养平台运维中心';

export async function bootstrap(ctx: AppContext, opts: { demo: boolean }): Promise<BootstrapResult> {
  const { applied } = await migrate(ctx.db);
  const actor = systemActor('bootstrap');
  const { regions, orgs, users } = ctx.services;
  await regions.ensureRoot();
  await users.ensureSystemRoles();
  // The service catalogue starts as published version 1 of each pack in policies/ (idempotent).
  await ctx.services.catalogue.ensureSeeded();
  const platformOrg = await orgs.ensure(actor, { name: PLATFORM_ORG_NAME, type: 'system', region_code: '000000' });
  const admin = await users.ensureAdmin(actor, platformOrg.id, ctx.config.adminPassword);
  let demoSeeded = false;
  if (opts.demo) demoSeeded = await seedDemo(ctx);
  return {
    migrationsApplied: applied,
    adminCreated: admin.created,
    ...(admin.password ? { adminPassword: admin.password } : {}),
    demoSeeded,
  };
}
