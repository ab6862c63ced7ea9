import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARGON2_PARAMS } from '../../crypto/password-hash';
import { ADMIN_PASSWORD, createTestContext, createUser, fixedClock, login, TEST_PASSWORD, type TestContext } from '../../../test/harness';
import { totpNow } from './totp';

const START = new Date('2026-03-02T01:00:00Z');

describe('authentication', () => {
  let t: TestContext;
  const clock = fixedClock(START);
  beforeAll(async () => {
    t = await createTestContext({ clock });
    await createUser(t, { username: 'lx_staff', role: 'county_staff', region: '330781' });
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: unknown, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: cookie ? { cookie } : {} });

  it('logs in with an httpOnly SameSite session cookie and answers /me', async () => {
    const res = await post('/api/v1/auth/login', { username: 'lx_staff', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'yiyang_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `yiyang_session=${c.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'lx_staff', org: { region_code: '330781' }, session_stage: 'full' });
  });

  it('the admin from YIYANG_ADMIN_PASSWORD signs in with the password alone, no change forced', async () => {
    const cookie = await login(t.app, 'admin', ADMIN_PASSWORD);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ session_stage: 'full', must_change_password: false });
  });

  it('stores argon2id hashes with m ≥ 46 MiB, t ≥ 1', async () => {
    const row = await t.ctx.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row.password_hash);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(ARGON2_PARAMS.memoryCost);
    expect(Number(m![2])).toBeGreaterThanOrEqual(1);
  });

  it('rejects a wrong password with 401 and a stable code, and audits the failure', async () => {
    const res = await post('/api/v1/auth/login', { username: 'lx_staff', password: 'wrong-Passw0rd' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const last = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'auth.login', outcome: 'failure', actor_username: 'lx_staff' });
    await t.ctx.db.updateTable('users').set({ failed_login_count: 0 }).where('username', '=', 'lx_staff').execute();
  });

  it('bad input is a 400, never a 500', async () => {
    expect((await post('/api/v1/auth/login', { username: 'x' })).statusCode).toBe(400);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{not json', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
  });

  it('locks the account for 15 minutes after 5 failures', async () => {
    await createUser(t, { username: 'locky', role: 'street_staff', region: '330781001' });
    for (let i = 0; i < 4; i++) {
      expect((await post('/api/v1/auth/login', { username: 'locky', password: 'Wrong-pass-1' })).statusCode).toBe(401);
    }
    const fifth = await post('/api/v1/auth/login', { username: 'locky', password: 'Wrong-pass-1' });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('AUTH_ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    expect((await post('/api/v1/auth/login', { username: 'locky', password: TEST_PASSWORD })).json().error.code).toBe('AUTH_ACCOUNT_LOCKED');
    clock.advance(14 * 60_000);
    expect((await post('/api/v1/auth/login', { username: 'locky', password: TEST_PASSWORD })).statusCode).toBe(429);
    clock.advance(61_000);
    expect((await post('/api/v1/auth/login', { username: 'locky', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('expires a session after 30 minutes idle and after 12 hours in all', async () => {
    const cookie = await login(t.app, 'lx_staff');
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    clock.advance(29 * 60_000);
    expect((await me()).statusCode).toBe(200);
    clock.advance(29 * 60_000);
    expect((await me()).statusCode).toBe(200); // activity keeps it alive
    clock.advance(31 * 60_000);
    const idle = await me();
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('SESSION_EXPIRED');

    const c2 = await login(t.app, 'lx_staff');
    for (let i = 0; i < 24; i++) {
      clock.advance(29 * 60_000);
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: c2 } });
      expect(r.statusCode).toBe(200);
    }
    clock.advance(29 * 60_000); // 12 h 35 min since login
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: c2 } })).statusCode).toBe(401);
  });

  it('refuses a logged-out session', async () => {
    const cookie = await login(t.app, 'lx_staff');
    expect((await post('/api/v1/auth/logout', {}, cookie)).statusCode).toBe(200);
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('SESSION_REVOKED');
  });

  it('limits failed logins per IP', async () => {
    const t2 = await createTestContext({ config: { YIYANG_LOGIN_IP_LIMIT: '3' } });
    try {
      for (let i = 0; i < 3; i++) {
        await t2.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `nobody${i}`, password: 'x' } });
      }
      const r = await t2.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
      expect(r.statusCode).toBe(429);
      expect(r.json().error.code).toBe('AUTH_RATE_LIMITED');
    } finally {
      await t2.close();
    }
  });

  it('forces a password change for a generated password before anything else', async () => {
    const admin = await login(t.app, 'admin', ADMIN_PASSWORD);
    const org = (await t.ctx.services.orgs.ensure(t.system, { name: '兰溪市民政局', type: 'civil_affairs_bureau', region_code: '330781' })).id;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin },
      payload: { username: 'newbie', display_name: '新人', org_id: org, roles: ['county_staff'] },
    });
    expect(created.statusCode).toBe(201);
    const pw = created.json().initial_password as string;
    expect(pw.length).toBeGreaterThanOrEqual(10);
    const cookie = await login(t.app, 'newbie', pw);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await post('/api/v1/auth/password', { current_password: pw, new_password: 'short' }, cookie);
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    const ok = await post('/api/v1/auth/password', { current_password: pw, new_password: 'Better-Passw0rd' }, cookie);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().session_stage).toBe('full');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: { cookie } })).statusCode).toBe(200);
  });

  it('TOTP required per role: enrol first, then password alone is not enough, each code works once', async () => {
    const admin = await login(t.app, 'admin', ADMIN_PASSWORD);
    const roles = await t.app.inject({ method: 'GET', url: '/api/v1/roles', headers: { cookie: admin } });
    const auditor = roles.json().items.find((r: { code: string }) => r.code === 'auditor');
    const set = await t.app.inject({ method: 'PATCH', url: '/api/v1/roles/auditor', headers: { cookie: admin }, payload: { require_mfa: true, version: auditor.version } });
    expect(set.statusCode).toBe(200);
    await createUser(t, { username: 'aud1', role: 'auditor', region: '330781' });

    const cookie = await login(t.app, 'aud1');
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie } });
    expect(blocked.json().error.code).toBe('MFA_ENROLLMENT_REQUIRED');
    const setup = await post('/api/v1/auth/totp/setup', {}, cookie);
    const secret = setup.json().secret as string;
    expect(setup.json().otpauth_url).toMatch(/^otpauth:\/\/totp\//);
    const enabled = await post('/api/v1/auth/totp/enable', { code: totpNow(secret, clock.now().getTime()) }, cookie);
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().session_stage).toBe('full');

    // A new login without the code gets no session.
    const noCode = await post('/api/v1/auth/login', { username: 'aud1', password: TEST_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('AUTH_TOTP_REQUIRED');
    expect(noCode.cookies.find((c) => c.name === 'yiyang_session')).toBeUndefined();

    clock.advance(31_000);
    const code = totpNow(secret, clock.now().getTime());
    expect((await post('/api/v1/auth/login', { username: 'aud1', password: TEST_PASSWORD, totp_code: code })).statusCode).toBe(200);
    const replay = await post('/api/v1/auth/login', { username: 'aud1', password: TEST_PASSWORD, totp_code: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('AUTH_TOTP_INVALID');
  });
});
