/** The Annex C report (issue 4 §6): JSON model and a PDF whose Chinese text can be extracted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createTeam, formWith, itemsWithTotal, runWorkflow, type AssessmentTeam } from '../../../test/assessment-fixtures';
import { actorFor, createTestContext, createUser, login, type TestContext } from '../../../test/harness';

async function pdfText(buf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), useSystemFonts: false, disableFontFace: true }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join('') + '\n';
  }
  await doc.destroy();
  return text;
}

describe('assessment report', () => {
  let t: TestContext;
  let team: AssessmentTeam;
  let id: string;
  let countyCookie: string;
  beforeAll(async () => {
    t = await createTestContext();
    team = await createTeam(t, '330781', 'lx');
    const staff = await createUser(t, { username: 'lx_county', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'lx_community', role: 'community_worker', region: '330781001001', orgType: 'community_committee' });
    countyCookie = await login(t.app, 'lx_county');
    // 龑 (U+9F91) is outside the everyday font subset: drawn from the fallback slice.
    const p = await createPerson(t, { region: '330781001001', birth: '1938-08-08', seq: 31, name: '刘龑' });
    id = await runWorkflow(t, team, await actorFor(t, staff.id), p.id, {
      form: formWith(itemsWithTotal(70), { diagnoses: ['F03'], risk_events_30d: { fall: 1, wandering: 0, choking: 1, self_harm: 0, other: 0 } }),
      until: 'published',
    });
  });
  afterAll(async () => t.close());

  it('the JSON model has C.1–C.5, assessors and date', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/assessments/${id}/report`, headers: { cookie: countyCookie } });
    expect(r.statusCode).toBe(200);
    const m = r.json();
    expect(m.dimensions.map((d: { name: string }) => d.name)).toEqual(['自理能力', '基础运动能力', '精神状态', '感知觉与社会参与']);
    expect(m.total).toEqual({ score: 70, max: 90 });
    expect(m.initial_grade).toBe('能力轻度受损（轻度失能）');
    expect(m.changes).toHaveLength(2);
    expect(m.final_grade).toBe('能力中度受损（中度失能）');
    expect(m.signatures[0]).toEqual({ label: '评估员', value: `${team.assessor1.username}、${team.assessor2.username}` });
    expect(m.items).toHaveLength(26);
  });

  it('the PDF carries the report in real Chinese text', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/assessments/${id}/report.pdf`, headers: { cookie: countyCookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('老年人能力评估报告'));
    const buf = r.rawPayload;
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(buf.length).toBeLessThan(400_000); // the font is subset, not embedded whole
    const text = (await pdfText(buf)).replace(/\s+/g, '');
    for (const s of ['老年人能力评估报告', '刘龑', '自理能力', '基础运动能力', '精神状态', '感知觉与社会参与', '总分：70分', '初步等级：能力轻度受损（轻度失能）', '确诊为痴呆', '近30天内发生过2次及以上照护风险事件', '最终等级：能力中度受损（中度失能）', team.assessor1.username, '首次评估', '平地行走']) {
      expect(text, s).toContain(s);
    }
  });

  it('needs health:read and a result', async () => {
    const community = await login(t.app, 'lx_community');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/assessments/${id}/report.pdf`, headers: { cookie: community } })).statusCode).toBe(403);
    const p = await createPerson(t, { region: '330781001001', birth: '1938-08-09', seq: 32, name: '未评估' });
    const open = await runWorkflow(t, team, await actorFor(t, (await t.ctx.services.users.findByUsername('lx_county'))!.id), p.id, { form: formWith(itemsWithTotal(70)), until: 'assigned' });
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/assessments/${open}/report.pdf`, headers: { cookie: countyCookie } });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('ASSESSMENT_NO_RESULT');
  });
});
