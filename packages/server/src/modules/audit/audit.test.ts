import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestContext, login, type TestContext } from '../../../test/harness';

describe('audit trail', () => {
  let t: TestContext;
  let admin: string;
  beforeAll(async () => {
    t = await createTestContext();
    admin = await login(t.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => t.close());

  it('a write produces an entry with who, org, when, action, entity and before/after', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { cookie: admin },
      payload: { name: '兰溪市云山街道办事处', type: 'street_office', region_code: '330781001', contact_phone: '13812345678' },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/audit?entity_id=${id}`, headers: { cookie: admin } });
    expect(list.statusCode).toBe(200);
    const [entry] = list.json().items;
    expect(entry).toMatchObject({
      action: 'orgs.create',
      entity_type: 'organisation',
      entity_id: id,
      actor_username: 'admin',
      region_code: '330781001',
      outcome: 'success',
    });
    expect(entry.actor_org_id).toBeTruthy();
    expect(entry.after.name).toBe('兰溪市云山街道办事处');
    // Sensitive fields are masked inside the trail itself.
    expect(entry.after.contact_phone).toBe('138****5678');
  });

  it('the application cannot update or delete entries', async () => {
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('verify passes on an intact chain and fails after tampering or removal', async () => {
    expect((await t.ctx.services.audit.verify()).ok).toBe(true);
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: { cookie: admin } });
    expect(api.json()).toMatchObject({ ok: true });

    // Someone with database superuser rights edits an entry behind the application's back.
    await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(t.ctx.db);
    await sql`update audit_log set actor_username = 'someone-else' where seq = 2`.execute(t.ctx.db);
    let r = await t.ctx.services.audit.verify();
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.seq === 2)).toBe(true);

    // Removing the last entry is detected through the chain head.
    await sql`update audit_log set actor_username = (select actor_username from audit_log a where a.seq = 1) where seq = 2`.execute(t.ctx.db);
    const last = await t.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await sql`delete from audit_log where seq = ${last.seq}`.execute(t.ctx.db);
    r = await t.ctx.services.audit.verify();
    expect(r.ok).toBe(false);
    await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(t.ctx.db);
  });

  it('exports CSV with the filters, and the export itself is audited', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/export.csv?action=orgs.', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body.startsWith('\uFEFF序号,时间,操作人')).toBe(true);
    expect(res.body).toContain('orgs.create');
    expect(res.body).not.toContain('auth.login');
    const exported = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'audit.export').execute();
    expect(exported.length).toBe(1);
  });

  it('a county user sees only entries of their county', async () => {
    const { createUser } = await import('../../../test/harness');
    await createUser(t, { username: 'tja_aud', role: 'auditor', region: '340403' });
    const cookie = await login(t.app, 'tja_aud');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit?page_size=200', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    for (const e of res.json().items) expect(e.region_code.startsWith('340403')).toBe(true);
  });
});
