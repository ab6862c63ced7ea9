/**
 * Payroll end to end on the Lanxi pack (LX-07 高龄津贴 60元/月 80–99周岁, LX-07A 长寿保健补助金
 * 500元/月 100周岁以上, 不重复享受; 002 附件 第7项): enrolment roads, exclusions, the public
 * contract (same request → same cycle), maker-checker, roster XLSX with text ID cells, bank
 * return (duplicate import, re-issue as a linked attempt, never a second success), close,
 * 公示 de-identification, arrears and recovery.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, fixedClock, login, type TestContext } from '../../../test/harness';
import { lanxiPerson } from '../../../test/payroll-fixtures';
import type { PersonRef } from '../registry';

// 2025-06-10 10:00 Beijing
const clock = fixedClock(new Date('2025-06-10T02:00:00Z'));

describe('payroll cycle on the Lanxi pack', () => {
  let t: TestContext;
  let county: string, finance: string, street: string, other: string;
  let a: PersonRef, b: PersonRef, c: PersonRef, e: PersonRef, f: PersonRef;
  let cycleId: string;
  const post = (cookie: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
    await createUser(t, { username: 'lx_county', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'lx_finance', role: 'finance_reviewer', region: '330781' });
    await createUser(t, { username: 'lx_street', role: 'street_staff', region: '330781001' });
    await createUser(t, { username: 'tja_county', role: 'county_staff', region: '340403' });
    [county, finance, street, other] = (await Promise.all(['lx_county', 'lx_finance', 'lx_street', 'tja_county'].map((u) => login(t.app, u)))) as [string, string, string, string];
    a = await lanxiPerson(t.ctx, t.system, '1940-03-01', { name: '张三' }); // 85
    b = await lanxiPerson(t.ctx, t.system, '1945-06-30', { name: '李四' }); // 80 on 06-30: from July
    c = await lanxiPerson(t.ctx, t.system, '1925-05-20', { name: '王五一' }); // 100 in May: LX-07A from June
    e = await lanxiPerson(t.ctx, t.system, '1925-05-15', { name: '赵六' }); // 100 in May, still on LX-07 since April
    f = await lanxiPerson(t.ctx, t.system, '1938-02-02', { name: '=HYPERLINK("x")' }); // formula-looking name
  }, 120_000);
  afterAll(async () => t?.close());

  it('免申即享 by street staff, with the pack deciding entitlement and exclusions', async () => {
    let r = await post(street, '/api/v1/benefits/enrolments', { person_id: a.id, programme: 'LX-07', start_month: '2025-06', account: '6228480012345678901', bank: '农业银行', confirm: true });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ programme: 'LX-07', start_month: '2025-06', status: 'active', source: 'auto' });
    // B is 79 on 05-31: not entitled to LX-07 for June
    r = await post(street, '/api/v1/benefits/enrolments', { person_id: b.id, programme: 'LX-07', start_month: '2025-06', confirm: true });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('NOT_ENTITLED');
    // C at 100 gets LX-07A, never LX-07
    r = await post(street, '/api/v1/benefits/enrolments', { person_id: c.id, programme: 'LX-07', confirm: true });
    expect(r.json().error.code).toBe('NOT_ENTITLED');
    r = await post(street, '/api/v1/benefits/enrolments', { person_id: c.id, programme: 'LX-07A', start_month: '2025-06', confirm: true });
    expect(r.statusCode, r.body).toBe(201);
    // E was on LX-07 since April (aged 99): the 100+ programme is refused while LX-07 is open
    r = await post(street, '/api/v1/benefits/enrolments', { person_id: e.id, programme: 'LX-07', start_month: '2025-04', confirm: true });
    expect(r.statusCode, r.body).toBe(201);
    r = await post(street, '/api/v1/benefits/enrolments', { person_id: e.id, programme: 'LX-07A', start_month: '2025-06', confirm: true });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('EXCLUDED_PROGRAMME');
    // community-level users cannot confirm 免申即享; other counties cannot see the person
    r = await post(other, '/api/v1/benefits/enrolments', { person_id: f.id, programme: 'LX-07', confirm: true });
    expect([403, 404]).toContain(r.statusCode);
  });

  it('application: street review then county approval, reasons required, enrolment on approval', async () => {
    let r = await post(street, '/api/v1/benefits/applications', { person_id: f.id, programme: 'LX-07', applicant_kind: 'family', applicant_name: '王某', applicant_relation: '女儿', account: '6228480098765432109', bank: '农业银行' });
    expect(r.statusCode, r.body).toBe(201);
    const app1 = r.json();
    expect(app1).toMatchObject({ status: 'pending', step: 'street_review', chain_version: 1, step_due_on: '2025-06-15' });
    r = await post(county, `/api/v1/benefits/applications/${app1.id}/decision`, { decision: 'approve', reason: '', version: app1.version });
    expect(r.statusCode).toBe(400);
    r = await post(street, `/api/v1/benefits/applications/${app1.id}/decision`, { decision: 'approve', reason: '材料齐全，符合条件', version: app1.version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'pending', step: 'county_approval' });
    // the street cannot take the county step
    r = await post(street, `/api/v1/benefits/applications/${app1.id}/decision`, { decision: 'approve', reason: '同意', version: r.json().version });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('STEP_FORBIDDEN');
    const cur = (await get(county, `/api/v1/benefits/applications/${app1.id}`)).json();
    r = await post(county, `/api/v1/benefits/applications/${app1.id}/decision`, { decision: 'approve', reason: '审批同意', version: cur.version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'approved', decided_on: '2025-06-10' });
    expect(r.json().enrolment_id).toBeTruthy();
    const steps = (await get(county, `/api/v1/benefits/applications/${app1.id}`)).json().steps;
    expect(steps.map((s: { decision: string }) => s.decision)).toEqual(['submitted', 'approve', 'approve']);
  });

  it('POST /payroll/cycles: computes once; the same request answers the same cycle unchanged', async () => {
    const body = { region: '330781', programme: 'LX-07', month: '2025-06' };
    const [r1, r2] = await Promise.all([post(county, '/api/v1/payroll/cycles', body), post(county, '/api/v1/payroll/cycles', body)]);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().id).toBe(r2.json().id);
    const again = await post(county, '/api/v1/payroll/cycles', body);
    const first = again.json();
    cycleId = first.id;
    // A and F: 2 × 60元. E is 100 on 05-31, so LX-07 is not due for June (excluded by LX-07A) and
    // E's April and May arrears are not paid here (those months had no approved cycle).
    expect(first).toEqual({ id: cycleId, status: 'computed', payment_count: 2, total_fen: 12000 });
    expect((await post(county, '/api/v1/payroll/cycles', body)).json()).toEqual(first);
    const n = await sql<{ n: number }>`select count(*)::int as n from payroll_cycles where programme = 'LX-07' and month = '2025-06'`.execute(t.ctx.db);
    expect(n.rows[0]!.n).toBe(1);
    // another county cannot create or see it
    expect((await post(other, '/api/v1/payroll/cycles', body)).statusCode).toBe(403);
    expect((await get(other, `/api/v1/payroll/cycles/${cycleId}`)).statusCode).toBe(404);
  });

  it('street staff read the county\'s cycles narrowed to their street, and cannot act on them', async () => {
    // All of this cycle's people live in 330781001 (lx_street); a worker of the next street sees none of them.
    await createUser(t, { username: 'lx_street2', role: 'street_staff', region: '330781002' });
    const street2 = await login(t.app, 'lx_street2');
    const mine = (await get(street, '/api/v1/payroll/cycles')).json();
    expect(mine.items.find((x: { id: string }) => x.id === cycleId)).toMatchObject({ payment_count: 2, total_fen: 12000, region: '330781' });
    const theirs = (await get(street2, '/api/v1/payroll/cycles')).json();
    expect(theirs.items.find((x: { id: string }) => x.id === cycleId)).toMatchObject({ payment_count: 0, total_fen: 0 });
    expect((await get(street, `/api/v1/payroll/cycles/${cycleId}`)).json()).toMatchObject({ payment_count: 2 });
    expect((await get(street, `/api/v1/payroll/cycles/${cycleId}/lines`)).json().total).toBe(2);
    expect((await get(street2, `/api/v1/payroll/cycles/${cycleId}/lines`)).json()).toEqual({ items: [], total: 0 });
    const review = (await get(street2, `/api/v1/payroll/cycles/${cycleId}/review`)).json();
    expect(review.items).toEqual([]);
    expect(review.skipped).toEqual([]);
    expect((await get(street, `/api/v1/payroll/cycles/${cycleId}/review`)).json().items.length).toBeGreaterThan(0);
    // reading is all: approving or exporting the bank roster stays with the county
    expect((await post(street, `/api/v1/payroll/cycles/${cycleId}/approve`, {})).statusCode).toBe(403);
    expect((await get(street, `/api/v1/payroll/cycles/${cycleId}/roster.xlsx`)).statusCode).toBe(403);
    // another county's street sees nothing of it
    await createUser(t, { username: 'tja_street', role: 'street_staff', region: '340403001' });
    const tjaStreet = await login(t.app, 'tja_street');
    expect((await get(tjaStreet, `/api/v1/payroll/cycles/${cycleId}`)).statusCode).toBe(404);
    expect((await get(tjaStreet, '/api/v1/payroll/cycles')).json().items.map((x: { id: string }) => x.id)).not.toContain(cycleId);
  });

  it('maker-checker: the preparer cannot approve; a finance reviewer can', async () => {
    let r = await post(county, `/api/v1/payroll/cycles/${cycleId}/approve`, {});
    expect(r.statusCode).toBe(403); // county staff lack payroll:approve
    // give the preparer the approve permission too: still refused as maker = checker
    const preparer = await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'lx_county').executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('user_roles').values({ user_id: preparer.id, role_code: 'finance_reviewer' }).execute();
    const both = await login(t.app, 'lx_county');
    r = await post(both, `/api/v1/payroll/cycles/${cycleId}/approve`, {});
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'MAKER_CHECKER' });
    expect(r.json().error.message).toContain('不能与名册编制人为同一人');
    // roster export before approval is refused
    expect((await get(county, `/api/v1/payroll/cycles/${cycleId}/roster.xlsx`)).json().error.code).toBe('CYCLE_NOT_APPROVED');
    // Security target 23: twenty parallel submits with one Idempotency-Key make one transition and
    // all get the first result; the same key with another body is refused; without a key, a second
    // approval is refused by the state.
    const submit = (payload: object, key?: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/payroll/cycles/${cycleId}/approve`, payload, headers: { cookie: finance, ...(key ? { 'idempotency-key': key } : {}) } });
    const twenty = await Promise.all(Array.from({ length: 20 }, () => submit({}, 'approve-lx07-2025-06')));
    r = twenty[0]!;
    expect(twenty.map((x) => x.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(twenty.map((x) => x.body)).size).toBe(1);
    expect(twenty.filter((x) => x.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const approvals = await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'payroll.approve').where('entity_id', '=', cycleId).execute();
    expect(approvals).toHaveLength(1);
    expect((await submit({ version: 99 }, 'approve-lx07-2025-06')).json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await submit({}, 'bad key with spaces')).json().error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect((await submit({})).json().error.code).toBe('CYCLE_STATUS');
    expect(r.json()).toMatchObject({ status: 'approved' });
    expect(r.json().content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('roster.xlsx: full ID and account as text cells, formula-looking names neutralised', async () => {
    const r = await get(county, `/api/v1/payroll/cycles/${cycleId}/roster.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('身份证号');
    const rows = [2, 3].map((i) => ws.getRow(i));
    const ids = rows.map((row) => row.getCell(3).value);
    for (const id of ids) {
      expect(typeof id).toBe('string');
      expect(id).toMatch(/^\d{17}[\dX]$/);
    }
    const aRow = rows.find((row) => row.getCell(2).value === '张三')!;
    expect(aRow.getCell(5).value).toBe('6228480012345678901');
    expect(aRow.getCell(9).value).toBe(60);
    expect(rows.some((row) => row.getCell(2).value === `'=HYPERLINK("x")`)).toBe(true);
    expect((await get(county, `/api/v1/payroll/cycles/${cycleId}`)).json().status).toBe('exported');
  });

  it('公示版 has no ID, account or phone columns and masks names', async () => {
    const r = await get(street, `/api/v1/payroll/cycles/${cycleId}/public.xlsx`);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain('6228480');
    expect(text).not.toContain('张三');
    expect(text).toContain('张*');
    expect(text).not.toMatch(/身份证|账号|电话|住址/);
  });

  it('bank return: duplicate import is a no-op; failed lines re-issue once as linked attempts; never two successes', async () => {
    const lines = (await get(county, `/api/v1/payroll/cycles/${cycleId}/lines`)).json().items as Array<{ id: number; person_id: string; status: string }>;
    const failedLine = lines.find((l) => l.person_id === f.id)!;
    const csv = `行号,结果,失败原因\n${lines.map((l) => (l.id === failedLine.id ? `${l.id},失败,户名与账号不符` : `${l.id},成功,`)).join('\n')}\n`;
    const up = () => t.app.inject({ method: 'POST', url: `/api/v1/payroll/cycles/${cycleId}/returns`, payload: csv, headers: { cookie: county, 'content-type': 'text/csv' } });
    let r = await up();
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ duplicate: false, rows: 2, paid: 1, failed: 1, status: 'returned' });
    r = await up();
    expect(r.json()).toMatchObject({ duplicate: true, paid: 1, failed: 1 });
    // closing with a failed line not re-issued is allowed only once nothing is open: re-issue first
    r = await post(county, `/api/v1/payroll/cycles/${cycleId}/reissue`, {});
    expect(r.json().reissued).toBe(1);
    expect((await post(county, `/api/v1/payroll/cycles/${cycleId}/reissue`, {})).json().reissued).toBe(0);
    const all = (await get(county, `/api/v1/payroll/cycles/${cycleId}/lines`)).json().items as Array<{ id: number; attempt: number; original_line_id: number | null; status: string; person_id: string }>;
    const re = all.find((l) => l.original_line_id === failedLine.id)!;
    expect(re).toMatchObject({ attempt: 2, status: 'approved', person_id: f.id });
    // the database refuses a second live line for a paid person-month, and a re-issue of a paid line
    const paidLine = all.find((l) => l.status === 'paid')!;
    await expect(sql`insert into payment_lines (county_code, cycle_id, person_id, region_code, programme, period_month, kind, amount_fen, status)
      select county_code, cycle_id, person_id, region_code, programme, period_month, kind, amount_fen, 'approved' from payment_lines where id = ${paidLine.id}`.execute(t.ctx.db)).rejects.toThrow();
    await expect(sql`insert into payment_lines (county_code, cycle_id, person_id, region_code, programme, period_month, kind, amount_fen, attempt, original_line_id, status)
      select county_code, cycle_id, person_id, region_code, programme, period_month, kind, amount_fen, 2, ${failedLine.id}, 'approved' from payment_lines where id = ${failedLine.id}`.execute(t.ctx.db)).rejects.toThrow();
    // closing refuses while the re-issue is not back from the bank
    r = await post(county, `/api/v1/payroll/cycles/${cycleId}/close`, {});
    expect(r.json().error.code).toBe('CYCLE_OPEN_LINES');
    // second roster holds only the re-issued line; its return pays it
    const roster2 = await get(county, `/api/v1/payroll/cycles/${cycleId}/roster.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(roster2.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe(re.id);
    expect(wb.worksheets[0]!.getRow(3).getCell(1).value ?? null).toBeNull();
    r = await t.app.inject({ method: 'POST', url: `/api/v1/payroll/cycles/${cycleId}/returns`, payload: `行号,结果\n${re.id},成功\n${paidLine.id},成功\n`, headers: { cookie: county, 'content-type': 'text/csv' } });
    expect(r.json()).toMatchObject({ paid: 1, failed: 0 });
    r = await post(county, `/api/v1/payroll/cycles/${cycleId}/close`, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'closed', paid_count: 2, failed_count: 1 });
    const paid = await sql<{ n: number; total: number }>`select count(*)::int as n, sum(amount_fen)::int as total from payment_lines where cycle_id = ${cycleId}::uuid and status = 'paid'`.execute(t.ctx.db);
    expect(paid.rows[0]).toEqual({ n: 2, total: 12000 }); // = the approved total, one success per person-month
  });

  it('July: arrears for a back-dated enrolment, recovery for a death reported late, review diff with reasons', async () => {
    clock.set(new Date('2025-07-10T02:00:00Z'));
    [county, street] = (await Promise.all(['lx_county', 'lx_street'].map((u) => login(t.app, u)))) as [string, string];
    // B turned 80 on 06-30: enrolled in July, back-dated to June → June was approved without B, but
    // B was not yet entitled for June (79 on 05-31), so no arrears; G (85) back-dated to June gets arrears.
    const g = await lanxiPerson(t.ctx, t.system, '1939-09-09', { name: '钱七' });
    let r = await post(street, '/api/v1/benefits/enrolments', { person_id: b.id, programme: 'LX-07', start_month: '2025-07', confirm: true });
    expect(r.statusCode, r.body).toBe(201);
    r = await post(street, '/api/v1/benefits/enrolments', { person_id: g.id, programme: 'LX-07', start_month: '2025-06', confirm: true });
    expect(r.statusCode, r.body).toBe(201);
    // A died on 2025-05-31, reported now: June's 60元 was paid after death → recovery
    await t.ctx.services.registry.recordEvent(t.system, a.id, { type: 'death', effective_date: '2025-05-31' } as never);
    await t.ctx.jobs.drain();
    r = await post(county, '/api/v1/payroll/cycles', { region: '330781', programme: 'LX-07', month: '2025-07' });
    expect(r.statusCode, r.body).toBe(200);
    const july = r.json();
    // E (100 since May) stays skipped on LX-07.
    // Lines: F (60), B (60), G (60 July + 60 June arrears)
    expect(july).toMatchObject({ status: 'computed', payment_count: 4, total_fen: 24000 });
    const review = (await get(county, `/api/v1/payroll/cycles/${july.id}/review`)).json();
    const byName = new Map(review.items.map((i: { name: string }) => [i.name, i]));
    expect(byName.get('李四')).toMatchObject({ change: 'new', after_fen: 6000 });
    expect(byName.get('钱七')).toMatchObject({ change: 'new', after_fen: 12000 });
    expect((byName.get('钱七') as { reason: string }).reason).toContain('补发2025-06');
    expect(byName.get('张三')).toMatchObject({ change: 'stopped', before_fen: 6000 });
    expect(review.skipped.find((s: { name: string }) => s.name === '赵六')).toMatchObject({ code: 'NOT_ELIGIBLE' });
    expect(review.recoveries).toEqual([expect.objectContaining({ name: '张三', period_month: '2025-06', amount_fen: -6000 })]);
    // recomputing before approval gives the same result
    const again = (await post(county, `/api/v1/payroll/cycles/${july.id}/compute`, {})).json();
    expect(again).toMatchObject({ payment_count: 4, total_fen: 24000 });
  });
});
