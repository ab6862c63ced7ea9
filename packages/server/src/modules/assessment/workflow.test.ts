/**
 * The assessment workflow (issue 4 §3–4): permissions, data scope, two distinct assessors, the
 * reviewer not an assessor, publication writing the registry fact, health-data masking, the
 * append-only action log, objection and re-assessment.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createTeam, formWith, fullItems, itemsWithTotal, runWorkflow, type AssessmentTeam } from '../../../test/assessment-fixtures';
import { actorFor, createTestContext, createUser, fixedClock, login, type TestContext } from '../../../test/harness';
import type { Actor } from '../../platform/actor';

describe('assessment workflow', () => {
  let t: TestContext;
  const clock = fixedClock(new Date('2025-06-02T02:00:00Z'));
  let team: AssessmentTeam;
  let street: Actor;
  let streetCookie: string;
  let countyCookie: string;
  let communityCookie: string;
  let outsiderCookie: string;
  let person: { id: string };

  beforeAll(async () => {
    t = await createTestContext({ clock });
    team = await createTeam(t, '330781', 'lx');
    const s = await createUser(t, { username: 'lx_street', role: 'street_staff', region: '330781001', orgType: 'street_office' });
    street = await actorFor(t, s.id);
    await createUser(t, { username: 'lx_county', role: 'county_staff', region: '330781' });
    await createUser(t, { username: 'lx_community', role: 'community_worker', region: '330781001001', orgType: 'community_committee' });
    await createUser(t, { username: 'tja_county', role: 'county_staff', region: '340403' });
    streetCookie = await login(t.app, 'lx_street');
    countyCookie = await login(t.app, 'lx_county');
    communityCookie = await login(t.app, 'lx_community');
    outsiderCookie = await login(t.app, 'tja_county');
    person = await createPerson(t, { region: '330781001001', birth: '1940-03-15', seq: 11, name: '周桂兰' });
  });
  afterAll(async () => t.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

  it('runs end to end over HTTP and publishing sets the registry fact with the assessment as its source', async () => {
    // Street staff record the family's request.
    const req = await call('POST', '/assessments', streetCookie, { person_id: person.id, reason: 'first', applicant_name: '周建国', applicant_relation: 'child' });
    expect(req.statusCode).toBe(201);
    let a = req.json();
    expect(a).toMatchObject({ status: 'requested', reason: 'first', channel: 'applicant', person_name: '周桂兰', number: expect.stringMatching(/^PG3307812025\d{5}$/) });
    expect(a.allowed_actions).toEqual([]);

    // The agency's reviewer assigns two assessors.
    const reviewerCookie = await login(t.app, team.reviewer.username);
    const agencies = (await call('GET', '/assessments/agencies?region=330781001001', reviewerCookie)).json();
    expect(agencies.items).toEqual([expect.objectContaining({ id: team.agencyId, assessors: expect.arrayContaining([{ id: team.assessor1.id, name: team.assessor1.username }]) })]);
    a = (await call('POST', `/assessments/${a.id}/assign`, reviewerCookie, { agency_id: team.agencyId, assessor_ids: [team.assessor1.id, team.assessor2.id], version: a.version })).json();
    expect(a.status).toBe('assigned');

    // Assessor 1 saves a partial draft on site; assessor 2 completes and submits it.
    const a1 = await login(t.app, team.assessor1.username);
    const a2 = await login(t.app, team.assessor2.username);
    const partial = fullItems();
    delete partial['B.4.5'];
    const draft = await call('PUT', `/assessments/${a.id}/form`, a1, { form: formWith(partial, { diagnoses: ['F03', 'I10'] }), version: a.version });
    expect(draft.statusCode).toBe(200);
    a = draft.json();
    expect(a.status).toBe('in_progress');
    expect(a.result).toBeNull(); // incomplete
    expect(a.allowed_actions.sort()).toEqual(['save_draft', 'submit']);
    const early = await call('POST', `/assessments/${a.id}/submit`, a2, { version: a.version });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'ASSESSMENT_ITEM_MISSING', message: expect.stringContaining('B.4.5') });
    const items = itemsWithTotal(70);
    const sub = await call('POST', `/assessments/${a.id}/submit`, a2, { form: formWith(items, { diagnoses: ['F03', 'I10'] }), assessment_date: '2025-06-02', version: a.version });
    expect(sub.statusCode).toBe(200);
    a = sub.json();
    expect(a).toMatchObject({ status: 'submitted', result: { total: 70, initial_grade: 1, grade: 2, changes: [{ rule: 'dementia' }] } });
    expect(a.grade).toBeNull(); // not published yet

    // Review and publish.
    a = (await call('POST', `/assessments/${a.id}/review`, reviewerCookie, { decision: 'approve', comment: '资料齐全', version: a.version })).json();
    expect(a.status).toBe('reviewed');
    const pub = await call('POST', `/assessments/${a.id}/publish`, reviewerCookie, { version: a.version });
    expect(pub.statusCode).toBe(200);
    a = pub.json();
    expect(a).toMatchObject({ status: 'published', grade: 2, grade_name: '能力中度受损', next_due_date: '2026-06-02' });

    // The registry now holds the grade, sourced from this assessment, with history.
    const p = (await call('GET', `/persons/${person.id}`, countyCookie)).json();
    expect(p.capability_grade).toBe(2);
    expect(p.facts.capability_grade).toMatchObject({ value: 2, source_type: 'assessment' });
    const facts = (await call('GET', `/persons/${person.id}/facts`, countyCookie)).json().items.filter((f: { fact: string }) => f.fact === 'capability_grade');
    expect(facts).toEqual([expect.objectContaining({ value: 2, source_type: 'assessment', source_ref: a.id, valid_from: '2025-06-02' })]);
    const ref = await t.ctx.services.registry.findRef(person.id);
    expect((await t.ctx.services.registry.factsAsOf(ref!, '2025-06-02')).capability_grade).toBe(2);

    // Staff still cannot edit the grade themselves.
    const edit = await call('POST', `/persons/${person.id}/facts`, countyCookie, { fact: 'capability_grade', value: 0, valid_from: '2025-06-02' });
    expect(edit.statusCode).toBe(403);

    // The append-only action log.
    const log = (await call('GET', `/assessments/${a.id}/actions`, countyCookie)).json().items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(['request', 'assign', 'save_draft', 'submit', 'approve', 'publish']);
    expect(log[0]).toMatchObject({ actor_name: 'lx_street', to_status: 'requested' });
    await expect(sql`update assessment_actions set comment = 'x'`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from assessment_actions`.execute(t.ctx.db)).rejects.toThrow(/append-only/);

    // Every step is in the audit trail, without health details.
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', a.id).orderBy('seq').execute();
    expect(audit.map((e) => e.action)).toEqual(['assessments.request', 'assessments.assign', 'assessments.save_draft', 'assessments.submit', 'assessments.approve', 'assessments.publish']);
    expect(JSON.stringify(audit)).not.toContain('F03');
    // The form is encrypted at rest.
    const raw = await sql<Record<string, unknown>>`select * from assessments where id = ${a.id}`.execute(t.ctx.db);
    expect(JSON.stringify(raw.rows[0])).not.toContain('F03');
    expect(JSON.stringify(raw.rows[0])).not.toContain('B.1.1');
  });

  it('health details are shown only to holders of health:read', async () => {
    const id = (await t.ctx.services.assessment.list(street, { person_id: person.id, page: 1, page_size: 5 })).items[0]!.id;
    const withHealth = (await call('GET', `/assessments/${id}`, countyCookie)).json();
    expect(withHealth.health_visible).toBe(true);
    expect(withHealth.form.diagnoses).toEqual(['F03', 'I10']);
    const without = await call('GET', `/assessments/${id}`, communityCookie);
    expect(without.statusCode).toBe(200);
    expect(without.json()).toMatchObject({ health_visible: false, form: null, result: null, grade: 2, grade_name: '能力中度受损' });
    expect(without.body).not.toContain('F03');
    expect(without.body).not.toContain('B.1.1');
    expect(without.body).not.toContain('dementia');
  });

  it('permissions: each role does only its part', async () => {
    const p2 = await createPerson(t, { region: '330781001001', birth: '1950-01-01', seq: 12, name: '李大山' });
    // Community workers may request; they may not assign, fill in or review.
    const req = await call('POST', '/assessments', communityCookie, { person_id: p2.id, reason: 'first' });
    expect(req.statusCode).toBe(201);
    const a = req.json();
    expect((await call('POST', `/assessments/${a.id}/assign`, communityCookie, { agency_id: team.agencyId, assessor_ids: [team.assessor1.id, team.assessor2.id], version: a.version })).statusCode).toBe(403);
    // An assessor cannot assign or review; a reviewer cannot fill in the form.
    const a1 = await login(t.app, team.assessor1.username);
    expect((await call('POST', `/assessments/${a.id}/assign`, a1, { agency_id: team.agencyId, assessor_ids: [team.assessor1.id, team.assessor2.id], version: a.version })).statusCode).toBe(403);
    const reviewerCookie = await login(t.app, team.reviewer.username);
    const assigned = (await call('POST', `/assessments/${a.id}/assign`, reviewerCookie, { agency_id: team.agencyId, assessor_ids: [team.assessor1.id, team.assessor2.id], version: a.version })).json();
    const byReviewer = await call('PUT', `/assessments/${a.id}/form`, reviewerCookie, { form: formWith(fullItems()), version: assigned.version });
    expect(byReviewer.statusCode).toBe(403);
    // An assessor of the agency who is not assigned to this one may not fill it in.
    const other = await createUser(t, { username: 'lx_assessor3', role: 'assessor', region: '330781', orgType: 'assessment_agency' });
    await t.ctx.db.updateTable('users').set({ org_id: team.agencyId }).where('id', '=', other.id).execute();
    const notMine = await call('PUT', `/assessments/${a.id}/form`, await login(t.app, 'lx_assessor3'), { form: formWith(fullItems()), version: assigned.version });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('ASSESSMENT_NOT_ASSESSOR');
    // Stale versions are refused.
    const ok = await call('PUT', `/assessments/${a.id}/form`, a1, { form: formWith(fullItems()), version: assigned.version });
    expect(ok.statusCode).toBe(200);
    const stale = await call('PUT', `/assessments/${a.id}/form`, a1, { form: formWith(fullItems()), version: assigned.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    // Only one assessment at a time per person.
    const dup = await call('POST', '/assessments', streetCookie, { person_id: p2.id, reason: 'first' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ASSESSMENT_OPEN_EXISTS');
  });

  it('data scope: another county sees nothing and can do nothing', async () => {
    const id = (await t.ctx.services.assessment.list(street, { person_id: person.id, page: 1, page_size: 5 })).items[0]!.id;
    expect((await call('GET', `/assessments/${id}`, outsiderCookie)).statusCode).toBe(404);
    expect((await call('GET', `/assessments/${id}/actions`, outsiderCookie)).statusCode).toBe(404);
    expect((await call('POST', `/assessments/${id}/objection`, outsiderCookie, { reason: '越权异议', version: 1 })).statusCode).toBe(404);
    expect((await call('GET', '/assessments?region=330781', outsiderCookie)).statusCode).toBe(403);
    expect((await call('GET', '/assessments', outsiderCookie)).json().total).toBe(0);
    expect((await call('POST', '/assessments', outsiderCookie, { person_id: person.id, reason: 'immediate' })).statusCode).toBe(404);
    // Street staff see their street only.
    const streetList = (await call('GET', '/assessments', streetCookie)).json();
    expect(streetList.items.every((x: { region_code: string }) => x.region_code.startsWith('330781001'))).toBe(true);
    expect(streetList.total).toBeGreaterThan(0);
  });

  it('the two assessors must differ and belong to the agency', async () => {
    const p3 = await createPerson(t, { region: '330781001001', birth: '1945-01-01', seq: 13, name: '陈阿婆' });
    const id = await runWorkflow(t, team, street, p3.id, { form: formWith(fullItems()), until: 'requested' });
    const reviewerCookie = await login(t.app, team.reviewer.username);
    const same = await call('POST', `/assessments/${id}/assign`, reviewerCookie, { agency_id: team.agencyId, assessor_ids: [team.assessor1.id, team.assessor1.id], version: 1 });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.code).toBe('ASSESSMENT_ASSESSORS_SAME');
    const street2 = await createUser(t, { username: 'lx_street2', role: 'street_staff', region: '330781001', orgType: 'street_office' });
    const notAssessor = await call('POST', `/assessments/${id}/assign`, reviewerCookie, { agency_id: team.agencyId, assessor_ids: [team.assessor1.id, street2.id], version: 1 });
    expect(notAssessor.statusCode).toBe(400);
    expect(notAssessor.json().error.code).toBe('ASSESSMENT_ASSESSOR_INVALID');
  });

  it('the reviewer and the publisher must not be one of the assessors', async () => {
    // A user who is both an assessor and a reviewer in the agency.
    const both = await createUser(t, { username: 'lx_both', role: ['assessor', 'assessment_reviewer'], region: '330781', orgType: 'assessment_agency' });
    await t.ctx.db.updateTable('users').set({ org_id: team.agencyId }).where('id', '=', both.id).execute();
    const bothActor = await actorFor(t, both.id);
    const p4 = await createPerson(t, { region: '330781001001', birth: '1938-07-01', seq: 14, name: '吴老伯' });
    const s = t.ctx.services.assessment;
    let d = await s.request(street, { person_id: p4.id, reason: 'first', channel: 'staff' });
    d = await s.assign(team.reviewer.actor, d.id, { agency_id: team.agencyId, assessor_ids: [both.id, team.assessor2.id], version: d.version });
    d = await s.submit(bothActor, d.id, { form: formWith(itemsWithTotal(40)), version: d.version });
    const bothCookie = await login(t.app, 'lx_both');
    const review = await call('POST', `/assessments/${d.id}/review`, bothCookie, { decision: 'approve', version: d.version });
    expect(review.statusCode).toBe(403);
    expect(review.json().error.code).toBe('ASSESSMENT_REVIEWER_IS_ASSESSOR');
    d = await s.review(team.reviewer.actor, d.id, { decision: 'approve', version: d.version });
    const publish = await call('POST', `/assessments/${d.id}/publish`, bothCookie, { version: d.version });
    expect(publish.statusCode).toBe(403);
    expect(publish.json().error.code).toBe('ASSESSMENT_REVIEWER_IS_ASSESSOR');
    // Returning needs a comment; a returned form goes back to the assessors.
    const p5 = await createPerson(t, { region: '330781001001', birth: '1938-07-02', seq: 15, name: '郑老伯' });
    const id5 = await runWorkflow(t, team, street, p5.id, { form: formWith(fullItems()), until: 'submitted' });
    const reviewerCookie = await login(t.app, team.reviewer.username);
    expect((await call('POST', `/assessments/${id5}/review`, reviewerCookie, { decision: 'return', version: 4 })).json().error.code).toBe('ASSESSMENT_RETURN_COMMENT');
    const back = await call('POST', `/assessments/${id5}/review`, reviewerCookie, { decision: 'return', comment: 'B.2.3 请复核', version: 4 });
    expect(back.json()).toMatchObject({ status: 'in_progress', review_comment: 'B.2.3 请复核' });
    expect(back.json().allowed_actions.sort()).toEqual(['assign', 'cancel']);
    expect((await t.ctx.services.assessment.get(team.assessor1.actor, id5)).allowed_actions.sort()).toEqual(['save_draft', 'submit']);
  });

  it('objection: a dispute re-assessment by other assessors replaces the grade; its result is final', async () => {
    const p6 = await createPerson(t, { region: '330781001001', birth: '1936-02-02', seq: 16, name: '孙奶奶' });
    const firstId = await runWorkflow(t, team, street, p6.id, { form: formWith(itemsWithTotal(80)), until: 'published' });
    expect((await t.ctx.services.registry.findRef(p6.id)) && (await call('GET', `/persons/${p6.id}`, countyCookie)).json().capability_grade).toBe(1);

    const obj = await call('POST', `/assessments/${firstId}/objection`, streetCookie, { reason: '家属认为老人夜间无法如厕', applicant_name: '孙女', applicant_relation: 'other_relative', version: 6 });
    expect(obj.statusCode).toBe(201);
    const dispute = obj.json();
    expect(dispute).toMatchObject({ reason: 'dispute', status: 'requested', disputes_id: firstId });
    const original = (await call('GET', `/assessments/${firstId}`, countyCookie)).json();
    expect(original).toMatchObject({ status: 'objected', objection: { reason: '家属认为老人夜间无法如厕', dispute_id: dispute.id } });
    // The original result stays in force until the re-assessment is published.
    expect((await call('GET', `/persons/${p6.id}`, countyCookie)).json().capability_grade).toBe(1);

    // The original assessors may not re-assess.
    const reviewerCookie = await login(t.app, team.reviewer.username);
    const same = await call('POST', `/assessments/${dispute.id}/assign`, reviewerCookie, { agency_id: team.agencyId, assessor_ids: [team.assessor1.id, team.assessor2.id], version: dispute.version });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.code).toBe('ASSESSMENT_DISPUTE_SAME_ASSESSOR');
    const other = await createTeam(t, '330781', 'lx2');
    const s = t.ctx.services.assessment;
    let d = await s.assign(team.reviewer.actor, dispute.id, { agency_id: other.agencyId, assessor_ids: [other.assessor1.id, other.assessor2.id], version: dispute.version }).catch((e: Error) => e);
    // The first agency's reviewer cannot assign to another agency (agency users act for their own).
    expect(d).toBeInstanceOf(Error);
    d = await s.assign(await actorFor(t, (await createUser(t, { username: 'lx_county2', role: 'county_staff', region: '330781' })).id), dispute.id, { agency_id: other.agencyId, assessor_ids: [other.assessor1.id, other.assessor2.id], version: dispute.version });
    if (d instanceof Error) throw d;
    d = await s.submit(other.assessor1.actor, d.id, { form: formWith(itemsWithTotal(60)), version: d.version });
    d = await s.review(other.reviewer.actor, d.id, { decision: 'approve', version: d.version });
    d = await s.publish(other.reviewer.actor, d.id, { version: d.version });
    expect(d).toMatchObject({ status: 'published', grade: 2 });
    const facts = (await call('GET', `/persons/${p6.id}/facts`, countyCookie)).json().items.filter((f: { fact: string; superseded_at: string | null }) => f.fact === 'capability_grade' && !f.superseded_at);
    expect(facts.map((f: { value: number; source_ref: string }) => [f.value, f.source_ref])).toEqual([[1, firstId], [2, d.id]].slice(facts.length === 1 ? 1 : 0));
    expect((await call('GET', `/persons/${p6.id}`, countyCookie)).json().capability_grade).toBe(2);
    const log = (await call('GET', `/assessments/${firstId}/actions`, countyCookie)).json().items.map((e: { action: string }) => e.action);
    expect(log.slice(-2)).toEqual(['object', 'dispute_published']);

    // The re-assessment result is final.
    const again = await call('POST', `/assessments/${d.id}/objection`, streetCookie, { reason: '仍有异议', version: d.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ASSESSMENT_DISPUTE_FINAL');
  });

  it('objections are refused after the objection period', async () => {
    const p7 = await createPerson(t, { region: '330781001001', birth: '1944-04-04', seq: 17, name: '钱爷爷' });
    const id = await runWorkflow(t, team, street, p7.id, { form: formWith(fullItems()), until: 'published' });
    clock.advance(31 * 86_400_000);
    try {
      const late = await call('POST', `/assessments/${id}/objection`, await login(t.app, 'lx_street'), { reason: '有异议', version: 6 });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('ASSESSMENT_OBJECTION_EXPIRED');
    } finally {
      clock.advance(-31 * 86_400_000);
    }
  });

  it('request reasons must fit the history', async () => {
    const r1 = await call('POST', '/assessments', streetCookie, { person_id: person.id, reason: 'first' });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.code).toBe('ASSESSMENT_REASON_FIRST');
    const p8 = await createPerson(t, { region: '330781001001', birth: '1944-04-05', seq: 18, name: '冯奶奶' });
    const r2 = await call('POST', '/assessments', streetCookie, { person_id: p8.id, reason: 'routine' });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.code).toBe('ASSESSMENT_REASON_ROUTINE');
  });

  it('cancel ends an open assessment', async () => {
    const p9 = await createPerson(t, { region: '330781001001', birth: '1944-04-06', seq: 19, name: '蒋大爷' });
    const id = await runWorkflow(t, team, street, p9.id, { form: formWith(fullItems()), until: 'assigned' });
    const r = await call('POST', `/assessments/${id}/cancel`, countyCookie, { reason: '老人住院，暂缓评估', version: 2 });
    expect(r.json()).toMatchObject({ status: 'cancelled' });
    const again = await call('POST', `/assessments/${id}/cancel`, countyCookie, { reason: '再次取消', version: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ASSESSMENT_STATE_INVALID');
  });
});
