/**
 * Service catalogue: seeding from policies/, the in-force compiled pack, the public list, the life
 * cycle draft → proposed → approved → published with maker–checker, parameters, the diff, data
 * scope, audit entries and the refused publish of a county list that drops a city item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, fixedClock, login, type TestContext } from '../../../test/harness';

const START = new Date('2025-06-04T02:00:00Z');

/** A minimal pack as JSON (what an administrator would send). */
function pack(code: string, region: string, level: 'city' | 'county', ext: string | null, items: Array<{ code: string; eligibility: string; fen?: number }>, parameters: Record<string, unknown> = {}) {
  return {
    code,
    name: `${code} 测试清单`,
    region,
    level,
    extends: ext,
    settings: { definitions: {}, care_tiers: [], visit_policy: [], reassessment: [] },
    parameters,
    items: items.map((i) => ({
      code: i.code,
      name: `${i.code} 补贴`,
      target_group: '测试对象',
      service_types: ['material_aid'],
      content: '测试内容',
      departments: ['民政局'],
      eligibility: i.eligibility,
      benefit: { kind: 'cash', monthly_fen: String(i.fen ?? 1000) },
      not_with: [],
      start_rule: 'month_after_eligible',
      requires_application: true,
      citation: '测试',
    })),
    targets: [],
  };
}

