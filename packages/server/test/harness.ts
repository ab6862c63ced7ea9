/**
 * Test harness: a fresh, isolated database per test file (PGlite from the golden image, or a new
 * schema on the PostgreSQL server when YIYANG_TEST_DB=postgres), the real services and HTTP app,
 * and small factories for organisations and users.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import { inject } from 'vitest';
import { createAppContext, type AppContext } from '../src/app-context';
import { bootstrap } from '../src/bootstrap';
import { loadConfig, type Config } from '../src/config';
import { ephemeralKeys } from '../src/crypto/keys';
import { hashPassword } from '../src/crypto/password-hash';
import { openDatabase, type DatabaseHandle } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { buildApp } from '../src/http/app';
import { registerJobHandlers } from '../src/jobs/handlers';
import { systemActor, type Actor } from '../src/platform/actor';
import { fixedClock, systemClock, type Clock } from '../src/platform/clock';
import { testSchemaPrefixFor } from './golden-image';

export const TEST_PASSWORD = 'Test-Passw0rd!';
export const ADMIN_PASSWORD = 'Root-Passw0rd!';

export const testDbKind = (): 'pglite' | 'postgres' => (process.env.YIYANG_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

export async function openTestDatabase(): Promise<DatabaseHandle & { dropSchema?: () => Promise<void> }> {
  if (testDbKind() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const golden = inject('pgGoldenSchema');
    const schema = `${testSchemaPrefixFor(golden)}${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
    const h = await openDatabase({ kind: 'postgres', url, schema, poolSize: 5 });
    await migrate(h.db);
    await sql`insert into regions select * from ${sql.id(golden)}.regions`.execute(h.db);
    return {
      ...h,
      close: async () => {
        await h.close();
        const a = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(a.db);
        await a.close();
      },
    };
  }
  const image = inject('pgliteImage');
  const data = await readFile(image);
  return openDatabase({ kind: 'pglite', loadDataDir: new Blob([data]) });
}

export function testConfig(overrides: Partial<Record<string, string>> = {}): Readonly<Config> {
  return loadConfig({
    YIYANG_DATA_DIR: '/tmp/yiyang-test-unused',
    YIYANG_ADMIN_PASSWORD: ADMIN_PASSWORD,
    YIYANG_DEMO: 'false',
    YIYANG_WEB_DIR: '/nonexistent-web-dir',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export interface TestContext {
  ctx: AppContext;
  app: FastifyInstance;
  clock: Clock;
  system: Actor;
  close(): Promise<void>;
}

export async function createTestContext(opts: { clock?: Clock; config?: Partial<Record<string, string>>; withApp?: boolean } = {}): Promise<TestContext> {
  const config = testConfig(opts.config);
  const dbHandle = await openTestDatabase();
  const clock = opts.clock ?? systemClock;
  const ctx = await createAppContext({ config, dbHandle, clock, keys: ephemeralKeys(), log: pino({ level: 'silent' }) });
  await bootstrap(ctx, { demo: false });
  registerJobHandlers(ctx);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    ctx,
    app,
    clock,
    system: systemActor('test'),
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}

export { fixedClock };

let testHash: Promise<string> | undefined;
/** argon2 of TEST_PASSWORD, computed once: factories insert users without re-hashing. */
export function testPasswordHash(): Promise<string> {
  testHash ??= hashPassword(TEST_PASSWORD);
  return testHash;
}

/** Find or create an organisation of a type at a region. */
export async function ensureOrg(t: TestContext, regionCode: string, type: Parameters<AppContext['services']['orgs']['ensure']>[1]['type'] = 'civil_affairs_bureau', name?: string) {
  const n = name ?? `${type}-${regionCode}`;
  return t.ctx.services.orgs.ensure(t.system, { name: n, type, region_code: regionCode });
}

/** Create a user with the given role at a region, password TEST_PASSWORD, no forced change. */
export async function createUser(
  t: TestContext,
  o: { username: string; role: string | string[]; region: string; orgType?: Parameters<typeof ensureOrg>[2]; mustChangePassword?: boolean },
) {
  const org = await ensureOrg(t, o.region, o.orgType);
  const roles = Array.isArray(o.role) ? o.role : [o.role];
  const db = t.ctx.db;
  const { id } = await db
    .insertInto('users')
    .values({
      username: o.username,
      display_name: o.username,
      org_id: org.id,
      password_hash: await testPasswordHash(),
      must_change_password: o.mustChangePassword ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values(roles.map((role_code) => ({ user_id: id, role_code }))).execute();
  return { id, username: o.username, org };
}

/** Sign in through the API and return the Cookie header value. */
export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD, totp_code?: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...(totp_code ? { totp_code } : {}) } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'yiyang_session');
  if (!cookie) throw new Error('no session cookie');
  return `yiyang_session=${cookie.value}`;
}

/** The actor a user acts as, built the same way the HTTP layer builds it. */
export async function actorFor(t: TestContext, userId: string): Promise<Actor> {
  const { principalToActor } = await import('../src/modules/users');
  const p = await t.ctx.services.users.principal(userId);
  if (!p) throw new Error('no such user');
  return principalToActor(p);
}
