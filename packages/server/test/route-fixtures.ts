/**
 * How the route-enumeration test calls each route "with this county's data": path parameters,
 * query strings and bodies pointing at county A's records. Every route in the OpenAPI document
 * that has path parameters or a body must have an entry here; the test fails naming any route
 * that lacks one, so a new module cannot ship an unchecked route.
 */
import { ASSESSMENT_ITEMS } from '@yiyang/core';
import type { TestContext } from './harness';

export interface ScopeWorld {
  /** County A (the data owner) and county B (the outsider). */
  regionA: string;
  regionB: string;
  streetA: string;
  orgA: string;
  userA: string;
  t: TestContext;
  /** Extra ids modules register while building the world. */
  ids: Record<string, string>;
}

export interface RouteCall {
  url: string;
  body?: unknown;
  /** e.g. the content type of a raw upload body. */
  headers?: Record<string, string>;
}

/** Numeric ids of fixture records (kept out of `w.ids`: short numbers would match any response). */
const numericIds: Record<string, number> = {};

type Fixture = (w: ScopeWorld) => RouteCall;

/**
 * Records of county A that modules create for the test (after users and orgs exist). Put their ids
 * in `w.ids` (the leak check searches every response for them) and any plaintext secrets that must
 * never appear in responses in `w.secrets` (e.g. the full ID number and phone of a person).
 */
