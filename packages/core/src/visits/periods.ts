/**
 * Visit periods (探访周期). The targets count visits per calendar period in China time:
 * a calendar month for the monthly visit rate (000 三(二)7: 特殊困难老年人月探访率达到100%) and a
 * calendar week Monday–Sunday for the weekly rate (003 二(二)4: 周探访率实现100%).
 * Dates are PlainDate strings of the China calendar (UTC+8, no DST).
 */
import { addDays, firstDayOfMonth, lastDayOfMonth, monthOf, parsePlainDate, todayInChina, type PlainDate } from '../lib/dates';

export const VISIT_FREQUENCIES = ['weekly', 'monthly'] as const;
export type VisitFrequency = (typeof VISIT_FREQUENCIES)[number];
export const VISIT_FREQUENCY_LABELS: Record<VisitFrequency, string> = { weekly: '每周', monthly: '每月' };

export type PeriodKind = 'week' | 'month';

export interface VisitPeriod {
  kind: PeriodKind;
  /** First and last day, inclusive. */
  start: PlainDate;
  end: PlainDate;
  /** Stable key, e.g. `week:2025-06-02` (its Monday) or `month:2025-06`. */
  key: string;
}

export function periodKindOf(frequency: VisitFrequency): PeriodKind {
  return frequency === 'weekly' ? 'week' : 'month';
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a calendar date. */
export function isoWeekday(date: PlainDate): number {
  const p = parsePlainDate(date);
  if (!p) throw new RangeError(`invalid date: ${date}`);
  const d = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function weekOf(date: PlainDate): VisitPeriod {
  const start = addDays(date, 1 - isoWeekday(date));
  return { kind: 'week', start, end: addDays(start, 6), key: `week:${start}` };
}

export function monthPeriodOf(date: PlainDate): VisitPeriod {
  const m = monthOf(date);
  return { kind: 'month', start: firstDayOfMonth(m), end: lastDayOfMonth(m), key: `month:${m}` };
}

export function periodOf(kind: PeriodKind, date: PlainDate): VisitPeriod {
  return kind === 'week' ? weekOf(date) : monthPeriodOf(date);
}

/** The period just before the one containing `date`. */
export function previousPeriod(kind: PeriodKind, date: PlainDate): VisitPeriod {
  return periodOf(kind, addDays(periodOf(kind, date).start, -1));
}

/** The China calendar date of an instant: a visit at 23:59 Sunday Beijing time belongs to that week. */
export function chinaDateOf(instant: Date): PlainDate {
  return todayInChina(instant);
}
