/**
 * Escalation (repeated failed contacts, danger found, overdue periods), the daily job, referrals
 * into other modules' queues, and visit photos.
 */
import { makeIdNumber } from '@yiyang/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, createUser, fixedClock, login, type TestContext } from '../../../test/harness';
import type { PersonRef } from '../registry';

const START = new Date('2025-06-04T02:00:00Z'); // Wednesday 10:00 Beijing time
const C1 = '330781001001';
const C2 = '330781001002';
let seq = 0;

async function onRoster(t: TestContext, region: string, tags: string[]): Promise<PersonRef> {
  const reg = t.ctx.services.registry;
  const p = await reg.create(t.system, { id_type: 'resident', id_number: makeIdNumber(region.slice(0, 6), '1940-02-02', ++seq), name: `老人${seq}`, region_code: region });
  const ref = (await reg.findRef(p.id))!;
  await reg.setStatus(t.ctx.db, ref, { tags });
  await t.ctx.services.visits.onPersonChanged({ county_code: ref.county_code, person_id: ref.id, region_code: region, tags, alive: true, status: 'active' });
  return ref;
}

describe('escalation and the daily overdue check', () => {
  let t: TestContext;
  const clock = fixedClock(START);
  let visitor: string, worker: string, street: string, otherStreet: string, outsider: string;
  let visitorId: string;
  const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (cookie: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  const record = (cookie: string, body: object) => post(cookie, '/api/v1/visits', { mode: 'phone', findings: {}, ...body });

  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
    visitorId = (await createUser(t, { username: 'v', role: 'visitor', region: C1 })).id;
    await createUser(t, { username: 'worker', role: 'community_worker', region: C1 });
    await createUser(t, { username: 'street', role: 'street_staff', region: '330781001' });
    await createUser(t, { username: 'street2', role: 'street_staff', region: '330781002' });
    await createUser(t, { username: 'tja', role: 'county_staff', region: '340403' });
  });
  afterAll(async () => t.close());

  /** Sessions end after 12 h: sign in again whenever the clock moves. */
  async function relogin() {
    visitor = await login(t.app, 'v');
    worker = await login(t.app, 'worker');
    street = await login(t.app, 'street');
    otherStreet = await login(t.app, 'street2');
    outsider = await login(t.app, 'tja');
  }
  beforeEach(async () => {
    clock.set(START);
    await relogin();
  });

  it('three failed contacts in the period raise an "unreachable" alert to community and street with a 24 h deadline', async () => {
    const p = await onRoster(t, C1, ['living_alone']);
    await t.ctx.services.visits.assign(t.system, { visitor_id: visitorId, person_ids: [p.id], only_unassigned: false });
    // One failed contact last month does not count towards this month.
    await t.ctx.services.visits.importVisitHistory(t.system, [{ person_id: p.id, visitor_id: visitorId, visitor_name: 'v', mode: 'phone', outcome: 'not_reached', visited_at: new Date('2025-05-30T02:00:00Z') }]);
    for (const h of ['08:00', '08:30']) {
      const r = await record(visitor, { person_id: p.id, visited_at: `2025-06-04T${h}:00+08:00`, outcome: 'not_reached' });
      expect(r.json().alerts).toEqual([]);
    }
    const third = await record(visitor, { person_id: p.id, visited_at: '2025-06-04T09:00:00+08:00', outcome: 'not_reached', findings: { note: '敲门无人应答' } });
    expect(third.statusCode).toBe(201);
    const alert = third.json().alerts[0];
    expect(alert).toMatchObject({ kind: 'unreachable', status: 'open', reason: '本周期内3次未联系上', deadline_at: '2025-06-05T02:00:00.000Z', overdue: false, period_key: 'month:2025-06' });
    // Community, street and visitor see it; the other street and another county do not.
    for (const c of [worker, street, visitor]) expect((await get(c, '/api/v1/visits/alerts?status=open')).json().items.map((a: { id: string }) => a.id)).toContain(alert.id);
    expect((await get(otherStreet, '/api/v1/visits/alerts')).json().total).toBe(0);
    expect((await get(outsider, '/api/v1/visits/alerts')).json().total).toBe(0);
    // A fourth failure does not open a second alert.
    const fourth = await record(visitor, { person_id: p.id, visited_at: '2025-06-04T09:30:00+08:00', outcome: 'not_reached' });
    expect(fourth.json().alerts).toEqual([]);
    // A phone call that gets through does not answer the alert: an on-site visit must.
    await record(visitor, { person_id: p.id, visited_at: '2025-06-04T09:40:00+08:00', findings: { health: 'good' } });
    expect((await get(worker, `/api/v1/visits/alerts?status=open&kind=unreachable`)).json().total).toBe(1);
    // Past the deadline it shows as overdue.
    clock.set(new Date('2025-06-05T02:30:00Z'));
    await relogin();
    const lateRes = await get(street, '/api/v1/visits/alerts?overdue=true');
    expect(lateRes.statusCode, lateRes.body).toBe(200);
    const late = lateRes.json();
    expect(late.items.map((a: { id: string; overdue: boolean }) => [a.id, a.overdue])).toEqual([[alert.id, true]]);
    const onsite = await record(visitor, { person_id: p.id, mode: 'onsite', visited_at: '2025-06-05T10:20:00+08:00', findings: { health: 'good', home_safety: 'good' } });
    const resolved = (await get(worker, `/api/v1/visits/roster/${p.id}`)).json().alerts.find((a: { id: string }) => a.id === alert.id);
    expect(resolved).toMatchObject({ status: 'resolved', resolution_visit_id: onsite.json().id });
  });

  it('the threshold comes from the policy', async () => {
    await t.ctx.db.insertInto('settings').values({ key: 'visits.policy.330781', value: JSON.stringify({ failed_attempts_threshold: 2, unreachable_deadline_hours: 12 }) }).execute();
    const p = await onRoster(t, C1, ['empty_nest']);
    await t.ctx.services.visits.recordVisit(t.system, { person_id: p.id, mode: 'phone', visited_at: '2025-06-04T08:00:00+08:00', outcome: 'not_reached', findings: {}, referrals: [] });
    const second = await t.ctx.services.visits.recordVisit(t.system, { person_id: p.id, mode: 'phone', visited_at: '2025-06-04T08:10:00+08:00', outcome: 'not_reached', findings: {}, referrals: [] });
    expect(second.alerts[0]).toMatchObject({ kind: 'unreachable', deadline_at: '2025-06-04T14:00:00.000Z' });
    await t.ctx.db.deleteFrom('settings').where('key', '=', 'visits.policy.330781').execute();
  });

  it('a finding of danger raises an alert with a 24 h deadline for an on-site visit; staff may also close it by hand', async () => {
    const p = await onRoster(t, C1, ['disabled']);
    await t.ctx.services.visits.assign(t.system, { visitor_id: visitorId, person_ids: [p.id], only_unassigned: false });
    const r = await record(visitor, { person_id: p.id, visited_at: '2025-06-04T09:00:00+08:00', findings: { health: { status: 'danger', note: '卧床不起，无人照料' }, mood: 'concern' }, risk_level: 'high' });
    const a = r.json().alerts[0];
    expect(r.json().danger).toBe(true);
    expect(a).toMatchObject({ kind: 'danger', reason: '探访发现危险情况：健康', deadline_at: '2025-06-05T02:00:00.000Z', status: 'open' });
    // A visitor may not close alerts; the other street cannot see it; the community worker closes it.
    expect((await post(visitor, `/api/v1/visits/alerts/${a.id}/resolve`, { resolution: '已处理', version: a.version })).statusCode).toBe(403);
    expect((await post(otherStreet, `/api/v1/visits/alerts/${a.id}/resolve`, { resolution: '已处理', version: a.version })).statusCode).toBe(404);
    const done = await post(worker, `/api/v1/visits/alerts/${a.id}/resolve`, { resolution: '已联系家属送医', version: a.version });
    expect(done.json()).toMatchObject({ status: 'resolved', resolution: '已联系家属送医' });
    const again = await post(worker, `/api/v1/visits/alerts/${a.id}/resolve`, { resolution: '再次处置', version: a.version });
    expect(again.json().error.code).toBe('ALERT_RESOLVED');
    expect(await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'visits.alert_resolve').execute()).toHaveLength(1);
  });

  it('the daily check lists who missed their last period (weekly and monthly), once per period; a visit clears it', async () => {
    const monthly = await onRoster(t, C2, ['empty_nest']);
    const visitedInMay = await onRoster(t, C2, ['empty_nest']);
    const newcomer = await onRoster(t, C2, ['empty_nest']); // enrolled this month: not overdue
    const weekly = await onRoster(t, C2, ['solitary']);
    await t.ctx.services.visits.updateRoster(t.system, weekly.id, { risk_tier: 'high', version: (await t.ctx.services.visits.getRoster(t.system, weekly.id)).version });
    // On the roster since April (history from a previous system); last visits in April / May.
    await t.ctx.services.visits.importVisitHistory(t.system, [
      { person_id: monthly.id, visitor_id: null, visitor_name: '旧系统', mode: 'onsite', outcome: 'visited', visited_at: new Date('2025-04-10T02:00:00Z') },
      { person_id: visitedInMay.id, visitor_id: null, visitor_name: '旧系统', mode: 'onsite', outcome: 'visited', visited_at: new Date('2025-04-10T02:00:00Z') },
      { person_id: visitedInMay.id, visitor_id: null, visitor_name: '旧系统', mode: 'onsite', outcome: 'visited', visited_at: new Date('2025-05-20T02:00:00Z') },
      { person_id: weekly.id, visitor_id: null, visitor_name: '旧系统', mode: 'onsite', outcome: 'visited', visited_at: new Date('2025-05-20T02:00:00Z') },
    ]);
    const first = await t.ctx.services.visits.runDailyCheck('330781001');
    expect(first.raised).toBe(2);
    const alerts = (await get(street, '/api/v1/visits/alerts?kind=overdue&status=open')).json();
    const byPerson = new Map(alerts.items.map((a: { person_id: string }) => [a.person_id, a]));
    expect(byPerson.get(monthly.id)).toMatchObject({ period_key: 'month:2025-05', reason: '上月（2025-05）未探访', deadline_at: '2025-06-07T02:00:00.000Z' });
    expect(byPerson.get(weekly.id)).toMatchObject({ period_key: 'week:2025-05-26', reason: '上周（2025-05-26至2025-06-01）未探访' });
    expect(byPerson.has(visitedInMay.id)).toBe(false);
    expect(byPerson.has(newcomer.id)).toBe(false);
    // Running again the same day (or the next) adds nothing.
    expect((await t.ctx.services.visits.runDailyCheck('330781001')).raised).toBe(0);
    clock.set(new Date('2025-06-05T02:00:00Z'));
    expect((await t.ctx.services.visits.runDailyCheck('330781')).raised).toBe(0);
    // Any successful visit answers an overdue alert.
    await t.ctx.services.visits.recordVisit(t.system, { person_id: monthly.id, mode: 'phone', visited_at: '2025-06-05T09:00:00+08:00', outcome: 'visited', findings: {}, referrals: [] });
    expect((await t.ctx.services.visits.getRoster(t.system, monthly.id)).alerts[0]).toMatchObject({ kind: 'overdue', status: 'resolved' });
    // The weekly person, still unvisited in the next week, keeps one open alert (no pile-up).
    clock.set(new Date('2025-06-10T02:00:00Z'));
    await t.ctx.services.visits.runDailyCheck('330781');
    const open = (await t.ctx.services.visits.getRoster(t.system, weekly.id)).alerts.filter((a) => a.status === 'open');
    expect(open).toHaveLength(1);
  });

  it('the daily job runs from the queue and schedules the next day at 01:00 Beijing time', async () => {
    const { registerVisitJobs } = await import('./index');
    // A second registration on a copy of the context with jobs enabled schedules today's run.
    const jobs: Array<{ type: string; idempotencyKey?: string | undefined; runAt?: Date | undefined }> = [];
    const fakeCtx = {
      ...t.ctx,
      config: { ...t.ctx.config, jobs: true },
      events: { subscribe: () => undefined, publish: async () => undefined, subscribersOf: () => [] } as unknown as typeof t.ctx.events,
      jobs: { ...t.ctx.jobs, register: () => undefined, enqueue: async (_ex: unknown, o: { type: string; idempotencyKey?: string; runAt?: Date }) => (jobs.push(o), 1) } as unknown as typeof t.ctx.jobs,
    };
    registerVisitJobs(fakeCtx);
    await new Promise((r) => setTimeout(r, 50));
    expect(jobs).toEqual([expect.objectContaining({ type: 'visits.daily', idempotencyKey: 'visits.daily:2025-06-04', runAt: new Date('2025-06-03T17:00:00Z') })]);
    // The real queue: the handler registered by the harness runs the check and books tomorrow.
    await t.ctx.jobs.enqueue(t.ctx.db, { type: 'visits.daily', payload: { region: '000000' }, idempotencyKey: 'visits.daily:2025-06-04', runAt: new Date('2025-06-03T17:00:00Z') });
    await t.ctx.jobs.drain();
    const rows = await t.ctx.db.selectFrom('jobs').select(['idempotency_key', 'status', 'run_at']).where('type', '=', 'visits.daily').orderBy('id').execute();
    expect(rows.map((r) => [r.idempotency_key, r.status])).toEqual([
      ['visits.daily:2025-06-04', 'done'],
      ['visits.daily:2025-06-05', 'pending'],
    ]);
    expect(rows[1]!.run_at.toISOString()).toBe('2025-06-04T17:00:00.000Z');
  });
});