export const WORLD_BUILDERS: Array<(w: ScopeWorld & { secrets: string[] }) => Promise<void>> = [
  async (w) => {
    const { systemActor } = await import('../src/platform/actor');
    const { makeIdNumber } = await import('@yiyang/core');
    const idNumber = makeIdNumber('330781', '1941-05-06', 231);
    const p = await w.t.ctx.services.registry.create(systemActor('fixture'), {
      id_type: 'resident',
      id_number: idNumber,
      name: '王秀英',
      phone: '13905791234',
      region_code: '330781001001',
      address: '兰溪市云山街道某小区1幢',
    });
    w.ids.personA = p.id;
    // The full birth date is a secret too: with the masked ID (first 6 + last 4) it completes the number.
    w.secrets.push(idNumber, '13905791234', '1941-05-06', '19410506');
  },
  // Registry review data of county A: an import batch with a bad row, a conflict, a duplicate pair.
  async (w) => {
    const { systemActor } = await import('../src/platform/actor');
    const { makeIdNumber } = await import('@yiyang/core');
    const { Readable } = await import('node:stream');
    const countyA = { ...systemActor('fixture'), regionCode: w.regionA };
    const twin = makeIdNumber('330781', '1941-05-06', 233);
    const phone = '13905795678';
    const csv = `姓名,身份证号,联系电话,户籍地区划代码,居住地区划代码,住址\n王秀英,${twin},${phone},,330781001001,\n坏行,${twin.slice(0, 17)}0,${phone},,330781001001,`;
    const r = await w.t.ctx.services.registry.imports.start(countyA, { source: 'population', mode: 'auto' }, Readable.from([Buffer.from(csv)]), 'text/csv', csv.length);
    if (r.kind !== 'done') throw new Error('fixture import not done');
    w.ids.importBatchA = r.result.batch_id;
    w.secrets.push(twin, phone);
    // 民政 says she lives alone, staff said with family (staff outrank 民政 on living arrangement).
    const twinRef = (await w.t.ctx.services.registry.findRefByIdNumber(twin))!;
    await w.t.ctx.services.registry.recordFact(countyA, twinRef.id, { fact: 'living_arrangement', value: 'with_family', valid_from: '2025-01-01' });
    const sa = `姓名,身份证号,救助类别,认定日期,居住状况\n王秀英,${twin},低保,2025-01-02,独居`;
    await w.t.ctx.services.registry.imports.start(countyA, { source: 'social_assistance', mode: 'auto' }, Readable.from([Buffer.from(sa)]), 'text/csv', sa.length);
    const c = await w.t.ctx.db.selectFrom('person_fact_conflicts').select('id').where('person_id', '=', twinRef.id).executeTakeFirstOrThrow();
    numericIds.conflictA = c.id;
    await w.t.ctx.services.registry.scanDuplicates('330781');
    const d = await w.t.ctx.db.selectFrom('person_duplicates').select('id').executeTakeFirstOrThrow();
    numericIds.duplicateA = d.id;
    w.ids.personA2 = twinRef.id;
  },
  async (w) => {
    // Visiting care: personA on the roster with a relative, a visit finding danger (alert +
    // referral) and a photo.
    const { systemActor } = await import('../src/platform/actor');
    const s = w.t.ctx.services;
    const sys = systemActor('fixture');
    const ref = (await s.registry.findRef(w.ids.personA!))!;
    await s.registry.setStatus(w.t.ctx.db, ref, { tags: ['living_alone'] });
    await s.visits.onPersonChanged({ county_code: ref.county_code, person_id: ref.id, region_code: ref.region_code, tags: ['living_alone'], alive: true, status: 'active' });
    await s.visits.updateRoster(sys, ref.id, { contacts: [{ name: '王强', relation: '儿子', phone: '13905795678' }], version: 1 });
    w.secrets.push('13905795678');
    const visit = await s.visits.recordVisit(sys, { person_id: ref.id, mode: 'onsite', visited_at: new Date().toISOString(), outcome: 'visited', findings: { home_safety: 'danger' }, referrals: [{ kind: 'service', need: '上门更换燃气软管' }] });
    w.ids.visitA = visit.id;
    w.ids.alertA = visit.alerts[0]!.id;
    w.ids.referralA = visit.referrals[0]!.id;
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    w.ids.photoA = (await s.visits.addAttachment(sys, visit.id, 'image/png', [png])).id;
  },
  // Assessment: a published assessment of person A by county A's agency (assessors and reviewer).
  async (w) => {
    const { createTeam, formWith, fullItems, runWorkflow } = await import('./assessment-fixtures');
    const { systemActor } = await import('../src/platform/actor');
    const team = await createTeam(w.t, w.regionA, 'fx');
    w.ids.assessmentAgencyA = team.agencyId;
    w.ids.assessorA1 = team.assessor1.id;
    w.ids.assessorA2 = team.assessor2.id;
    w.ids.assessmentA = await runWorkflow(w.t, team, systemActor('fixture'), w.ids.personA!, { form: formWith(fullItems({ 'B.3.7': 0 }), { diagnoses: ['F03'] }), until: 'published' });
  },
  // Catalogue and eligibility of county A: a draft of the Lanxi list and a work-list entry of person A.
  async (w) => {
    const { systemActor } = await import('../src/platform/actor');
    const draft = await w.t.ctx.services.catalogue.createDraft(systemActor('fixture'), { pack_code: 'LX', note: 'fixture' });
    w.ids.catalogueDraftA = draft.id;
    const row = await w.t.ctx.db
      .insertInto('eligibility_worklist')
      .values({ county_code: '330781', person_id: w.ids.personA!, region_code: '330781001001', street_code: '330781001', kind: 'entitled_not_receiving', item_code: 'LX-07', item_name: '高龄津贴', monthly_cash_fen: 6000, explanation: '{}', catalogue_version_id: null, last_seen_run: null, resolution: null, note: null, handled_by: null, handled_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    w.ids.worklistA = row.id;
  },
  // Benefits and payroll of county A: an enrolment, an application and a computed cycle.
  async (w) => {
    const { systemActor } = await import('../src/platform/actor');
    const { monthOf } = await import('@yiyang/core');
    const sys = systemActor('fixture');
    const s = w.t.ctx.services;
    await s.registry.recordFact(sys, w.ids.personA!, { fact: 'hukou_region', value: '330781001001', valid_from: '1990-01-01' });
    const e = await s.benefits.enrolAuto(sys, { person_id: w.ids.personA!, programme: 'LX-07', account: '6228480055501234567', confirm: true });
    w.ids.enrolmentA = e.id;
    w.secrets.push('6228480055501234567');
    const a = await s.benefits.apply(sys, { person_id: w.ids.personA!, programme: 'LX-07A', applicant_kind: 'family', applicant_name: '王某', attachments: [] });
    w.ids.applicationA = a.id;
    const c = await s.payroll.createCycle({ ...sys, regionCode: w.regionA }, { region: w.regionA, programme: 'LX-07', month: monthOf(w.t.clock.today()) });
    w.ids.cycleA = c.id;
  },
];

export const ROUTE_FIXTURES: Record<string, Fixture> = {
  'POST /api/v1/auth/login': () => ({ url: '/api/v1/auth/login', body: { username: 'a_county', password: 'Test-Passw0rd!' } }),
  'POST /api/v1/auth/password': () => ({ url: '/api/v1/auth/password', body: { current_password: 'x', new_password: 'y' } }),
  'POST /api/v1/auth/totp/enable': () => ({ url: '/api/v1/auth/totp/enable', body: { code: '123456' } }),
  'POST /api/v1/auth/totp/disable': () => ({ url: '/api/v1/auth/totp/disable', body: { password: 'x' } }),
  'GET /api/v1/regions': (w) => ({ url: `/api/v1/regions?parent=${w.regionA}` }),
  'GET /api/v1/regions/search': () => ({ url: `/api/v1/regions/search?q=${encodeURIComponent('兰溪')}` }),
  'GET /api/v1/regions/{code}': (w) => ({ url: `/api/v1/regions/${w.streetA}` }),
  'POST /api/v1/regions/load': (w) => ({ url: '/api/v1/regions/load', body: { codes: [w.regionA] } }),
  'GET /api/v1/orgs': (w) => ({ url: `/api/v1/orgs?region=${w.regionA}` }),
  'POST /api/v1/orgs': (w) => ({ url: '/api/v1/orgs', body: { name: '越权新建的机构', type: 'street_office', region_code: w.streetA } }),
  'GET /api/v1/orgs/{id}': (w) => ({ url: `/api/v1/orgs/${w.orgA}` }),
  'PATCH /api/v1/orgs/{id}': (w) => ({ url: `/api/v1/orgs/${w.orgA}`, body: { name: '被越权修改', version: 1 } }),
  'GET /api/v1/users': (w) => ({ url: `/api/v1/users?region=${w.regionA}` }),
  'POST /api/v1/users': (w) => ({ url: '/api/v1/users', body: { username: 'intruder', display_name: '越权', org_id: w.orgA, roles: ['street_staff'] } }),
  'GET /api/v1/users/{id}': (w) => ({ url: `/api/v1/users/${w.userA}` }),
  'PATCH /api/v1/users/{id}': (w) => ({ url: `/api/v1/users/${w.userA}`, body: { display_name: '被越权修改', version: 1 } }),
  'POST /api/v1/users/{id}/reset-password': (w) => ({ url: `/api/v1/users/${w.userA}/reset-password` }),
  'POST /api/v1/users/{id}/unlock': (w) => ({ url: `/api/v1/users/${w.userA}/unlock` }),
  'POST /api/v1/users/{id}/reset-mfa': (w) => ({ url: `/api/v1/users/${w.userA}/reset-mfa` }),
  'POST /api/v1/roles': () => ({ url: '/api/v1/roles', body: { code: 'intruder_role', name: '越权角色', permissions: [] } }),
  'PATCH /api/v1/roles/{code}': () => ({ url: '/api/v1/roles/street_staff', body: { require_mfa: true, version: 1 } }),
  'GET /api/v1/audit': () => ({ url: '/api/v1/audit?page_size=200' }),
  'GET /api/v1/persons': (w) => ({ url: `/api/v1/persons?region=${w.regionA}&page_size=200` }),
  'POST /api/v1/persons': (w) => ({ url: '/api/v1/persons', body: { id_number: '330781194105062315', name: '越权建档', region_code: `${w.streetA}001` } }),
  'GET /api/v1/persons/{id}': (w) => ({ url: `/api/v1/persons/${w.ids.personA}` }),
  'PATCH /api/v1/persons/{id}': (w) => ({ url: `/api/v1/persons/${w.ids.personA}`, body: { name: '被越权修改', version: 1 } }),
  'POST /api/v1/persons/{id}/reveal': (w) => ({ url: `/api/v1/persons/${w.ids.personA}/reveal`, body: { reason: '越权查看' } }),
  'GET /api/v1/persons/{id}/facts': (w) => ({ url: `/api/v1/persons/${w.ids.personA}/facts` }),
  'POST /api/v1/persons/{id}/facts': (w) => ({ url: `/api/v1/persons/${w.ids.personA}/facts`, body: { fact: 'economic_status', value: 'dibao', valid_from: '2025-01-01' } }),
  'POST /api/v1/persons/import': () => ({
    url: '/api/v1/persons/import?source=population',
    headers: { 'content-type': 'text/csv' },
    body: '姓名,身份证号,联系电话,户籍地区划代码,居住地区划代码,住址\n越权导入,330781194105062315,,,330781001001,',
  }),
  'GET /api/v1/persons/import-templates/{source}': () => ({ url: '/api/v1/persons/import-templates/population' }),
  'GET /api/v1/persons/imports': (w) => ({ url: `/api/v1/persons/imports?region=${w.regionA}` }),
  'GET /api/v1/persons/imports/{id}': (w) => ({ url: `/api/v1/persons/imports/${w.ids.importBatchA}` }),
  'GET /api/v1/persons/imports/{id}/error-report': (w) => ({ url: `/api/v1/persons/imports/${w.ids.importBatchA}/error-report` }),
  'GET /api/v1/persons/conflicts': (w) => ({ url: `/api/v1/persons/conflicts?region=${w.regionA}` }),
  'POST /api/v1/persons/conflicts/{id}/resolve': () => ({ url: `/api/v1/persons/conflicts/${numericIds.conflictA}/resolve`, body: { decision: 'keep' } }),
  'GET /api/v1/persons/duplicates': (w) => ({ url: `/api/v1/persons/duplicates?region=${w.regionA}` }),
  'POST /api/v1/persons/duplicates/scan': (w) => ({ url: '/api/v1/persons/duplicates/scan', body: { region: w.regionA } }),
  'POST /api/v1/persons/duplicates/{id}/merge': (w) => ({ url: `/api/v1/persons/duplicates/${numericIds.duplicateA}/merge`, body: { keep: w.ids.personA, reason: '越权合并' } }),
  'POST /api/v1/persons/duplicates/{id}/dismiss': () => ({ url: `/api/v1/persons/duplicates/${numericIds.duplicateA}/dismiss` }),
  'GET /api/v1/persons/stats/tags': (w) => ({ url: `/api/v1/persons/stats/tags?region=${w.regionA}` }),
  'GET /api/v1/persons/hardship-definitions': (w) => ({ url: `/api/v1/persons/hardship-definitions?region=${w.regionA}` }),
  'PUT /api/v1/persons/hardship-definitions/{region}': (w) => ({ url: `/api/v1/persons/hardship-definitions/${w.regionA}`, body: { definitions: { very_old: 'age != null && age >= 75' } } }),
  'POST /api/v1/persons/{id}/events': (w) => ({ url: `/api/v1/persons/${w.ids.personA}/events`, body: { type: 'economic_status', economic_status: 'dibao', effective_date: '2025-01-01' } }),
  'GET /api/v1/persons/{id}/events': (w) => ({ url: `/api/v1/persons/${w.ids.personA}/events` }),
  'GET /api/v1/visits/due': (w) => ({ url: `/api/v1/visits/due?region=${w.regionA}&page_size=200` }),
  'GET /api/v1/visits/rate': (w) => ({ url: `/api/v1/visits/rate?region=${w.regionA}` }),
  'GET /api/v1/visits/rate/regions': (w) => ({ url: `/api/v1/visits/rate/regions?region=${w.regionA}` }),
  'GET /api/v1/visits/policy': (w) => ({ url: `/api/v1/visits/policy?region=${w.regionA}` }),
  'POST /api/v1/visits': (w) => ({ url: '/api/v1/visits', body: { person_id: w.ids.personA, mode: 'onsite', visited_at: new Date().toISOString(), findings: {} } }),
  'GET /api/v1/visits': (w) => ({ url: `/api/v1/visits?region=${w.regionA}&page_size=200` }),
  'GET /api/v1/visits/records/{id}': (w) => ({ url: `/api/v1/visits/records/${w.ids.visitA}` }),
  'POST /api/v1/visits/records/{id}/photos': (w) => ({ url: `/api/v1/visits/records/${w.ids.visitA}/photos` }),
  'GET /api/v1/visits/records/{id}/photos/{photo_id}': (w) => ({ url: `/api/v1/visits/records/${w.ids.visitA}/photos/${w.ids.photoA}` }),
  'GET /api/v1/visits/roster': (w) => ({ url: `/api/v1/visits/roster?region=${w.regionA}&page_size=200` }),
  'GET /api/v1/visits/roster/{person_id}': (w) => ({ url: `/api/v1/visits/roster/${w.ids.personA}` }),
  'PATCH /api/v1/visits/roster/{person_id}': (w) => ({ url: `/api/v1/visits/roster/${w.ids.personA}`, body: { willingness: 'declined', version: 1 } }),
  'POST /api/v1/visits/roster/{person_id}/contacts/reveal': (w) => ({ url: `/api/v1/visits/roster/${w.ids.personA}/contacts/reveal`, body: { reason: '越权查看' } }),
  'POST /api/v1/visits/roster/rebuild': (w) => ({ url: '/api/v1/visits/roster/rebuild', body: { region: w.regionA } }),
  'GET /api/v1/visits/visitors': (w) => ({ url: `/api/v1/visits/visitors?region=${w.regionA}` }),
  'POST /api/v1/visits/assignments': (w) => ({ url: '/api/v1/visits/assignments', body: { visitor_id: null, person_ids: [w.ids.personA] } }),
  'GET /api/v1/visits/alerts': (w) => ({ url: `/api/v1/visits/alerts?region=${w.regionA}&page_size=200` }),
  'POST /api/v1/visits/alerts/{id}/resolve': (w) => ({ url: `/api/v1/visits/alerts/${w.ids.alertA}/resolve`, body: { resolution: '越权处置', version: 1 } }),
  'GET /api/v1/visits/referrals': (w) => ({ url: `/api/v1/visits/referrals?region=${w.regionA}&page_size=200` }),
  'PATCH /api/v1/visits/referrals/{id}': (w) => ({ url: `/api/v1/visits/referrals/${w.ids.referralA}`, body: { status: 'done', version: 1 } }),
  'POST /api/v1/assessments/score': () => ({ url: '/api/v1/assessments/score', body: { items: Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.code, i.options[0]!.points])), diagnoses: ['F03'] } }),
  'GET /api/v1/assessments': (w) => ({ url: `/api/v1/assessments?region=${w.regionA}&page_size=200` }),
  'POST /api/v1/assessments': (w) => ({ url: '/api/v1/assessments', body: { person_id: w.ids.personA, reason: 'immediate' } }),
  'GET /api/v1/assessments/due': (w) => ({ url: `/api/v1/assessments/due?region=${w.regionA}&within_days=366&page_size=200` }),
  'GET /api/v1/assessments/statistics': (w) => ({ url: `/api/v1/assessments/statistics?region=${w.regionA}` }),
  'GET /api/v1/assessments/agencies': (w) => ({ url: `/api/v1/assessments/agencies?region=${w.regionA}` }),
  'GET /api/v1/assessments/{id}': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}` }),
  'GET /api/v1/assessments/{id}/report': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}/report` }),
  'GET /api/v1/assessments/{id}/report.pdf': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}/report.pdf` }),
  'GET /api/v1/assessments/{id}/actions': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}/actions` }),
  'POST /api/v1/assessments/{id}/assign': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}/assign`, body: { agency_id: w.ids.assessmentAgencyA, assessor_ids: [w.ids.assessorA1, w.ids.assessorA2], version: 1 } }),
  'PUT /api/v1/assessments/{id}/form': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}/form`, body: { form: { items: { 'B.1.1': 0 } }, version: 1 } }),
  'POST /api/v1/assessments/{id}/submit': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}/submit`, body: { version: 1 } }),
  'POST /api/v1/assessments/{id}/review': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}/review`, body: { decision: 'approve', version: 1 } }),
  'POST /api/v1/assessments/{id}/publish': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}/publish`, body: { version: 1 } }),
  'POST /api/v1/assessments/{id}/objection': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}/objection`, body: { reason: '越权提出异议', version: 1 } }),
  'POST /api/v1/assessments/{id}/cancel': (w) => ({ url: `/api/v1/assessments/${w.ids.assessmentA}/cancel`, body: { reason: '越权取消', version: 1 } }),
  'GET /api/v1/public/catalogues/{region}': (w) => ({ url: `/api/v1/public/catalogues/${w.regionA}` }),
  'GET /api/v1/catalogues': (w) => ({ url: `/api/v1/catalogues?region=${w.regionA}` }),
  'GET /api/v1/catalogues/versions/{id}': (w) => ({ url: `/api/v1/catalogues/versions/${w.ids.catalogueDraftA}` }),
  'GET /api/v1/catalogues/diff': (w) => ({ url: `/api/v1/catalogues/diff?from=${w.ids.catalogueDraftA}&to=${w.ids.catalogueDraftA}` }),
  'POST /api/v1/catalogues/drafts': () => ({ url: '/api/v1/catalogues/drafts', body: { pack_code: 'LX' } }),
  'PUT /api/v1/catalogues/versions/{id}': (w) => ({ url: `/api/v1/catalogues/versions/${w.ids.catalogueDraftA}`, body: { version: 1, content: { code: 'LX' } } }),
  'PUT /api/v1/catalogues/versions/{id}/parameters/{name}': (w) => ({ url: `/api/v1/catalogues/versions/${w.ids.catalogueDraftA}/parameters/high_age_allowance`, body: { version: 1, from: '2025-01-01', value: 1 } }),
  'POST /api/v1/catalogues/versions/{id}/propose': (w) => ({ url: `/api/v1/catalogues/versions/${w.ids.catalogueDraftA}/propose`, body: { version: 1 } }),
  'POST /api/v1/catalogues/versions/{id}/return': (w) => ({ url: `/api/v1/catalogues/versions/${w.ids.catalogueDraftA}/return`, body: { version: 1 } }),
  'POST /api/v1/catalogues/versions/{id}/approve': (w) => ({ url: `/api/v1/catalogues/versions/${w.ids.catalogueDraftA}/approve`, body: { version: 1 } }),
  'GET /api/v1/catalogues/versions/{id}/check': (w) => ({ url: `/api/v1/catalogues/versions/${w.ids.catalogueDraftA}/check` }),
  'POST /api/v1/catalogues/versions/{id}/publish': (w) => ({ url: `/api/v1/catalogues/versions/${w.ids.catalogueDraftA}/publish`, body: { version: 1, document_number: '越权发布', effective_from: '2025-01-01' } }),
  // The answer echoes the ID numbers the caller sent; this one fails its checksum (no real number in any response).
  'POST /api/v1/eligibility/evaluate': (w) => ({ url: '/api/v1/eligibility/evaluate', body: { region: w.regionA, as_of: '2025-06-01', persons: [{ id_number: '330781194105062310', hukou_region: w.regionA }] } }),
  'GET /api/v1/persons/{id}/entitlements': (w) => ({ url: `/api/v1/persons/${w.ids.personA}/entitlements` }),
  'POST /api/v1/eligibility/runs': (w) => ({ url: '/api/v1/eligibility/runs', body: { region: w.regionA } }),
  'GET /api/v1/eligibility/runs': (w) => ({ url: `/api/v1/eligibility/runs?region=${w.regionA}` }),
  'GET /api/v1/worklists': (w) => ({ url: `/api/v1/worklists?region=${w.regionA}` }),
  'GET /api/v1/worklists/{id}': (w) => ({ url: `/api/v1/worklists/${w.ids.worklistA}` }),
  'PATCH /api/v1/worklists/{id}': (w) => ({ url: `/api/v1/worklists/${w.ids.worklistA}`, body: { version: 1, status: 'in_progress' } }),
  'POST /api/v1/eligibility/simulations': (w) => ({ url: '/api/v1/eligibility/simulations', body: { version_id: w.ids.catalogueDraftA } }),
  'GET /api/v1/benefits/programmes': (w) => ({ url: `/api/v1/benefits/programmes?region=${w.regionA}` }),
  'GET /api/v1/benefits/enrolments': (w) => ({ url: `/api/v1/benefits/enrolments?region=${w.regionA}&page_size=200` }),
  'POST /api/v1/benefits/enrolments': (w) => ({ url: '/api/v1/benefits/enrolments', body: { person_id: w.ids.personA, programme: 'LX-07', confirm: true } }),
  'GET /api/v1/benefits/enrolments/{id}': (w) => ({ url: `/api/v1/benefits/enrolments/${w.ids.enrolmentA}` }),
  'POST /api/v1/benefits/enrolments/{id}/suspend': (w) => ({ url: `/api/v1/benefits/enrolments/${w.ids.enrolmentA}/suspend`, body: { from_month: '2030-01', reason: '越权暂停', version: 1 } }),
  'POST /api/v1/benefits/enrolments/{id}/resume': (w) => ({ url: `/api/v1/benefits/enrolments/${w.ids.enrolmentA}/resume`, body: { from_month: '2030-01', reason: '越权恢复', version: 1 } }),
  'POST /api/v1/benefits/enrolments/{id}/terminate': (w) => ({ url: `/api/v1/benefits/enrolments/${w.ids.enrolmentA}/terminate`, body: { last_month: '2030-01', end_reason: 'other', reason: '越权终止', version: 1 } }),
  'POST /api/v1/benefits/applications': (w) => ({ url: '/api/v1/benefits/applications', body: { person_id: w.ids.personA, programme: 'LX-07', applicant_kind: 'staff', applicant_name: '越权' } }),
  'GET /api/v1/benefits/applications': (w) => ({ url: `/api/v1/benefits/applications?region=${w.regionA}&page_size=200` }),
  'GET /api/v1/benefits/applications/{id}': (w) => ({ url: `/api/v1/benefits/applications/${w.ids.applicationA}` }),
  'POST /api/v1/benefits/applications/{id}/decision': (w) => ({ url: `/api/v1/benefits/applications/${w.ids.applicationA}/decision`, body: { decision: 'reject', reason: '越权驳回', version: 1 } }),
  'POST /api/v1/payroll/cycles': (w) => ({ url: '/api/v1/payroll/cycles', body: { region: w.regionA, programme: 'LX-07', month: new Date().toISOString().slice(0, 7) } }),
  'GET /api/v1/payroll/cycles': (w) => ({ url: `/api/v1/payroll/cycles?region=${w.regionA}&page_size=200` }),
  'GET /api/v1/payroll/cycles/{id}': (w) => ({ url: `/api/v1/payroll/cycles/${w.ids.cycleA}` }),
  'POST /api/v1/payroll/cycles/{id}/compute': (w) => ({ url: `/api/v1/payroll/cycles/${w.ids.cycleA}/compute` }),
  'GET /api/v1/payroll/cycles/{id}/lines': (w) => ({ url: `/api/v1/payroll/cycles/${w.ids.cycleA}/lines` }),
  'GET /api/v1/payroll/cycles/{id}/review': (w) => ({ url: `/api/v1/payroll/cycles/${w.ids.cycleA}/review` }),
  'POST /api/v1/payroll/cycles/{id}/approve': (w) => ({ url: `/api/v1/payroll/cycles/${w.ids.cycleA}/approve`, body: {} }),
  'GET /api/v1/payroll/cycles/{id}/roster.xlsx': (w) => ({ url: `/api/v1/payroll/cycles/${w.ids.cycleA}/roster.xlsx` }),
  'GET /api/v1/payroll/cycles/{id}/public.xlsx': (w) => ({ url: `/api/v1/payroll/cycles/${w.ids.cycleA}/public.xlsx` }),
  'POST /api/v1/payroll/cycles/{id}/returns': (w) => ({ url: `/api/v1/payroll/cycles/${w.ids.cycleA}/returns`, body: '行号,结果\n1,成功\n', headers: { 'content-type': 'text/csv' } }),
  'POST /api/v1/payroll/cycles/{id}/reissue': (w) => ({ url: `/api/v1/payroll/cycles/${w.ids.cycleA}/reissue`, body: {} }),
  'POST /api/v1/payroll/cycles/{id}/close': (w) => ({ url: `/api/v1/payroll/cycles/${w.ids.cycleA}/close`, body: {} }),
  'POST /api/v1/accounts/credits': (w) => ({ url: '/api/v1/accounts/credits', body: { region: w.regionA, programme: 'LX-08', month: new Date().toISOString().slice(0, 7) } }),
  'POST /api/v1/accounts/spend': (w) => ({ url: '/api/v1/accounts/spend', body: { person_id: w.ids.personA, programme: 'LX-08', provider_org: w.orgA, amount_fen: 100, order_ref: 'fixture-1' } }),
  'POST /api/v1/accounts/expire': (w) => ({ url: '/api/v1/accounts/expire', body: { region: w.regionA, month: new Date().toISOString().slice(0, 7) } }),
  'GET /api/v1/accounts/persons': (w) => ({ url: `/api/v1/accounts/persons?region=${w.regionA}` }),
  'GET /api/v1/accounts/persons/{person_id}/statement': (w) => ({ url: `/api/v1/accounts/persons/${w.ids.personA}/statement` }),
  'GET /api/v1/accounts/providers/{org_id}/settlement': (w) => ({ url: `/api/v1/accounts/providers/${w.orgA}/settlement?month=2025-06` }),
};
