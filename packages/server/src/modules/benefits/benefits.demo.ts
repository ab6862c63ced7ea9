/**
 * Demo data of benefits: for each seed locality, people already enrolled in every cash and
 * service-credit programme they are entitled to (by the published catalogue and their facts), so
 * a payroll cycle computes out of the box, plus a few pending applications for the approval queue.
 * Where the seeds leave an amount unset (宝坻, 长治, 田家庵 packs) the people entitled by condition
 * are enrolled and the cycle shows their payments blocked by the unset parameter.
 * Idempotent: people already enrolled are skipped (the live-enrolment unique index).
 */
import { FACT_NAMES, FACT_NEUTRAL, isDomainError, monthOf } from '@yiyang/core';
import type { Db } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { RegistryService } from '../registry';
import type { BenefitsService } from './benefits.service';

/** The part of the application context the seeder uses (structural: no import of app-context). */
export interface BenefitsDemoHost {
  db: Db;
  clock: Clock;
  services: { benefits: BenefitsService; registry: RegistryService };
}
import { systemActor } from '../../platform/actor';

/** Enrolments per programme and county (kept small: start-up time). */
export const DEMO_ENROLMENTS_PER_PROGRAMME = 40;
const DEMO_FACTS_SINCE = '2020-01-01';
/** Refusals the demo expects and skips; anything else is a defect and stops the start. */
const DEMO_SKIPS = new Set(['ALREADY_ENROLLED', 'EXCLUDED_PROGRAMME', 'APPLICATION_OPEN']);

export async function seedBenefitsDemo(ctx: BenefitsDemoHost, world: { streets: Map<string, string[]> }): Promise<void> {
  const actor = systemActor('demo');
  const { benefits, registry } = ctx.services;
  const today = ctx.clock.today();
  const month = monthOf(today);
  let account = 0;
  for (const streets of world.streets.values()) {
    const county = streets[0]?.slice(0, 6);
    if (!county) continue;
    const cat = await benefits.catalogueIfPublished(county, today);
    if (!cat) continue; // no list published for this locality
    const counts = new Map<string, number>();
    const ids: string[] = [];
    for await (const ref of registry.iterateRefs(county, { aliveOnly: true })) ids.push(ref.id);
    let applications = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const people = await registry.factsAsOfMany(county, ids.slice(i, i + 500), today);
      for (const { ref, facts } of people.values()) {
        const ents = cat.entitle(facts, today);
        if (!ents.some((e) => cat.programmes.some((p) => p.code === e.code))) continue;
        // The synthetic population's facts start on the seeding day; the demo says they have held
        // since 2020, so this month's cycle (judged at the end of last month) sees them.
        for (const f of FACT_NAMES) {
          const v = (facts as unknown as Record<string, unknown>)[f];
          // capability grades come only from published assessments (their own dates)
          if (f === 'capability_grade' || v === null || v === undefined || v === FACT_NEUTRAL[f]) continue;
          await registry.recordFact(actor, ref.id, { fact: f, value: v, valid_from: DEMO_FACTS_SINCE });
        }
        for (const e of ents) {
          const p = cat.programmes.find((x) => x.code === e.code);
          // Entitled but with an unset amount (blocked) still enrols: the cycle then shows the block.
          if (!p || (counts.get(p.code) ?? 0) >= DEMO_ENROLMENTS_PER_PROGRAMME) continue;
          const acct = `62284800${String(++account).padStart(11, '0')}`;
          try {
            if (p.requires_application && applications < 6 && (counts.get(p.code) ?? 0) % 8 === 0) {
              await benefits.apply(actor, { person_id: ref.id, programme: p.code, applicant_kind: 'family', applicant_name: `${ref.name.slice(0, 1)}某`, applicant_relation: '子女', account: acct, bank: '农村商业银行', attachments: [] });
              applications += 1;
            } else {
              await ctx.db.transaction().execute(async (trx) => {
                await benefits.savePayee(trx, ref, '农村商业银行', acct);
                await benefits.enrolIn(trx, actor, { ref, p, cat, start_month: month, source: p.requires_application ? 'application' : 'auto', reason: '演示数据' });
              });
            }
            counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
          } catch (e) {
            // Excluded by a programme enrolled a moment ago (高龄津贴 / 长寿保健补助金), or enrolled or
            // applied for by an earlier start: the demo skips that programme for this person.
            if (!(isDomainError(e) && DEMO_SKIPS.has(e.code))) throw e;
          }
        }
      }
    }
  }
}
