import { makeIdNumber } from '@yiyang/core';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, fixedClock, login, type TestContext } from '../../../../test/harness';

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = '姓名,身份证号,联系电话,户籍地区划代码,居住地区划代码,住址';

const good1 = makeIdNumber('330781', '1940-03-15', 123);
const good2 = makeIdNumber('330781', '1950-07-01', 224);
const good3 = makeIdNumber('140421', '1938-05-05', 11); // abolished 长治县 code: still valid
const badCheck = good1.slice(0, 17) + (good1[17] === '1' ? '2' : '1');

describe('department import', () => {
  let t: TestContext;
  let cookie: string;
  const clock = fixedClock(new Date('2025-06-01T02:00:00Z'));
  beforeAll(async () => {
    t = await createTestContext({ clock });
    await createUser(t, { username: 'lx', role: 'county_staff', region: '330781' });
    cookie = await login(t.app, 'lx');
  });
  afterAll(async () => t.close());

  const upload = (source: string, body: string | Buffer, type = CSV, extra = '') =>
    t.app.inject({ method: 'POST', url: `/api/v1/persons/import?source=${source}${extra}`, payload: body, headers: { cookie, 'content-type': type } });
  const counts = async () => {
    const n = async (table: 'persons' | 'person_facts' | 'audit_log' | 'person_fact_conflicts' | 'jobs') =>
      Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const versions = await sql<{ v: string }>`select string_agg(id::text || ':' || version || ':' || tags::text, ',' order by id) as v from persons`.execute(t.ctx.db);
    return { persons: await n('persons'), facts: await n('person_facts'), conflicts: await n('person_fact_conflicts'), versions: versions.rows[0]!.v };
  };

  const population = [
    HEADER,
    `张秀英,${good1},13905791111,330781001001,330781001001,云山街道1号`, // row 2 ok
    `李建国,,13905791112,,330781001001,`, // row 3 ID_EMPTY
    `王五,3307811940031512,,,330781001001,`, // row 4 ID_LENGTH
    `赵六,33078119400315A23X,,,330781001001,`, // row 5 ID_CHARACTERS
    `钱七,990781194003151234,,,330781001001,`, // row 6 ID_ADDRESS_CODE
    `孙八,330781194002301234,,,330781001001,`, // row 7 ID_BIRTH_DATE
    `周九,330781203001011234,,,330781001001,`, // row 8 ID_BIRTH_FUTURE
    `吴十,${badCheck},,,330781001001,`, // row 9 ID_CHECK_DIGIT
    '', // row 10 empty: skipped, but counted
    `郑桂兰,${good2.toLowerCase()},0579-8888123,330781,330781001002,"兰江街道, 2号"`, // row 11 ok (lower-case x fine, quoted comma)
    `冯老汉,${good3},电话13905791,,330781001001,`, // row 12 PHONE_INVALID
    `陈奶奶,${good3},,,340403001001,`, // row 13 REGION_OUT_OF_SCOPE
  ].join('\n');

  it('answers the contract: each bad ID kind its own code with Excel row numbers; good rows kept', async () => {
    const res = await upload('population', '\uFEFF' + population);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ accepted: 2, rejected: 9, created: 2 });
    expect(r.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, '身份证号', 'ID_EMPTY'],
      [4, '身份证号', 'ID_LENGTH'],
      [5, '身份证号', 'ID_CHARACTERS'],
      [6, '身份证号', 'ID_ADDRESS_CODE'],
      [7, '身份证号', 'ID_BIRTH_DATE'],
      [8, '身份证号', 'ID_BIRTH_FUTURE'],
      [9, '身份证号', 'ID_CHECK_DIGIT'],
      [12, '联系电话', 'PHONE_INVALID'],
      [13, '居住地区划代码', 'REGION_OUT_OF_SCOPE'],
    ]);
    for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/persons?region=330781', headers: { cookie } })).json();
    expect(list.items.map((p: { name: string }) => p.name).sort()).toEqual(['张秀英', '郑桂兰']);
    const zhang = list.items.find((p: { name: string }) => p.name === '张秀英');
    expect(zhang).toMatchObject({ birth_date: '1940-03-15', age: 85, tags: ['very_old'], hukou_region_code: '330781001001' });
    // Provenance on every fact: source department, batch, date.
    const facts = (await t.app.inject({ method: 'GET', url: `/api/v1/persons/${zhang.id}/facts`, headers: { cookie } })).json().items;
    expect(facts.length).toBe(2);
    for (const f of facts) expect(f).toMatchObject({ source_type: 'import', source_department: 'public_security', source_ref: r.batch_id, valid_from: '2025-06-01' });
  });

  it('re-importing the same file changes nothing (no BOM this time)', async () => {
    const before = await counts();
    const auditBefore = Number((await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'persons.import'`.execute(t.ctx.db)).rows[0]!.n);
    const res = await upload('population', population);
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 9, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual(before);
    const auditAfter = Number((await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'persons.import'`.execute(t.ctx.db)).rows[0]!.n);
    expect(auditAfter).toBe(auditBefore);
  });

  it('a changed phone or address updates the record once', async () => {
    const res = await upload('population', `${HEADER}\n张秀英,${good1},13905790000,330781001001,330781001001,云山街道1号`);
    expect(res.json()).toMatchObject({ accepted: 1, updated: 1, created: 0 });
    const again = await upload('population', `${HEADER}\n张秀英,${good1},13905790000,330781001001,330781001001,云山街道1号`);
    expect(again.json()).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it('rejects files with a wrong header, a disguised type or no content, with specific codes', async () => {
    const a = await upload('population', '姓名,证件号\n张三,1');
    expect(a.statusCode).toBe(400);
    expect(a.json().error.code).toBe('IMPORT_HEADER_MISSING');
    const b = await upload('population', 'PK\u0003\u0004garbage');
    expect(b.json().error.code).toBe('IMPORT_FILE_TYPE');
    const c = await upload('population', 'not a zip at all', XLSX);
    expect(c.json().error.code).toBe('IMPORT_FILE_TYPE');
    const d = await upload('population', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]), 'application/octet-stream');
    expect(d.json().error.code).toBe('IMPORT_XLS_UNSUPPORTED');
    const e = await upload('population', '');
    expect(e.statusCode).toBe(400);
  });

  it('decodes a GB18030 CSV as saved by Excel on Chinese Windows', async () => {
    const id = makeIdNumber('330781', '1944-02-02', 55);
    const text = `${HEADER}\n欧阳修文,${id},,,330781001001,`;
    // GB18030 bytes for the text (Node has no encoder: build from a known mapping via TextDecoder round trip).
    const gb = gb18030(text);
    const res = await upload('population', gb);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: 0 });
    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/persons?q=${id}`, headers: { cookie } })).json();
    expect(list.items[0].name).toBe('欧阳修文');
  });

  it('XLSX: an 18-digit ID stored as a number is a clear error; stored as text it imports', async () => {
    const idText = makeIdNumber('330781', '1939-09-09', 77);
    const idNum = makeIdNumber('330781', '1941-01-01', 81).slice(0, 17) + '0';
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(HEADER.split(','));
    ws.addRow(['文本号', idText, '13905791234', '330781001001', '330781001001', '']);
    ws.addRow(['数值号', Number(idNum), null, null, '330781001001', null]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload('population', buf, XLSX, '&file_name=test.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: 1, errors: [{ row: 3, column: '身份证号', code: 'ID_NOT_TEXT' }] });
    // The error report marks the bad cell.
    const report = await t.app.inject({ method: 'GET', url: `/api/v1/persons/imports/${res.json().batch_id}/error-report`, headers: { cookie } });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const rb = new ExcelJS.Workbook();
    await rb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = rb.worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe(3);
    const idCell = sheet.getCell(2, 3);
    expect((idCell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(JSON.stringify(idCell.note)).toContain('ID_NOT_TEXT');
    const audited = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'persons.import_report').execute();
    expect(audited).toHaveLength(1);
  });

  it('templates: ID and code columns are text, dictionary columns have drop-downs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/persons/import-templates/social_assistance', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('数据')!;
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(['姓名', '身份证号', '救助类别', '认定日期', '居住状况', '无子女', '有赡养人']);
    expect(ws.getCell('B2').numFmt).toBe('@');
    expect(ws.getCell('C2').dataValidation).toMatchObject({ type: 'list' });
    const pop = await t.app.inject({ method: 'GET', url: '/api/v1/persons/import-templates/population', headers: { cookie } });
    const pw = new ExcelJS.Workbook();
    await pw.xlsx.load(pop.rawPayload as unknown as ArrayBuffer);
    expect((pw.getWorksheet('数据')!.getRow(1).values as string[]).slice(1).join(',')).toBe(HEADER);
  });

  it('department facts: precedence decides disagreements and lists them for staff', async () => {
    // 民政 says 低保 from 2024-01-01; living alone; childless, no supporter → 孤寡, 独居, 经济困难.
    const sa = await upload('social_assistance', `姓名,身份证号,救助类别,认定日期,居住状况,无子女,有赡养人\n张秀英,${good1},低保,2024-01-01,独居,是,否\n郑桂兰,${good2},特困,2024-01-01,,,\n无名氏,${makeIdNumber('330781', '1940-01-01', 99)},低保,2024-01-01,,,\n张三丰,${makeIdNumber('330781', '1944-02-02', 55)},低保,2024-01-01,,,`);
    expect(sa.json()).toMatchObject({ accepted: 2, rejected: 2 });
    expect(sa.json().errors.map((e: { code: string }) => e.code)).toEqual(['PERSON_NOT_FOUND', 'NAME_MISMATCH']);
    const zhang = (await t.app.inject({ method: 'GET', url: `/api/v1/persons?q=${good1}`, headers: { cookie } })).json().items[0];
    expect(zhang.tags.sort()).toEqual(['economic_hardship', 'living_alone', 'solitary', 'very_old']);
    // 残联 reports living arrangement? No — but 公安 (lower for living arrangement than 民政) cannot
    // override 民政 on economic status: a staff-less import from another department loses.
    const hr = await upload('insurance', `姓名,身份证号,养老保险类型,领取养老金,变更日期\n张秀英,${good1},城乡居民养老保险,是,2020-01-01`);
    expect(hr.json()).toMatchObject({ accepted: 1, conflicts: 0 });
    // Staff record living arrangement = with_family (staff outrank 民政 for it); a later 民政 import saying 独居 is kept out and listed.
    await t.app.inject({ method: 'POST', url: `/api/v1/persons/${zhang.id}/facts`, headers: { cookie }, payload: { fact: 'living_arrangement', value: 'with_family', valid_from: '2025-05-01' } });
    const again = await upload('social_assistance', `姓名,身份证号,救助类别,认定日期,居住状况\n张秀英,${good1},低保,2025-05-02,独居`);
    expect(again.json()).toMatchObject({ accepted: 1, conflicts: 1 });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/persons/conflicts', headers: { cookie } })).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ fact: 'living_arrangement', incoming_value: 'alone', incoming_source: 'civil_affairs', current_value: 'with_family', current_source: 'staff', outcome: 'kept' });
    expect(list.items[0].id_number).toMatch(/^330781\*{8}/);
    // Re-import: listed once.
    await upload('social_assistance', `姓名,身份证号,救助类别,认定日期,居住状况\n张秀英,${good1},低保,2025-05-02,独居`);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/persons/conflicts', headers: { cookie } })).json().total).toBe(1);
    // Staff decide to use the incoming value.
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/persons/conflicts/${list.items[0].id}/resolve`, headers: { cookie }, payload: { decision: 'use_incoming' } });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/persons/${zhang.id}`, headers: { cookie } })).json();
    expect(after.living_arrangement).toBe('alone');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/persons/conflicts', headers: { cookie } })).json().total).toBe(0);
  });

  it('death records: the person dies once, person.died is published exactly once, tags cleared', async () => {
    const seen: unknown[] = [];
    t.ctx.events.subscribe('person.died', 'test-died', async (p) => {
      seen.push(p);
    });
    const body = `姓名,身份证号,死亡日期,信息来源\n郑桂兰,${good2},2025-05-20,户籍注销`;
    expect((await upload('death', body)).json()).toMatchObject({ accepted: 1, updated: 1 });
    expect((await upload('death', body)).json()).toMatchObject({ accepted: 1, updated: 0, unchanged: 1 });
    await t.ctx.jobs.drain();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ death_date: '2025-05-20' });
    const p = (await t.app.inject({ method: 'GET', url: `/api/v1/persons?q=${good2}`, headers: { cookie } })).json().items[0];
    expect(p).toMatchObject({ alive: false, status: 'deceased', tags: [] });
  });

  it('large files are imported by a job with progress (mode=async), same result', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 40; i++) rows.push(`批量${i},${makeIdNumber('330781', '1945-01-01', 300 + i * 2)},,,330781001003,`);
    rows.push(`坏行,123,,,330781001003,`);
    const res = await upload('population', rows.join('\r\n'), CSV, '&mode=async');
    expect(res.statusCode, res.body).toBe(202);
    const { batch_id } = res.json();
    await t.ctx.jobs.drain();
    const b = (await t.app.inject({ method: 'GET', url: `/api/v1/persons/imports/${batch_id}`, headers: { cookie } })).json();
    expect(b).toMatchObject({ status: 'done', accepted: 40, rejected: 1, created: 40, rows_done: 41, errors: [{ row: 42, code: 'ID_LENGTH' }] });
    expect(b.bytes_done).toBe(b.bytes_total);
  });
});

/** Encode a string as GB18030 (test helper: only CJK in the BMP and ASCII). */
function gb18030(s: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (!table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch)!);
  }
  return Buffer.from(out);
}
