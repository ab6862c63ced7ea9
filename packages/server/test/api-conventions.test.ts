/** API conventions (issue #2 §9): snake_case, OpenAPI, health, error shape, CSRF, no-store. */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertRouteDeclaresAccess } from '../src/http/access-hooks';
import { ADMIN_PASSWORD, createTestContext, login, type TestContext } from './harness';

function propertyNames(schema: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => propertyNames(s, out));
  else if (schema && typeof schema === 'object') {
    const o = schema as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) out.add(k);
    for (const v of Object.values(o)) propertyNames(v, out);
  }
  return out;
}

describe('API conventions', () => {
  let t: TestContext;
  let admin: string;
  beforeAll(async () => {
    t = await createTestContext();
    admin = await login(t.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => t.close());

  it('serves the OpenAPI document and a browsable page', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });

  it('every JSON field name in the public API is snake_case', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const bad = [...propertyNames(doc.paths), ...propertyNames(doc.components ?? {})].filter((k) => !/^[a-z][a-z0-9_]*$/.test(k));
    expect(bad).toEqual([]);
  });

  it('health answers {"status":"ok"} with database reachability, without a session', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', database: { reachable: true } });
  });

  it('errors have a stable code and a Chinese message', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/orgs?page=zero', headers: { cookie: admin } });
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const nf = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { cookie: admin } });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.code).toBe('ROUTE_NOT_FOUND');
    const badId = await t.app.inject({ method: 'GET', url: '/api/v1/orgs/not-a-uuid', headers: { cookie: admin } });
    expect(badId.statusCode).toBe(400);
  });

  it('unsafe requests from a foreign Origin are refused; scripts without Origin pass', async () => {
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { cookie: admin, origin: 'https://evil.example' },
      payload: { name: '跨站请求', type: 'department', region_code: '330781' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('CSRF_ORIGIN_MISMATCH');
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { cookie: admin, origin: 'http://localhost:80', host: 'localhost:80' },
      payload: { name: '同源请求', type: 'department', region_code: '330781' },
    });
    expect(same.statusCode).toBe(201);
    const script = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { cookie: admin },
      payload: { name: '脚本请求', type: 'department', region_code: '330781' },
    });
    expect(script.statusCode).toBe(201);
  });

  it('API responses are not cached', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin } });
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('a route that declares no permission fails at start-up (deny by default)', async () => {
    const app = Fastify();
    app.addHook('onRoute', assertRouteDeclaresAccess);
    expect(() => app.get('/api/v1/forgotten', async () => ({}))).toThrow(/declares no config.permission/);
    app.get('/api/v1/declared', { config: { permission: 'persons:read' } }, async () => ({}));
    await app.ready();
  });
});
