/**
 * Route enumeration (issue #2; security targets 1 and 2): for EVERY route in the OpenAPI document,
 *  - an anonymous call gets 401 (except public routes),
 *  - a signed-in user without the route's permission gets 403,
 *  - a user of another county, holding every permission, gets no data of this county:
 *    403/404, or a response in which none of this county's codes or record ids appear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '@yiyang/core';
import ExcelJS from 'exceljs';
import { createTestContext, createUser, login, type TestContext } from './harness';
import { ROUTE_FIXTURES, WORLD_BUILDERS, type RouteCall, type ScopeWorld } from './route-fixtures';

interface RouteInfo {
  method: string;
  path: string;
  permission: string;
  hasBody: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function callFor(r: RouteInfo, w: ScopeWorld): RouteCall | null {
  const f = ROUTE_FIXTURES[`${r.method} ${r.path}`];
  if (f) return f(w);
  if (r.path.includes('{') || r.hasBody) return null;
  return { url: r.path };
}

describe('route enumeration: authentication, permission and data scope on every route', () => {
  let t: TestContext;
  let routes: RouteInfo[];
  let world: ScopeWorld & { secrets: string[] };
  let noPerm: string;
  let outsider: string;
  let insiderNoReveal: string;

  beforeAll(async () => {
    t = await createTestContext();
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { 'x-permission'?: string; requestBody?: unknown }>>;
    };
    routes = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const m of METHODS) {
        const op = ops[m];
        if (op) routes.push({ method: m.toUpperCase(), path, permission: op['x-permission'] ?? '(none)', hasBody: !!op.requestBody });
      }
    }
    // Roles for the matrix: nothing at all, and everything (but scoped to county B).
    await t.ctx.db.insertInto('roles').values([
      { code: 'test_nothing', name: '无权限', permissions: [] },
      { code: 'test_everything', name: '全部权限', permissions: [...ALL_PERMISSIONS] },
      { code: 'test_no_reveal', name: '除查看敏感信息外全部权限', permissions: ALL_PERMISSIONS.filter((p) => p !== 'pii:reveal') },
    ]).execute();
    await createUser(t, { username: 'a_noreveal', role: 'test_no_reveal', region: '330781' });
    const a = await createUser(t, { username: 'a_county', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'b_all', role: 'test_everything', region: '340403' });
    await createUser(t, { username: 'a_noperm', role: 'test_nothing', region: '330781' });
    const streetOrg = await t.ctx.services.orgs.ensure(t.system, { name: '兰溪市云山街道办事处', type: 'street_office', region_code: '330781001' });
    world = { t, regionA: '330781', regionB: '340403', streetA: '330781001', orgA: streetOrg.id, userA: a.id, ids: {}, secrets: [] };
    for (const build of WORLD_BUILDERS) await build(world);
    noPerm = await login(t.app, 'a_noperm');
    outsider = await login(t.app, 'b_all');
    insiderNoReveal = await login(t.app, 'a_noreveal');
  });
  afterAll(async () => t.close());

  it('the document lists the routes and every route declares its access', () => {
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes.filter((r) => r.permission === '(none)');
    expect(undeclared).toEqual([]);
  });

  it('every route with path parameters or a body has a fixture', () => {
    const missing = routes.filter((r) => callFor(r, world) === null).map((r) => `${r.method} ${r.path}`);
    expect(missing, 'add these routes to test/route-fixtures.ts').toEqual([]);
  });

  it('anonymous calls get 401 on every non-public route', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (r.permission === 'public') continue;
      const call = callFor(r, world)!;
      const res = await t.app.inject({ method: r.method as 'GET', url: call.url, headers: { ...call.headers }, ...(call.body !== undefined ? { payload: call.body as object } : {}) });
      if (res.statusCode !== 401) failures.push(`${r.method} ${r.path} → ${res.statusCode}`);
      else expect(res.json().error.code).toMatch(/^SESSION_/);
    }
    expect(failures).toEqual([]);
  });

  it('a user without the permission gets 403 on every permission route', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (r.permission === 'public' || r.permission === 'authenticated') continue;
      const call = callFor(r, world)!;
      const res = await t.app.inject({ method: r.method as 'GET', url: call.url, headers: { ...call.headers, cookie: noPerm }, ...(call.body !== undefined ? { payload: call.body as object } : {}) });
      if (res.statusCode !== 403) failures.push(`${r.method} ${r.path} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('a user of another county with every permission gets none of this county’s data', async () => {
    const leaks: string[] = [];
    let checkedResponses = 0;
    const markers = () => [world.regionA, world.orgA, world.userA, ...Object.values(world.ids)];
    for (const r of routes) {
      if (r.permission === 'public' || r.permission === 'authenticated') continue;
      const call = callFor(r, world)!;
      const calls: Array<RouteCall & { extra?: boolean }> = [call];
      // Lists are also called without filters: the default must be the caller's own scope.
      if (r.method === 'GET' && !r.path.includes('{') && call.url.includes('?')) calls.push({ url: `${r.path}?page_size=200`, extra: true });
      for (const c of calls) {
        const res = await t.app.inject({ method: r.method as 'GET', url: c.url, headers: { ...c.headers, cookie: outsider }, ...(c.body !== undefined ? { payload: c.body as object } : {}) });
        if (res.statusCode === 403 || res.statusCode === 404) continue;
        if (res.statusCode >= 500) {
          leaks.push(`${r.method} ${c.url} → ${res.statusCode}`);
          continue;
        }
        if (res.statusCode === 400 && c.extra) continue; // a required filter is missing: nothing returned
        if (res.statusCode === 400) {
          leaks.push(`${r.method} ${c.url} → 400 (fixture invalid: ${res.body.slice(0, 200)})`);
          continue;
        }
        checkedResponses++;
        const found = markers().filter((m) => res.body.includes(m));
        if (found.length) leaks.push(`${r.method} ${c.url} → ${res.statusCode} contains ${found.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
    // The check is only meaningful if some responses with data were inspected.
    expect(checkedResponses).toBeGreaterThan(3);
  });

  it('no response shows a full ID number, mobile or account number to a user without pii:reveal', async () => {
    const { parseIdNumber } = await import('@yiyang/core');
    const hits: string[] = [];
    for (const r of routes) {
      if (r.permission === 'public' || r.permission === 'pii:reveal') continue;
      // Signing out here would turn every later call into a 401 and the scan into a no-op.
      if (r.path === '/api/v1/auth/logout') continue;
      const call = callFor(r, world)!;
      const res = await t.app.inject({ method: r.method as 'GET', url: call.url, headers: { ...call.headers, cookie: insiderNoReveal }, ...(call.body !== undefined ? { payload: call.body as object } : {}) });
      if (res.statusCode === 401) hits.push(`${r.method} ${r.path}: 401 — the scan did not see this route`);
      let body = res.body;
      // Spreadsheet downloads (templates, error reports) are scanned cell by cell.
      if (String(res.headers['content-type'] ?? '').includes('spreadsheetml')) body = await xlsxText(res.rawPayload);
      for (const s of world.secrets) if (body.includes(s)) hits.push(`${r.method} ${r.path}: contains a fixture secret`);
      // Digits inside ids (UUIDs, request ids) are not personal data: require non-hex neighbours.
      for (const m of body.matchAll(/(?<![0-9a-fA-F-])[0-9]{17}[0-9Xx](?![0-9a-fA-F-])/g)) {
        if (parseIdNumber(m[0], '2099-12-31').ok) hits.push(`${r.method} ${r.path}: ID number ${m[0].slice(0, 6)}…`);
      }
      for (const m of body.matchAll(/(?<![0-9a-fA-F-])1[3-9][0-9]{9}(?![0-9a-fA-F-])/g)) hits.push(`${r.method} ${r.path}: mobile ${m[0].slice(0, 3)}…`);
      for (const m of body.matchAll(/(?<![0-9a-fA-F-])[0-9]{16,19}(?![0-9a-fA-F-])/g)) {
        if (!parseIdNumber(m[0], '2099-12-31').ok) hits.push(`${r.method} ${r.path}: long digit run ${m[0].slice(0, 4)}…`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('the reveal route shows the full number to a role with pii:reveal and audits it', async () => {
    // A fresh user: the scans above really call every route, including a_county's password reset.
    await createUser(t, { username: 'a_revealer', role: 'county_staff', region: '330781' });
    const a = await login(t.app, 'a_revealer');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/persons/${world.ids.personA}/reveal`, headers: { cookie: a }, payload: { reason: '核对身份' } });
    expect(res.statusCode).toBe(200);
    expect(world.secrets).toContain(res.json().id_number);
    const entry = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'persons.reveal').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity_id: world.ids.personA, actor_username: 'a_revealer' });
  });
});

/** Every cell value and note of a workbook, as text. */
async function xlsxText(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        out.push(String(c.text ?? ''));
        if (c.note) out.push(JSON.stringify(c.note));
      }),
    ),
  );
  return out.join('\n');
}
