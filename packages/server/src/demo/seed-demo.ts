/**
 * Demo data for the four seed localities (长治市 140400, 兰溪市 330781, 田家庵区 340403,
 * 宝坻区 120115): real regions, organisations down to community level and one demo account per
 * role. Each module adds its own seeder to DEMO_SEEDERS; they run in order and are idempotent.
 */
import type { OrgType } from '@yiyang/core';
import type { AppContext } from '../app-context';
import { seedAssessmentDemo } from '../modules/assessment';
import { systemActor } from '../platform/actor';
import { registryDemo } from '../modules/registry/registry.demo';
import { seedVisitsDemo } from '../modules/visits';
import { seedBenefitsDemo } from '../modules/benefits';
import { seedEligibilityDemo } from '../modules/eligibility';
import { seedAccountsDemo } from '../modules/accounts';

export const DEMO_PASSWORD = 'Yiyang@2025!';

export const SEED_LOCALITIES = [
  { code: '140400', key: 'cz', name: '长治市' },
  { code: '330781', key: 'lx', name: '兰溪市' },
  { code: '340403', key: 'tja', name: '田家庵区' },
  { code: '120115', key: 'bd', name: '宝坻区' },
] as const;

export interface DemoWorld {
  orgs: Map<string, { id: string; region_code: string; name: string }>;
  users: Map<string, { id: string; username: string }>;
  /** For each locality key: the street (township) and community (village) codes used by the demo. */
  streets: Map<string, string[]>;
  communities: Map<string, string[]>;
}

export interface DemoSeeder {
  name: string;
  run(ctx: AppContext, world: DemoWorld): Promise<void>;
}

const foundation: DemoSeeder = {
  name: 'foundation',
  async run(ctx, world) {
    const actor = systemActor('demo');
    const { regions, orgs, users } = ctx.services;
    await regions.load(actor, SEED_LOCALITIES.map((l) => l.code));

    async function org(key: string, name: string, type: OrgType, region_code: string, parent?: string) {
      const o = await orgs.ensure(actor, { name, type, region_code, parent_id: parent ? world.orgs.get(parent)!.id : null });
      world.orgs.set(key, { id: o.id, region_code: o.region_code, name: o.name });
    }
    async function user(username: string, display_name: string, orgKey: string, role: string) {
      const existing = await users.findByUsername(username);
      if (existing) {
        world.users.set(username, { id: existing.id, username });
        return;
      }
      const { user: u } = await users.create(
        actor,
        { username, display_name, org_id: world.orgs.get(orgKey)!.id, roles: [role], password: DEMO_PASSWORD },
        { mustChangePassword: false },
      );
      world.users.set(username, { id: u.id, username });
    }

    // 长治市: the city bureau and one district (潞州区 140403) below it.
    await org('cz', '长治市民政局', 'civil_affairs_bureau', '140400');
    await org('cz-luzhou', '长治市潞州区民政局', 'civil_affairs_bureau', '140403', 'cz');
    for (const l of SEED_LOCALITIES) {
      const countyCode = l.key === 'cz' ? '140403' : l.code;
      const countyOrg = l.key === 'cz' ? 'cz-luzhou' : l.key;
      if (l.key !== 'cz') await org(l.key, `${l.name}民政局`, 'civil_affairs_bureau', l.code);
      const streets = (await regions.children(actor, countyCode)).slice(0, 3);
      world.streets.set(l.key, streets.map((s) => s.code));
      const communities: string[] = [];
      for (const [i, s] of streets.entries()) {
        await org(`${l.key}-street-${i}`, `${s.name}${s.name.endsWith('镇') || s.name.endsWith('乡') ? '人民政府' : '办事处'}`, 'street_office', s.code, countyOrg);
        const villages = (await regions.children(actor, s.code)).slice(0, 3);
        for (const [j, v] of villages.entries()) {
          await org(`${l.key}-community-${i}-${j}`, v.name, 'community_committee', v.code, `${l.key}-street-${i}`);
          communities.push(v.code);
        }
      }
      world.communities.set(l.key, communities);
      await org(`${l.key}-assess`, `${l.name}老年人能力评估中心`, 'assessment_agency', countyCode, countyOrg);
      await org(`${l.key}-provider`, `${l.name}颐康居家养老服务中心`, 'service_provider', countyCode, countyOrg);
    }

    await user('cz_admin', '长治市管理员', 'cz', 'city_admin');
    await user('cz_luzhou', '潞州区民政干部', 'cz-luzhou', 'county_staff');
    for (const l of SEED_LOCALITIES) {
      const countyOrg = l.key === 'cz' ? 'cz-luzhou' : l.key;
      if (l.key !== 'cz') await user(`${l.key}_county`, `${l.name}民政干部`, countyOrg, 'county_staff');
      await user(`${l.key}_street`, `${l.name}街道干部`, `${l.key}-street-0`, 'street_staff');
      await user(`${l.key}_community`, `${l.name}社区工作者`, `${l.key}-community-0-0`, 'community_worker');
      await user(`${l.key}_visitor`, `${l.name}网格员`, `${l.key}-community-0-0`, 'visitor');
      await user(`${l.key}_assessor`, `${l.name}评估员`, `${l.key}-assess`, 'assessor');
      await user(`${l.key}_assessor2`, `${l.name}评估员二`, `${l.key}-assess`, 'assessor');
      await user(`${l.key}_provider`, `${l.name}服务商`, `${l.key}-provider`, 'provider_staff');
      await user(`${l.key}_finance`, `${l.name}财务复核`, countyOrg, 'finance_reviewer');
      await user(`${l.key}_auditor`, `${l.name}审计员`, countyOrg, 'auditor');
    }
  },
};