describe('service catalogue', () => {
  let t: TestContext;
  let maker: string;
  let approver: string;
  let tja: string;
  let street: string;
  const get = (cookie: string | null, url: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const send = (cookie: string, method: 'POST' | 'PUT', url: string, payload: object) => t.app.inject({ method, url, payload, headers: { cookie } });

  beforeAll(async () => {
    t = await createTestContext({ clock: fixedClock(START), config: { YIYANG_JOBS: 'false' } });
    await createUser(t, { username: 'lx_maker', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'lx_approver', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'tja_staff', role: 'county_staff', region: '340403' });
    await createUser(t, { username: 'lx_street', role: 'street_staff', region: '330781001' });
    await createUser(t, { username: 'jh_admin', role: 'city_admin', region: '330700' });
    maker = await login(t.app, 'lx_maker');
    approver = await login(t.app, 'lx_approver');
    tja = await login(t.app, 'tja_staff');
    street = await login(t.app, 'lx_street');
  });
  afterAll(async () => t.close());

  it('seeds every pack of policies/ as published version 1, once', async () => {
    const r = await get(maker, '/api/v1/catalogues');
    expect(r.statusCode).toBe(200);
    const codes = r.json().items.map((v: { pack_code: string; status: string; version_no: number }) => `${v.pack_code}:${v.status}:${v.version_no}`);
    expect(codes).toContain('LX:published:1');
    expect(codes).toContain('NAT:published:1');
    expect((await t.ctx.services.catalogue.ensureSeeded()).seeded).toEqual([]);
  });

  it('compiledFor gives the Lanxi list in force (LX-07 高龄津贴 60元 from 80周岁) and programmes lists the cash items', async () => {
    const c = await t.ctx.services.catalogue.compiledFor('330781001001', '2025-06-01');
    expect(c.pack.code).toBe('LX');
    const facts = { ...(await import('@yiyang/core')).personFactsOn({ hukou_region: '330781001001' }, '2025-06-01'), age: 85, birth_date: '1940-01-01' };
    expect(c.entitle(facts, '2025-06-01').find((e) => e.code === 'LX-07')?.monthly_cash_fen).toBe(6000);
    const programmes = await t.ctx.services.catalogue.programmes('330781', '2025-06-01');
    expect(programmes.map((p) => p.code)).toContain('LX-07');
    expect(programmes.every((p) => p.benefit.kind === 'cash' || p.benefit.kind === 'service_credit')).toBe(true);
    await expect(t.ctx.services.catalogue.compiledFor('110101', '2025-06-01')).rejects.toMatchObject({ code: 'CATALOGUE_NOT_FOUND' });
  });

  it('answers the public list without login', async () => {
    const r = await get(null, '/api/v1/public/catalogues/330781');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.pack_code).toBe('LX');
    const lx07 = body.items.find((i: { code: string }) => i.code === 'LX-07');
    expect(lx07).toMatchObject({ name: '高龄津贴', from_pack: 'LX', departments: expect.arrayContaining(['市民政局']) });
    expect(body.items.every((i: { from_pack: string }) => i.from_pack === 'LX' || i.from_pack === 'NAT')).toBe(true);
    expect(body.parameters.find((p: { name: string }) => p.name === 'high_age_allowance')).toMatchObject({ value: 6000, status: 'set' });
    expect((await get(null, '/api/v1/public/catalogues/110101')).statusCode).toBe(404);
    expect((await get(null, '/api/v1/catalogues')).statusCode).toBe(401);
  });

  it('runs the life cycle with maker–checker, 文号, dated parameters, diff and audit', async () => {
    const d = await send(maker, 'POST', '/api/v1/catalogues/drafts', { pack_code: 'LX', note: '提高高龄津贴' });
    expect(d.statusCode).toBe(201);
    const draft = d.json();
    expect(draft).toMatchObject({ status: 'draft', version_no: 2, created_by: 'lx_maker' });
    // a second open draft is refused
    expect((await send(maker, 'POST', '/api/v1/catalogues/drafts', { pack_code: 'LX' })).json().error.code).toBe('CATALOGUE_DRAFT_EXISTS');

    const p = await send(maker, 'PUT', `/api/v1/catalogues/versions/${draft.id}/parameters/high_age_allowance`, { version: draft.version, from: '2025-07-01', value: 7000 });
    expect(p.statusCode).toBe(200);
    const withParam = p.json();
    // bad content is refused with the path named
    const bad = await send(maker, 'PUT', `/api/v1/catalogues/versions/${draft.id}`, { version: withParam.version, content: { ...withParam.content, items: [{ code: 'bad' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CATALOGUE_CONTENT_INVALID');
    expect(bad.json().error.details[0].path).toMatch(/^items\[0\]/);

    const proposed = await send(maker, 'POST', `/api/v1/catalogues/versions/${draft.id}/propose`, { version: withParam.version });
    expect(proposed.json().status).toBe('proposed');
    // a step from the wrong state, or on a stale version, is refused and changes nothing
    const twice = await send(maker, 'POST', `/api/v1/catalogues/versions/${draft.id}/propose`, { version: proposed.json().version });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'CATALOGUE_STATE', message: '清单版本当前状态为“待审批”，不能提交审批' });
    const stale = await send(approver, 'POST', `/api/v1/catalogues/versions/${draft.id}/approve`, { version: withParam.version });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const self = await send(maker, 'POST', `/api/v1/catalogues/versions/${draft.id}/approve`, { version: proposed.json().version });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('CATALOGUE_SAME_PERSON');
    // street staff hold no approval right
    expect((await send(street, 'POST', `/api/v1/catalogues/versions/${draft.id}/approve`, { version: proposed.json().version })).statusCode).toBe(403);
    const approved = await send(approver, 'POST', `/api/v1/catalogues/versions/${draft.id}/approve`, { version: proposed.json().version });
    expect(approved.json()).toMatchObject({ status: 'approved', approved_by: 'lx_approver' });
    const noNumber = await send(approver, 'POST', `/api/v1/catalogues/versions/${draft.id}/publish`, { version: approved.json().version, document_number: '', effective_from: '2025-07-01' });
    expect(noNumber.statusCode).toBe(400);
    const pub = await send(approver, 'POST', `/api/v1/catalogues/versions/${draft.id}/publish`, { version: approved.json().version, document_number: '兰民〔2025〕12号', effective_from: '2025-07-01' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', document_number: '兰民〔2025〕12号', published_by: 'lx_approver', effective_from: '2025-07-01' });
    const trail = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', draft.id).where('action', 'like', 'catalogue.%').orderBy('seq').execute();
    expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(['catalogue.propose', 'catalogue.approve', 'catalogue.publish']));
    expect(trail.find((a) => a.action === 'catalogue.publish')!.after).toMatchObject({ status: 'published', document_number: '兰民〔2025〕12号', effective_from: '2025-07-01' });

    const versions = (await get(maker, '/api/v1/catalogues?region=330781')).json().items.filter((v: { pack_code: string }) => v.pack_code === 'LX');
    expect(versions.map((v: { version_no: number; status: string }) => `${v.version_no}:${v.status}`)).toEqual(['2:published', '1:superseded']);

    // in force by date: the old amount until 2025-07-01, then the new one
    const facts = { ...(await import('@yiyang/core')).personFactsOn({ hukou_region: '330781' }, '2025-06-01'), age: 85, birth_date: '1940-01-01' };
    const before = await t.ctx.services.catalogue.compiledFor('330781', '2025-06-30');
    const after = await t.ctx.services.catalogue.compiledFor('330781', '2025-07-01');
    expect(before.entitle(facts, '2025-06-30').find((e) => e.code === 'LX-07')?.monthly_cash_fen).toBe(6000);
    expect(after.entitle(facts, '2025-07-01').find((e) => e.code === 'LX-07')?.monthly_cash_fen).toBe(7000);

    const v1 = versions.find((v: { version_no: number }) => v.version_no === 1).id;
    const diff = (await get(maker, `/api/v1/catalogues/diff?from=${v1}&to=${draft.id}`)).json();
    expect(diff.parameters).toEqual([expect.objectContaining({ name: 'high_age_allowance', change: 'changed' })]);
    expect(diff.added).toEqual([]);
    expect(diff.summary).toContain('高龄津贴');

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_username']).where('entity_id', '=', draft.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['catalogue.draft_create', 'catalogue.parameter_set', 'catalogue.propose', 'catalogue.approve', 'catalogue.publish']);
  });

  it('keeps a county to its own and its parents’ lists', async () => {
    const lx = (await get(maker, '/api/v1/catalogues?region=330781')).json().items.find((v: { pack_code: string }) => v.pack_code === 'LX');
    const list = (await get(tja, '/api/v1/catalogues')).json().items.map((v: { pack_code: string }) => v.pack_code);
    expect(list).toContain('NAT');
    expect(list).not.toContain('LX');
    expect((await get(tja, `/api/v1/catalogues/versions/${lx.id}`)).statusCode).toBe(404);
    expect((await get(tja, '/api/v1/catalogues?region=330781')).statusCode).toBe(403);
    expect((await send(tja, 'POST', '/api/v1/catalogues/drafts', { pack_code: 'LX' })).statusCode).toBe(404);
    // a county may read the national list but not change it
    const nat = (await send(maker, 'POST', '/api/v1/catalogues/drafts', { pack_code: 'NAT' }));
    expect(nat.statusCode).toBe(403);
    expect(nat.json().error.code).toBe('CATALOGUE_SCOPE');
  });

  it('refuses to publish a county list that drops a city item, with a report', async () => {
    const city = await send(await login(t.app, 'jh_admin'), 'POST', '/api/v1/catalogues/drafts', {
      pack_code: 'JH',
      content: pack('JH', '330700', 'city', 'NAT', [{ code: 'JH-01', eligibility: 'age >= 90', fen: 2000 }]),
    });
    expect(city.statusCode).toBe(201);
    // The city list is published by the city (system actor here: one person may not approve their own).
    const svc = t.ctx.services.catalogue;
    const cityId = city.json().id;
    let v = (await svc.propose(t.system, cityId, { version: city.json().version })).version;
    v = (await svc.approve({ ...t.system, username: 'jh_approver' }, cityId, { version: v })).version;
    await svc.publish(t.system, cityId, { version: v, document_number: '金民〔2025〕1号', effective_from: '2025-01-01' });

    // Lanxi's list still extends NAT directly: it lacks JH-01.
    const d = (await send(maker, 'POST', '/api/v1/catalogues/drafts', { pack_code: 'LX' })).json();
    const prop = (await send(maker, 'POST', `/api/v1/catalogues/versions/${d.id}/propose`, { version: d.version })).json();
    const appr = (await send(approver, 'POST', `/api/v1/catalogues/versions/${d.id}/approve`, { version: prop.version })).json();
    const check = (await get(approver, `/api/v1/catalogues/versions/${d.id}/check?as_of=2025-08-01`)).json();
    expect(check).toMatchObject({ ok: false, parent_pack: 'JH' });
    expect(check.findings).toContainEqual(expect.objectContaining({ item_code: 'JH-01', problem: 'missing' }));
    const refused = await send(approver, 'POST', `/api/v1/catalogues/versions/${d.id}/publish`, { version: appr.version, document_number: '兰民〔2025〕20号', effective_from: '2025-08-01' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('CATALOGUE_INHERITANCE');
    expect(refused.json().error.message).toContain('缺少上级事项1项');
    expect(refused.json().error.details).toContainEqual(expect.objectContaining({ path: 'JH-01', code: 'missing' }));
    expect((await get(approver, `/api/v1/catalogues/versions/${d.id}`)).json().status).toBe('approved');

    // Back to draft, extend JH but narrow JH-01 (age >= 95): refused as narrower, with a counter-example.
    const back = (await send(approver, 'POST', `/api/v1/catalogues/versions/${d.id}/return`, { version: appr.version, note: '缺少市级事项' })).json();
    const content = { ...back.content, extends: 'JH', items: [...back.content.items, { ...pack('JH', '330700', 'city', null, [{ code: 'JH-01', eligibility: 'age >= 95', fen: 2000 }]).items[0] }] };
    const edited = await send(maker, 'PUT', `/api/v1/catalogues/versions/${d.id}`, { version: back.version, content });
    expect(edited.statusCode).toBe(200);
    const narrow = (await svc.checkVersion(t.system, d.id, '2025-08-01'));
    expect(narrow.findings).toContainEqual(expect.objectContaining({ item_code: 'JH-01', problem: 'narrower', example: expect.objectContaining({ age: expect.any(Number) }) }));
    const ex = narrow.findings.find((f) => f.problem === 'narrower')!.example as { age: number };
    expect(ex.age).toBeGreaterThanOrEqual(90);
    expect(ex.age).toBeLessThan(95);

    // Widened (parent || extra) and a higher amount: proven, publishable.
    const wide = { ...content, items: content.items.map((i: { code: string }) => (i.code === 'JH-01' ? { ...i, eligibility: '(age >= 90) || age >= 88', benefit: { kind: 'cash', monthly_fen: '2500' } } : i)) };
    const e2 = (await send(maker, 'PUT', `/api/v1/catalogues/versions/${d.id}`, { version: edited.json().version, content: wide })).json();
    const ok = await svc.checkVersion(t.system, d.id, '2025-08-01');
    expect(ok.findings).toEqual([]);
    // Lower amount: refused as lower.
    const low = { ...wide, items: wide.items.map((i: { code: string }) => (i.code === 'JH-01' ? { ...i, benefit: { kind: 'cash', monthly_fen: '1500' } } : i)) };
    await send(maker, 'PUT', `/api/v1/catalogues/versions/${d.id}`, { version: e2.version, content: low });
    const lower = await svc.checkVersion(t.system, d.id, '2025-08-01');
    expect(lower.findings).toContainEqual(expect.objectContaining({ item_code: 'JH-01', problem: 'lower' }));
  });
});
