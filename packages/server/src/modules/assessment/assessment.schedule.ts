/**
 * Re-assessment schedule (issue 4 §5): the due list, the daily reminder run, and the statistics
 * (grade distribution by region and age band; assessments done vs due). Free re-assessment
 * intervals come from the locality's settings (default 002 二(一)3: 80+ yearly, under 80 every two
 * years).
 */
import {
  addDays,
  ageOn,
  ASSESSMENT_REASONS,
  isInRegion,
  type AssessmentStatistics,
  type CapabilityGrade,
  type DueItem,
  type DueQuery,
} from '@yiyang/core';
import type { Db } from '../../db/database';
import type { EventBus } from '../../jobs/events';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { effectiveRegion, requirePermission } from '../../platform/scope';
import type { RegionService } from '../regions';
import type { AssessmentRepository } from './assessment.repository';
import type { AssessmentSettingsProvider } from './assessment.settings';

export const AGE_BANDS: ReadonlyArray<{ band: string; label: string }> = [
  { band: 'under_60', label: '60岁以下' },
  { band: '60_69', label: '60～69岁' },
  { band: '70_79', label: '70～79岁' },
  { band: '80_89', label: '80～89岁' },
  { band: '90_99', label: '90～99岁' },
  { band: '100_plus', label: '100岁及以上' },
  { band: 'unknown', label: '年龄不详' },
];

const zeros = (): number[] => [0, 0, 0, 0, 0];

export function createAssessmentSchedule(deps: { db: Db; repo: AssessmentRepository; regions: RegionService; clock: Clock; events: EventBus; settings: AssessmentSettingsProvider }) {
  const { db, repo, regions, clock, events } = deps;

  return {
    /** Persons due for their free re-assessment within `within_days` (overdue included). */
    async due(actor: Actor, q: DueQuery): Promise<{ items: DueItem[]; total: number }> {
      requirePermission(actor, 'assessments:read');
      const region = effectiveRegion(actor, q.region);
      const today = clock.today();
      const { rows, total } = await repo.schedulePage({ region, until: addDays(today, q.within_days), limit: q.page_size, offset: (q.page - 1) * q.page_size });
      const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
      return {
        items: rows.map((r) => ({
          person_id: r.person_id,
          person_name: r.person_name,
          region_code: r.region_code,
          age: r.birth_date ? ageOn(r.birth_date, today) : null,
          last_assessment_id: r.last_assessment_id,
          last_grade: r.last_grade,
          last_assessment_date: r.last_assessment_date,
          next_due_date: r.next_due_date,
          days_left: daysBetween(today, r.next_due_date),
          reminded_at: r.reminded_at ? r.reminded_at.toISOString() : null,
          open_assessment_id: r.open_assessment_id ?? null,
        })),
        total,
      };
    },

    /**
     * The daily run: every person whose re-assessment falls due within the county's reminder period
     * and who has not been reminded for that due date gets one `assessment.due` event (for the
     * community's work list and any notification channel). Idempotent per person and due date.
     */
    async remindDue(): Promise<{ reminded: number }> {
      const today = clock.today();
      let reminded = 0;
      for (const county of await repo.scheduleCounties()) {
        const s = await deps.settings.forCounty(county, today);
        const until = addDays(today, s.reassessment.reminder_days_before);
        for (;;) {
          const batch = await repo.unreminded(county, until, 500);
          if (batch.length === 0) break;
          await db.transaction().execute(async (trx) => {
            for (const r of batch) {
              await repo.markReminded(r.county_code, r.person_id, r.next_due_date, clock.now(), trx);
              await events.publish(
                trx,
                'assessment.due',
                { county_code: r.county_code, person_id: r.person_id, region_code: r.region_code, next_due_date: r.next_due_date, last_assessment_id: r.last_assessment_id, last_grade: r.last_grade },
                `${r.person_id}:${r.next_due_date}`,
              );
            }
          });
          reminded += batch.length;
        }
      }
      return { reminded };
    },

    async statistics(actor: Actor, q: { region?: string | undefined; year?: number | undefined }): Promise<AssessmentStatistics> {
      requirePermission(actor, 'stats:read');
      const region = effectiveRegion(actor, q.region);
      const today = clock.today();
      const year = q.year ?? Number(today.slice(0, 4));

      // Grade distribution of living assessed persons, by child region and by age band.
      const children = await regions.children(actor, region);
      const counts = await repo.gradeCounts(region, today);
      const gradeCounts = zeros();
      const byChild = new Map(children.map((c) => [c.code, { region_code: c.code, region_name: c.name, counts: zeros(), total: 0 }]));
      const byBand = new Map(AGE_BANDS.map((b) => [b.band, { ...b, counts: zeros(), total: 0 }]));
      const childOf = (code: string) => children.find((c) => isInRegion(code, c.code));
      let total = 0;
      for (const r of counts) {
        const n = Number(r.n);
        const g = r.last_grade as CapabilityGrade;
        gradeCounts[g]! += n;
        total += n;
        const child = childOf(r.region_code);
        if (child) {
          const e = byChild.get(child.code)!;
          e.counts[g]! += n;
          e.total += n;
        }
        const b = byBand.get(r.band)!;
        b.counts[g]! += n;
        b.total += n;
      }

      // Done vs due by month of the year.
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const { due, published } = await repo.doneVsDue(region, from, to);
      const months = Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, due: 0, done: 0, published: 0 }));
      for (const d of due) {
        const m = months.find((x) => x.month === d.month);
        if (!m) continue;
        m.due++;
        if (d.done) m.done++;
      }
      const byReason = new Map(ASSESSMENT_REASONS.map((r) => [r, 0]));
      for (const p of published) {
        const m = months.find((x) => x.month === p.month);
        if (m) m.published += Number(p.n);
        byReason.set(p.reason, (byReason.get(p.reason) ?? 0) + Number(p.n));
      }
      return {
        region_code: region,
        as_of: today,
        year,
        total_assessed: total,
        grade_counts: gradeCounts,
        by_region: [...byChild.values()].filter((e) => e.total > 0 || children.length <= 30),
        by_age_band: [...byBand.values()].filter((b) => b.total > 0 || b.band !== 'unknown'),
        months,
        totals: {
          due: months.reduce((s, m) => s + m.due, 0),
          done: months.reduce((s, m) => s + m.done, 0),
          overdue: await repo.countOverdue(region, today),
          published: months.reduce((s, m) => s + m.published, 0),
          open: await repo.countOpen(region),
        },
        by_reason: [...byReason.entries()].map(([reason, n]) => ({ reason, published: n })),
      };
    },
  };
}