/** Module seeders run after the foundation, in this order. */
export const DEMO_SEEDERS: DemoSeeder[] = [
  foundation,
  registryDemo,
  { name: 'assessment', run: (ctx, world) => seedAssessmentDemo(ctx, world, SEED_LOCALITIES, DEMO_PASSWORD) },
  { name: 'visits', run: (ctx, world) => seedVisitsDemo(ctx, world, { password: DEMO_PASSWORD }) },
  { name: 'benefits', run: (ctx, world) => seedBenefitsDemo(ctx, world) },
  {
    name: 'accounts',
    async run(ctx, world) {
      const results = await seedAccountsDemo(ctx, world);
      // Say why a locality's statements are empty: its service-credit amount is unset in the seeds.
      for (const r of results) ctx.log.info(r, r.credited > 0 ? `演示数据：${r.county} ${r.programme} 服务券已记入` : `演示数据：${r.county} ${r.programme} 服务券未记入（清单未设定金额或无享受对象）`);
    },
  },
  { name: 'eligibility', run: (ctx) => seedEligibilityDemo(ctx) },
];

export async function seedDemo(ctx: AppContext): Promise<boolean> {
  const done = await ctx.db.selectFrom('settings').select('value').where('key', '=', 'demo.seeded').executeTakeFirst();
  const world: DemoWorld = { orgs: new Map(), users: new Map(), streets: new Map(), communities: new Map() };
  const already = new Set<string>(Array.isArray(done?.value) ? (done!.value as string[]) : []);
  if (DEMO_SEEDERS.every((s) => already.has(s.name))) return false;
  for (const s of DEMO_SEEDERS) {
    // The foundation seeder runs whenever anything is pending: it is idempotent and rebuilds
    // `world` for the seeders after it.
    if (already.has(s.name) && s.name !== 'foundation') continue;
    const t0 = Date.now();
    await s.run(ctx, world);
    // A first start spends most of its time here: say what is being loaded, with timings.
    ctx.log.info({ seeder: s.name, ms: Date.now() - t0 }, `演示数据：${s.name} 已载入`);
    already.add(s.name);
  }
  const value = JSON.stringify([...already]);
  await ctx.db
    .insertInto('settings')
    .values({ key: 'demo.seeded', value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
    .execute();
  return true;
}
