/**
 * Demo data for visiting care: visitors, assignments and three months of visit history, so the
 * due list and the rate mean something at first start. Runs after the registry's demo seeder and
 * works with whatever tagged persons it made; if there are none (a branch without it), creates a
 * few hundred tagged demo persons through the registry service first. Idempotent: does nothing
 * for a locality whose roster already has visits.
 */
import {
  addDays,
  HARDSHIP_TAG_CODES,
  makeIdNumber,
  monthPeriodOf,
  previousPeriod,
  weekOf,
  type HardshipTag,
  type PlainDate,
  type StoredFindings,
} from '@yiyang/core';
import type { Db } from '../../db/database';
import { systemActor, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { RegistryService } from '../registry';
import { principalToActor, type UserService } from '../users';
import type { VisitsService } from './visits.service';

/** The parts of the demo world and context this seeder uses (structural: no import cycle). */
export interface VisitsDemoHost {
  db: Db;
  clock: Clock;
  services: { registry: RegistryService; users: UserService; visits: VisitsService };
}
export interface VisitsDemoWorld {
  orgs: Map<string, { id: string; region_code: string; name: string }>;
  users: Map<string, { id: string; username: string }>;
  communities: Map<string, string[]>;
}

const LOCALITIES = [
  { key: 'cz', county: '140403' },
  { key: 'lx', county: '330781' },
  { key: 'tja', county: '340403' },
  { key: 'bd', county: '120115' },
] as const;

const PERSONS_PER_LOCALITY = 60;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['秀英', '桂英', '秀兰', '玉兰', '桂兰', '凤英', '淑珍', '玉珍', '建国', '德明', '永福', '国华', '春生', '金花', '翠花', '德胜', '玉梅', '福生', '桂芳', '长有', '振华', '文彬', '素芬', '宝山'];
const RELATIONS = ['儿子', '女儿', '侄子', '外甥女', '邻居', '孙子'];

/** Deterministic pseudo-random numbers (the demo is the same on every machine). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function instantOn(date: PlainDate, minutesAfter8: number): Date {
  return new Date(new Date(`${date}T08:00:00+08:00`).getTime() + minutesAfter8 * 60_000);
}

async function actorOf(users: UserService, userId: string): Promise<Actor> {
  const p = await users.principal(userId);
  if (!p) throw new Error(`demo user ${userId} missing`);
  return principalToActor(p);
}

async function ensureTaggedPersons(host: VisitsDemoHost, county: string, communities: string[], seed: number): Promise<void> {
  const { registry } = host.services;
  for await (const _ of registry.iterateRefs(county, { anyTags: [...HARDSHIP_TAG_CODES], pageSize: 1 })) return; // the registry's demo made some
  const actor = systemActor('demo');
  const rand = rng(seed);
  const today = host.clock.today();
  const tagPool: HardshipTag[][] = [['living_alone', 'very_old'], ['empty_nest'], ['living_alone'], ['disabled', 'economic_hardship'], ['very_old'], ['left_behind'], ['solitary', 'economic_hardship'], ['severely_disabled'], ['family_planning_special', 'empty_nest'], ['empty_nest', 'very_old']];
  for (let i = 0; i < PERSONS_PER_LOCALITY; i++) {
    // A third of them in the first community, where the demo grid worker (<key>_visitor) works.
    const community = communities[i % 3 === 0 ? 0 : i % communities.length]!;
    const age = 62 + Math.floor(rand() * 36);
    const birth = `${Number(today.slice(0, 4)) - age}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const name = SURNAMES[Math.floor(rand() * SURNAMES.length)]! + GIVEN[Math.floor(rand() * GIVEN.length)]!;
    const existing = await registry.findRefByIdNumber(makeIdNumber(county, birth, 500 + i));
    const p = existing ?? (await registry.create(actor, { id_type: 'resident', id_number: makeIdNumber(county, birth, 500 + i), name, region_code: community, address: null, phone: null }));
    const ref = (await registry.findRef(p.id))!;
    const tags = tagPool[i % tagPool.length]!.filter((t) => t !== 'very_old' || age >= 80);
    await registry.setStatus(host.db, ref, { tags: tags.length ? tags : ['empty_nest'] });
  }
}

export async function seedVisitsDemo(host: VisitsDemoHost, world: VisitsDemoWorld, opts: { password: string }): Promise<void> {
  const { users, visits } = host.services;
  const root = systemActor('demo');
  const today = host.clock.today();
  const now = host.clock.now();
  for (const [li, l] of LOCALITIES.entries()) {
    const communities = world.communities.get(l.key) ?? [];
    if (communities.length === 0) continue;
    await ensureTaggedPersons(host, l.county, communities, 7 + li);
    await visits.rebuildRoster(l.county);
    const existing = await visits.listVisits(root, { region: l.county, from: '2000-01-01', page: 1, page_size: 1 });
    if (existing.total > 0) continue;

    // Visitors: the community's 网格员 (demo user) and one volunteer per further street.
    const visitorIds: Array<string | null> = [];
    for (const [si, streetKey] of [`${l.key}-community-0-0`, `${l.key}-street-1`, `${l.key}-street-2`].entries()) {
      const org = world.orgs.get(streetKey);
      if (!org) continue;
      const username = si === 0 ? `${l.key}_visitor` : `${l.key}_visitor${si + 1}`;
      let u = world.users.get(username) ?? (await users.findByUsername(username));
      if (!u) {
        const created = await users.create(root, { username, display_name: `${org.name}志愿者`, org_id: org.id, roles: ['visitor'], password: opts.password }, { mustChangePassword: false });
        u = { id: created.user.id, username };
      }
      visitorIds.push(u.id);
      // Bulk assignment by area: the community, or the whole street for the volunteers.
      await visits.assign(root, { visitor_id: u.id, region: org.region_code, only_unassigned: true });
    }

    // Willingness and a relative's contact for most; a few declined or not yet asked.
    const roster = await visits.listRoster(root, { region: l.county, status: 'active', page: 1, page_size: 200 });
    const rand = rng(100 + li);
    for (const [i, e] of roster.items.entries()) {
      const w = i % 17 === 5 ? 'declined' : i % 7 === 3 ? 'unknown' : 'willing';
      const mobile = `13${String(800000000 + Math.floor(rand() * 99999999)).padStart(9, '0')}`;
      await visits.updateRoster(root, e.person_id, {
        willingness: w,
        willingness_on: addDays(today, -100),
        contacts: w === 'unknown' ? [] : [{ name: `${(e.name ?? '王').slice(0, 1)}${GIVEN[i % GIVEN.length]}`, relation: RELATIONS[i % RELATIONS.length]!, phone: mobile }],
        grid: `第${(i % 3) + 1}网格`,
        ...(i % 9 === 0 ? { risk_tier: 'high' as const } : i % 4 === 0 ? { risk_tier: 'medium' as const } : {}),
        version: e.version,
      });
    }

    // History: three past months (or their weeks) plus the current period so far.
    const current = await visits.listRoster(root, { region: l.county, status: 'active', page: 1, page_size: 200 });
    const history: Parameters<VisitsService['importVisitHistory']>[1] = [];
    const ok: StoredFindings = { health: { status: 'good' }, home_safety: { status: 'good' }, living_conditions: { status: 'good' }, mood: { status: 'good' }, family_support: { status: 'fulfilled' } };
    const visitedSoFar = new Map<string, number>();
    for (const e of current.items) {
      if (!e.visitor_id || e.willingness === 'declined') continue;
      const kind = e.frequency === 'weekly' ? 'week' : 'month';
      const periods = [];
      let p = kind === 'week' ? weekOf(today) : monthPeriodOf(today);
      for (let k = 0; k < (kind === 'week' ? 12 : 3); k++) {
        p = previousPeriod(kind, p.start);
        periods.push(p);
      }
      for (const per of periods) {
        if (rand() < 0.1) continue; // missed this period
        const span = Math.max(1, Math.round((Date.parse(per.end) - Date.parse(per.start)) / 86_400_000) + 1);
        const day = addDays(per.start, Math.floor(rand() * span));
        history.push({ person_id: e.person_id, visitor_id: e.visitor_id, visitor_name: e.visitor_name ?? '探访员', mode: rand() < 0.7 ? 'onsite' : 'phone', outcome: 'visited', visited_at: instantOn(day, 60 + Math.floor(rand() * 480)), findings: ok, risk_level: e.risk_tier });
      }
      // The current period: half of each visitor's people visited so far (every second one, so a
      // visitor with few people still has some due whatever order the roster comes in), at some
      // time between the period's start and now.
      const cur = kind === 'week' ? weekOf(today) : monthPeriodOf(today);
      const nth = visitedSoFar.get(e.visitor_id) ?? 0;
      visitedSoFar.set(e.visitor_id, nth + 1);
      if (nth % 2 === 1) {
        const start = new Date(`${cur.start}T00:01:00+08:00`).getTime();
        const at = new Date(start + Math.floor(rand() * Math.max(0, now.getTime() - 60_000 - start)));
        history.push({ person_id: e.person_id, visitor_id: e.visitor_id, visitor_name: e.visitor_name ?? '探访员', mode: 'onsite', outcome: 'visited', visited_at: at, findings: ok, risk_level: e.risk_tier });
      }
    }
    await visits.importVisitHistory(root, history);

    // Live records through the service, as the visitor: two failed contacts, one danger finding with referrals.
    const visitor = visitorIds[0] ? await actorOf(users, visitorIds[0]) : null;
    const due = visitor ? await visits.due(visitor, { period: 'current', page: 1, page_size: 10 }) : { items: [] };
    const [a, b] = due.items;
    // Inside both current periods (the later of this week's and this month's start).
    const floor = [weekOf(today).start, monthPeriodOf(today).start].sort()[1]!;
    const earlier = (h: number) => new Date(Math.max(now.getTime() - h * 3600_000, new Date(`${floor}T00:05:00+08:00`).getTime())).toISOString();
    if (visitor && a) {
      for (const h of [5, 3]) await visits.recordVisit(visitor, { person_id: a.person_id, mode: 'phone', visited_at: earlier(h), outcome: 'not_reached', findings: {}, referrals: [], note: '电话无人接听' });
    }
    if (visitor && b) {
      await visits.recordVisit(visitor, {
        person_id: b.person_id,
        mode: 'onsite',
        visited_at: earlier(1),
        outcome: 'visited',
        findings: { health: { status: 'concern', note: '血压偏高，自述头晕' }, home_safety: { status: 'danger', note: '燃气灶软管老化漏气' }, living_conditions: 'good', mood: 'good', family_support: 'partial' },
        risk_level: 'high',
        needs: '更换燃气软管；申请能力评估',
        referrals: [{ kind: 'service', need: '上门更换燃气软管、安装燃气报警器' }, { kind: 'assessment', need: '申请老年人能力综合评估' }],
      });
    }
    await visits.runDailyCheck(l.county);
  }
}
