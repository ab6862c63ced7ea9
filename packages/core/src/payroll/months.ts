/**
 * Which months an enrolment pays and on which date a month's entitlement is judged.
 * Months are `YYYY-MM` strings; money is integer fen. Browser-safe, no I/O.
 *
 * Rules (table-driven by the pack item's start_rule, target 26):
 *  - month_after_eligible — 002 附件 第7项 (高龄津贴 从满80周岁的次月起发放): month M is due when the
 *    person was eligible on the last day of M−1. 80th birthday on 06-30 → paid from July;
 *    on 07-01 (79 years 364 days on 06-30) → paid from August.
 *  - month_of_eligible / month_of_approval — eligible by the last day of M.
 *  - death: paid through the month of death, stopped from the next month (A.4 荣成). A death on the
 *    last day of June still pays June; July is not due.
 */
import { addDays, addMonths, firstDayOfMonth, isPlainMonth, lastDayOfMonth, monthOf, type PlainDate, type PlainMonth } from '../lib/dates';

import type { StartRule } from '../policy/pack';
export type { StartRule };

export interface Suspension {
  from_month: PlainMonth;
  /** Last suspended month; null = still suspended. */
  to_month: PlainMonth | null;
}

export interface EnrolmentTerms {
  start_month: PlainMonth;
  /** Last payable month (termination); null = open. */
  end_month: PlainMonth | null;
  suspensions: readonly Suspension[];
}

export function assertMonth(m: string): PlainMonth {
  if (!isPlainMonth(m)) throw new RangeError(`invalid month: ${m}`);
  return m;
}

/** Months from `from` to `to` inclusive. */
export function monthRange(from: PlainMonth, to: PlainMonth): PlainMonth[] {
  const out: PlainMonth[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Is `month` inside the enrolment (start..end) and outside every suspension? */
export function enrolmentCovers(e: EnrolmentTerms, month: PlainMonth): boolean {
  if (month < e.start_month) return false;
  if (e.end_month !== null && month > e.end_month) return false;
  return !e.suspensions.some((s) => month >= s.from_month && (s.to_month === null || month <= s.to_month));
}

/** Alive during at least part of the month: paid through the month of death. */
export function aliveInMonth(deathDate: PlainDate | null, month: PlainMonth): boolean {
  return deathDate === null || deathDate >= firstDayOfMonth(month);
}

/** The date on which month M's entitlement is judged (see the rules above). */
export function referenceDate(rule: StartRule, month: PlainMonth): PlainDate {
  return rule === 'month_after_eligible' ? lastDayOfMonth(addMonths(month, -1)) : lastDayOfMonth(month);
}

/**
 * The date on which to read the person's facts for month M: the reference date, or the day
 * before death when the person died in M before the reference date (so the rules see the person
 * alive, as they were for part of the month).
 */
export function evaluationDate(rule: StartRule, month: PlainMonth, deathDate: PlainDate | null): PlainDate {
  const ref = referenceDate(rule, month);
  if (deathDate !== null && deathDate <= ref && deathDate >= firstDayOfMonth(month)) {
    const before = addDays(deathDate, -1);
    return before < firstDayOfMonth(month) && rule !== 'month_after_eligible' ? firstDayOfMonth(month) : before;
  }
  return ref;
}

/** First month an enrolment pays, from the date the person became eligible (or was approved). */
export function firstPayableMonth(rule: StartRule, eligibleOn: PlainDate, approvedOn?: PlainDate): PlainMonth {
  if (rule === 'month_after_eligible') return addMonths(monthOf(eligibleOn), 1);
  if (rule === 'month_of_approval') return monthOf(approvedOn ?? eligibleOn);
  return monthOf(eligibleOn);
}
