/**
 * Demo assessments for each seed locality, so the queues, the due list and the statistics mean
 * something at first start: results published over the past two years (some falling due soon,
 * one overdue), and one assessment in each open state. Steps in the past run through the real
 * workflow with a clock set to that day. Adds a reviewer `<key>_assess_reviewer` to each agency.
 */
import {
  addDays,
  itemScoresWithTotal,
  makeIdNumber,
  maxItemScores,
  subtractYears,
  todayInChina,
  type AssessmentForm,
} from '@yiyang/core';
import type { FieldCrypto } from '../../crypto/field-crypto';
import type { Db } from '../../db/database';
import type { EventBus } from '../../jobs/events';
import type { JobQueue } from '../../jobs/queue';
import { systemActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { AuditService } from '../audit';
import type { OrgService } from '../orgs';
import type { RegionService } from '../regions';
import type { RegistryService } from '../registry';
import { principalToActor, type UserService } from '../users';
import { createAssessmentService } from './assessment.service';
import { createStoredSettingsProvider } from './assessment.settings';

/** What the seeder needs from the running application (structural: importing AppContext would be circular). */
export interface AssessmentDemoContext {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  events: EventBus;
  services: {
    audit: AuditService;
    registry: RegistryService;
    orgs: OrgService;
    users: UserService;
    regions: RegionService;
    fieldCrypto: FieldCrypto;
  };
}

export interface AssessmentDemoWorld {
  orgs: Map<string, { id: string; region_code: string; name: string }>;
  communities: Map<string, string[]>;
}

const NAMES = ['张秀英', '王桂兰', '李德福', '刘凤英', '陈玉珍', '杨建国', '赵淑华', '黄金山', '周兰英', '吴永康', '徐桂芳'];

function form(items: Record<string, number>, extra: Partial<AssessmentForm> = {}): AssessmentForm {
  return {
    basic: { education: 'primary', marital_status: 'widowed', living_with: ['alone'] },
    informant: { name: '家属', relation: 'children' },
    diagnoses: ['I10'],
    coma: false,
    risk_events_30d: { fall: 0, wandering: 0, choking: 0, self_harm: 0, other: 0 },
    items,
    ...extra,
  };
}

interface Plan {
  /** Age (周岁) today. */
  age: number;
  /** Days ago the assessment was requested and done (the result published a few days later). */
  daysAgo: number;
  until: 'requested' | 'assigned' | 'in_progress' | 'submitted' | 'reviewed' | 'published' | 'objected';
  form: AssessmentForm;
}

function plans(): Plan[] {
  return [
    // 80+: yearly. Due in about two weeks, and one overdue by a month.
    { age: 86, daysAgo: 365 - 14 - 3, until: 'published', form: form(itemScoresWithTotal(58)) },
    { age: 90, daysAgo: 365 + 30, until: 'published', form: form(itemScoresWithTotal(40), { diagnoses: ['F03', 'I10'] }) },
    // Under 80: every two years.
    { age: 72, daysAgo: 180, until: 'published', form: form(maxItemScores()) },
    { age: 76, daysAgo: 2 * 365 - 20, until: 'published', form: form(itemScoresWithTotal(75)) },
    { age: 83, daysAgo: 60, until: 'published', form: form(itemScoresWithTotal(20), { coma: true }) },
    { age: 81, daysAgo: 20, until: 'objected', form: form(itemScoresWithTotal(70), { risk_events_30d: { fall: 1, wandering: 1, choking: 0, self_harm: 0, other: 0 } }) },
    // Open work for the queues.
    { age: 79, daysAgo: 6, until: 'requested', form: form(maxItemScores()) },
    { age: 88, daysAgo: 5, until: 'assigned', form: form(maxItemScores()) },
    { age: 84, daysAgo: 4, until: 'in_progress', form: form(Object.fromEntries(Object.entries(itemScoresWithTotal(62)).slice(0, 12))) },
    { age: 92, daysAgo: 3, until: 'submitted', form: form(itemScoresWithTotal(33), { diagnoses: ['F20'] }) },
    { age: 67, daysAgo: 2, until: 'reviewed', form: form(itemScoresWithTotal(85)) },
  ];
}

/** A clock frozen on a day (09:00 China time). */
function dayClock(date: string): Clock {
  const at = new Date(`${date}T09:00:00+08:00`);
  return { now: () => at, today: () => date };
}

export async function seedAssessmentDemo(
  ctx: AssessmentDemoContext,
  world: AssessmentDemoWorld,
  localities: ReadonlyArray<{ key: string; code: string; name: string }>,
  password: string,
): Promise<void> {
  const system = systemActor('demo');
  const settings = createStoredSettingsProvider(ctx.db);
  const { audit, registry, orgs, users, regions, fieldCrypto } = ctx.services;
  const serviceAt = (clock: Clock) =>
    createAssessmentService({ db: ctx.db, audit, registry, orgs, users, regions, crypto: fieldCrypto, clock, events: ctx.events, jobs: ctx.jobs, settings });
  const actorOf = async (userId: string) => principalToActor((await users.principal(userId))!);
  const today = todayInChina(ctx.clock.now());
  for (const l of localities) {
    const county = l.key === 'cz' ? '140403' : l.code;
    const agency = world.orgs.get(`${l.key}-assess`);
    const communities = world.communities.get(l.key) ?? [];
    if (!agency || communities.length === 0) continue;
    // The agency's reviewer (质控/审核).
    const reviewerName = `${l.key}_assess_reviewer`;
    const existing = await ctx.services.users.findByUsername(reviewerName);
    const reviewerId =
      existing?.id ??
      (await ctx.services.users.create(system, { username: reviewerName, display_name: `${l.name}评估审核员`, org_id: agency.id, roles: ['assessment_reviewer'], password: password }, { mustChangePassword: false })).user.id;
    const ids = {
      requester: (await ctx.services.users.findByUsername(l.key === 'cz' ? 'cz_luzhou' : `${l.key}_county`))!.id,
      a1: (await ctx.services.users.findByUsername(`${l.key}_assessor`))!.id,
      a2: (await ctx.services.users.findByUsername(`${l.key}_assessor2`))!.id,
      reviewer: reviewerId,
    };
    const requester = await actorOf(ids.requester);
    const a1 = await actorOf(ids.a1);
    const a2 = await actorOf(ids.a2);
    const reviewer = await actorOf(ids.reviewer);

    for (const [i, p] of plans().entries()) {
      const birth = addDays(subtractYears(today, p.age), -(37 * (i + 1)) % 300);
      const idNumber = makeIdNumber(county, birth, 900 + i);
      const found = await ctx.services.registry.findRefByIdNumber(idNumber);
      if (found) continue; // seeded before
      const person = await ctx.services.registry.create(system, { id_type: 'resident', id_number: idNumber, name: NAMES[i % NAMES.length]!, region_code: communities[i % communities.length]! });

      const day = addDays(today, -p.daysAgo);
      const on = (d: string) => serviceAt(dayClock(d > today ? today : d));
      let d = await on(day).request(requester, { person_id: person.id, reason: 'first', channel: i % 3 === 0 ? 'staff' : 'applicant', applicant_name: i % 3 === 0 ? null : '家属', applicant_relation: i % 3 === 0 ? null : 'child' });
      if (p.until === 'requested') continue;
      d = await on(day).assign(requester, d.id, { agency_id: agency.id, assessor_ids: [ids.a1, ids.a2], version: d.version });
      if (p.until === 'assigned') continue;
      d = await on(addDays(day, 1)).saveDraft(a1, d.id, { form: p.form, assessment_date: addDays(day, 1) > today ? today : addDays(day, 1), version: d.version });
      if (p.until === 'in_progress') continue;
      d = await on(addDays(day, 1)).submit(a2, d.id, { version: d.version });
      if (p.until === 'submitted') continue;
      d = await on(addDays(day, 2)).review(reviewer, d.id, { decision: 'approve', comment: '评估规范，资料齐全', version: d.version });
      if (p.until === 'reviewed') continue;
      d = await on(addDays(day, 3)).publish(reviewer, d.id, { version: d.version });
      if (p.until === 'objected') {
        await on(addDays(day, 10)).object(requester, d.id, { reason: '家属认为老人近期多次跌倒，自理能力明显下降', applicant_name: '家属', applicant_relation: 'child', version: d.version });
      }
    }
  }
}
