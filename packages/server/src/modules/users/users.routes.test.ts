import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestContext, createUser, login, type TestContext } from '../../../test/harness';

describe('users, roles and data scope', () => {
  let t: TestContext;
  let city: string;
  let county: string;
  let otherCounty: string;
  let luzhouOrg: string;
  let xiangyuanOrg: string;
  beforeAll(async () => {
    t = await createTestContext();
    await createUser(t, { username: 'cz_city', role: 'city_admin', region: '140400' });
    const c = await createUser(t, { username: 'cz_luzhou', role: 'county_staff', region: '140403' });
    const o = await createUser(t, { username: 'cz_xiangyuan', role: 'county_staff', region: '140423' });
    luzhouOrg = c.org.id;
    xiangyuanOrg = o.org.id;
    city = await login(t.app, 'cz_city');
    county = await login(t.app, 'cz_luzhou');
    otherCounty = await login(t.app, 'cz_xiangyuan');
  });
  afterAll(async () => t.close());

  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('a county user lists only users of their county; the city sees both', async () => {
    const mine = (await get('/api/v1/users?page_size=200', county)).json().items.map((u: { username: string }) => u.username);
    expect(mine).toContain('cz_luzhou');
    expect(mine).not.toContain('cz_xiangyuan');
    expect(mine).not.toContain('cz_city');
    const all = (await get('/api/v1/users?page_size=200', city)).json().items.map((u: { username: string }) => u.username);
    expect(all).toEqual(expect.arrayContaining(['cz_luzhou', 'cz_xiangyuan', 'cz_city']));
  });

  it('objects of another county are 404 and explicit region filters outside the scope are 403', async () => {
    const other = await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'cz_xiangyuan').executeTakeFirstOrThrow();
    expect((await get(`/api/v1/users/${other.id}`, county)).statusCode).toBe(404);
    expect((await get(`/api/v1/orgs/${xiangyuanOrg}`, county)).statusCode).toBe(404);
    const r = await get('/api/v1/orgs?region=140423', county);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('SCOPE_FORBIDDEN');
    expect((await get('/api/v1/regions?parent=140423', county)).statusCode).toBe(403);
  });

  it('cannot create a user in an organisation outside the scope', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: county },
      payload: { username: 'sneaky', display_name: '越权', org_id: xiangyuanOrg, roles: ['street_staff'] },
    });
    expect(r.statusCode).toBe(403);
  });

  it('cannot grant a role with permissions the grantor lacks (no escalation)', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: county },
      payload: { username: 'wannabe', display_name: '越权', org_id: luzhouOrg, roles: ['city_admin'] },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('ROLE_ESCALATION');
    const roleEdit = await t.app.inject({ method: 'POST', url: '/api/v1/roles', headers: { cookie: city }, payload: { code: 'my_role', name: '自定义', permissions: ['persons:read'] } });
    expect(roleEdit.statusCode).toBe(403);
  });

  it('a county user creates a street user; optimistic concurrency refuses a stale edit', async () => {
    const streetOrg = await t.ctx.services.orgs.ensure(t.system, { name: '东街街道办事处', type: 'street_office', region_code: '140403001' });
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: county },
      payload: { username: 'street1', display_name: '街道干部', org_id: streetOrg.id, roles: ['street_staff'] },
    });
    expect(r.statusCode).toBe(201);
    const { user } = r.json();
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: { cookie: county }, payload: { display_name: '张三', version: user.version } });
    expect(ok.statusCode).toBe(200);
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: { cookie: county }, payload: { display_name: '李四', version: user.version } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('disabling a user ends their sessions', async () => {
    await createUser(t, { username: 'leaving', role: 'street_staff', region: '140403002' });
    const cookie = await login(t.app, 'leaving');
    const u = (await get('/api/v1/users?q=leaving', city)).json().items[0];
    const r = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: { cookie: city }, payload: { status: 'disabled', version: u.version } });
    expect(r.statusCode).toBe(200);
    expect((await get('/api/v1/auth/me', cookie)).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leaving', password: 'Test-Passw0rd!' } });
    expect(again.statusCode).toBe(403);
  });

  it('the region tree of a street user starts at their street', async () => {
    await createUser(t, { username: 'st2', role: 'street_staff', region: '140403002' });
    const c = await login(t.app, 'st2');
    const roots = (await get('/api/v1/regions', c)).json().items;
    expect(roots.map((r: { code: string }) => r.code)).toEqual(['140403002']);
    const kids = (await get('/api/v1/regions?parent=140403002', c)).json().items;
    expect(kids.length).toBeGreaterThan(0);
    for (const k of kids) expect(k.code.startsWith('140403002')).toBe(true);
    expect((await get('/api/v1/regions?parent=140403', c)).statusCode).toBe(403);
  });

  it('admin can reset a password; the user must change it at next login', async () => {
    const admin = await login(t.app, 'admin', ADMIN_PASSWORD);
    const u = (await get('/api/v1/users?q=cz_xiangyuan', admin)).json().items[0];
    const r = await t.app.inject({ method: 'POST', url: `/api/v1/users/${u.id}/reset-password`, headers: { cookie: admin } });
    expect(r.statusCode).toBe(200);
    const cookie = await login(t.app, 'cz_xiangyuan', r.json().initial_password);
    expect((await get('/api/v1/auth/me', cookie)).json().session_stage).toBe('password_change');
    // The old session was ended by the reset.
    expect((await get('/api/v1/auth/me', otherCounty)).statusCode).toBe(401);
  });
});