describe('referrals and photos', () => {
  let t: TestContext;
  const clock = fixedClock(START);
  let p: PersonRef;
  let other: PersonRef;
  let visitor: string;
  let worker: string;
  const got: unknown[] = [];

  beforeAll(async () => {
    t = await createTestContext({ clock, config: { YIYANG_JOBS: 'false' } });
    // A stand-in for the assessment module's subscriber.
    t.ctx.events.subscribe('visit.referral', 'test-assessment', async (payload) => got.push(payload));
    const v = await createUser(t, { username: 'v', role: 'visitor', region: C1 });
    await createUser(t, { username: 'worker', role: 'community_worker', region: C1 });
    visitor = await login(t.app, 'v');
    worker = await login(t.app, 'worker');
    p = await onRoster(t, C1, ['economic_hardship']);
    other = await onRoster(t, C1, ['living_alone']);
    await t.ctx.services.visits.assign(t.system, { visitor_id: v.id, person_ids: [p.id], only_unassigned: false });
  });
  afterAll(async () => t.close());

  it('needs referred become referrals in the target module’s queue and a visit.referral event', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/visits',
      headers: { cookie: visitor },
      payload: {
        person_id: p.id,
        mode: 'onsite',
        visited_at: '2025-06-04T09:00:00+08:00',
        findings: { living_conditions: 'concern', family_support: { status: 'not_fulfilled', note: '子女长期未探望' } },
        needs: '助餐、能力评估、护理补贴',
        referrals: [
          { kind: 'service', need: '每日助餐' },
          { kind: 'assessment', need: '申请能力综合评估' },
          { kind: 'subsidy', need: '申请护理补贴' },
        ],
      },
    });
    expect(r.statusCode).toBe(201);
    const refs = r.json().referrals;
    expect(refs.map((f: { kind: string; target_module: string; status: string }) => [f.kind, f.target_module, f.status])).toEqual([
      ['service', 'services', 'open'],
      ['assessment', 'assessment', 'accepted'],
      ['subsidy', 'benefits', 'open'],
    ]);
    // The assessment module has an immediate assessment request for the person, from this visit.
    const requested = await t.ctx.db.selectFrom('assessments').select(['id', 'person_id', 'status']).where('id', '=', refs[1].target_ref).executeTakeFirstOrThrow();
    expect(requested).toMatchObject({ person_id: p.id, status: 'requested' });
    expect(refs[1].note).toMatch(/^已受理能力评估申请/);
    await t.ctx.jobs.drain();
    expect(got).toHaveLength(3);
    expect(got[1]).toMatchObject({ referral_id: refs[1].id, target_module: 'assessment', person_id: p.id, need: '申请能力综合评估', visit_id: r.json().id });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/visits/referrals?target_module=assessment', headers: { cookie: worker } })).json();
    expect(list.items.map((f: { id: string }) => f.id)).toEqual([refs[1].id]);
    const upd = await t.app.inject({ method: 'PATCH', url: `/api/v1/visits/referrals/${refs[1].id}`, headers: { cookie: worker }, payload: { status: 'done', version: 2 } });
    expect(upd.json()).toMatchObject({ status: 'done', target_ref: refs[1].target_ref, version: 3 });
    const closed = await t.app.inject({ method: 'PATCH', url: `/api/v1/visits/referrals/${refs[1].id}`, headers: { cookie: worker }, payload: { status: 'accepted', version: 3 } });
    expect(closed.json().error.code).toBe('REFERRAL_CLOSED');
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/visits/referrals/${refs[0].id}`, headers: { cookie: visitor }, payload: { status: 'done', version: 1 } })).statusCode).toBe(403);
  });

  describe('photos', () => {
    let visitId: string;
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const upload = (body: Buffer | string, type: string, cookie = visitor, id = visitId) =>
      t.app.inject({ method: 'POST', url: `/api/v1/visits/records/${id}/photos`, headers: { cookie, 'content-type': type }, payload: body });

    beforeAll(async () => {
      visitId = (await t.ctx.services.visits.recordVisit(t.system, { person_id: p.id, mode: 'onsite', visited_at: '2025-06-04T09:30:00+08:00', outcome: 'visited', findings: {}, referrals: [] })).id;
    });

    it('stores a real image and serves it back with its type, no sniffing', async () => {
      const r = await upload(png, 'image/png');
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ content_type: 'image/png', byte_size: png.length });
      const back = await t.app.inject({ method: 'GET', url: `/api/v1/visits/records/${visitId}/photos/${r.json().id}`, headers: { cookie: worker } });
      expect(back.statusCode).toBe(200);
      expect(back.headers['content-type']).toBe('image/png');
      expect(back.headers['x-content-type-options']).toBe('nosniff');
      expect(back.rawPayload.equals(png)).toBe(true);
      const visit = (await t.app.inject({ method: 'GET', url: `/api/v1/visits/records/${visitId}`, headers: { cookie: visitor } })).json();
      expect(visit.attachments).toHaveLength(1);
    });

    it('refuses content that is not the image it claims, other types, empty and oversized files', async () => {
      const html = await upload('<html><script>alert(1)</script></html>', 'image/jpeg');
      expect(html.statusCode).toBe(400);
      expect(html.json().error.code).toBe('ATTACHMENT_CONTENT_MISMATCH');
      expect((await upload(png, 'image/jpeg')).json().error.code).toBe('ATTACHMENT_CONTENT_MISMATCH');
      expect((await upload(Buffer.alloc(0), 'image/png')).json().error.code).toBe('ATTACHMENT_EMPTY');
      const octet = await upload(png, 'application/octet-stream');
      expect(octet.statusCode).toBe(415);
      expect(octet.json().error.code).toBe('ATTACHMENT_TYPE');
      const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
      const tooBig = await upload(big, 'image/png');
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().error.code).toBe('ATTACHMENT_TOO_LARGE');
    });

    it('at most six photos a visit; only for visits the uploader may see', async () => {
      for (let i = 0; i < 5; i++) expect((await upload(png, 'image/png')).statusCode).toBe(201);
      expect((await upload(png, 'image/png')).json().error.code).toBe('ATTACHMENT_LIMIT');
      const foreign = (await t.ctx.services.visits.recordVisit(t.system, { person_id: other.id, mode: 'onsite', visited_at: '2025-06-04T09:40:00+08:00', outcome: 'visited', findings: {}, referrals: [] })).id;
      expect((await upload(png, 'image/png', visitor, foreign)).statusCode).toBe(404);
    });
  });
});
