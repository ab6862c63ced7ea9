/** Instants and periods for visit records (China time, UTC+8). */
import {
  invalid,
  ISO_INSTANT_RE,
  isPlainDate,
  monthPeriodOf,
  previousPeriod,
  weekOf,
  type PeriodChoice,
  type PlainDate,
} from '@yiyang/core';
import type { PeriodWindow } from './visits.repository';

/** An ISO-8601 time; without a zone it is Beijing time (how visitors write it). */
export function parseVisitedAt(s: string): Date {
  if (!ISO_INSTANT_RE.test(s)) throw invalid('VISITED_AT_INVALID', '探访时间应为ISO-8601格式，如 2025-06-03T10:00:00+08:00');
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}+08:00`;
  const d = new Date(zoned);
  if (Number.isNaN(d.getTime()) || !isPlainDate(s.slice(0, 10))) throw invalid('VISITED_AT_INVALID', '探访时间不是有效的日期时间');
  return d;
}

/** The week and month containing `date`, and whether they are the current ones. */
export function periodWindow(mode: PeriodChoice, date: PlainDate, today: PlainDate, excludeDeclined: boolean): PeriodWindow {
  if (date > today) throw invalid('PERIOD_IN_FUTURE', '不能查询未来周期的探访情况');
  const week = weekOf(date);
  const month = monthPeriodOf(date);
  const isCurrent =
    mode === 'week' ? week.start === weekOf(today).start : mode === 'month' ? month.start === monthPeriodOf(today).start : week.start === weekOf(today).start && month.start === monthPeriodOf(today).start;
  return { mode, week: { start: week.start, end: week.end }, month: { start: month.start, end: month.end }, isCurrent, excludeDeclined };
}

/** Previous week and month of `date`, for the daily overdue check. */
export function previousPeriods(date: PlainDate) {
  const w = previousPeriod('week', date);
  const m = previousPeriod('month', date);
  return { prevWeek: { start: w.start, end: w.end }, prevMonth: { start: m.start, end: m.end } };
}
