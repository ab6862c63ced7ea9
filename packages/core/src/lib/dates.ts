/**
 * Calendar dates as ISO strings `YYYY-MM-DD` (PlainDate). Never `Date` for birthdays or effective
 * dates: `new Date('2021-01-01')` shifts across time zones.
 */
export type PlainDate = string;
export type PlainMonth = string; // YYYY-MM

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

export function isValidDateParts(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function parsePlainDate(s: string): { y: number; m: number; d: number } | null {
  const r = DATE_RE.exec(s);
  if (!r) return null;
  const y = Number(r[1]), m = Number(r[2]), d = Number(r[3]);
  return isValidDateParts(y, m, d) ? { y, m, d } : null;
}

export function isPlainDate(s: string): boolean {
  return parsePlainDate(s) !== null;
}

export function isPlainMonth(s: string): boolean {
  const r = MONTH_RE.exec(s);
  return !!r && Number(r[2]) >= 1 && Number(r[2]) <= 12;
}

export function formatPlainDate(y: number, m: number, d: number): PlainDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today's date in China Standard Time (UTC+8, no DST), the legal calendar of every seed. */
export function todayInChina(now: Date = new Date()): PlainDate {
  const t = new Date(now.getTime() + 8 * 3600_000);
  return formatPlainDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * Age in full years (周岁) on `on`. A person born on 29 February turns a year older on
 * 1 March in common years (the birthday "has not yet occurred" on 28 February).
 */
export function ageOn(birth: PlainDate, on: PlainDate): number {
  const b = parsePlainDate(birth);
  const o = parsePlainDate(on);
  if (!b || !o) throw new RangeError(`invalid date: ${!b ? birth : on}`);
  let age = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) age -= 1;
  return age;
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addDays(date: PlainDate, days: number): PlainDate {
  const p = parsePlainDate(date);
  if (!p) throw new RangeError(`invalid date: ${date}`);
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d + days));
  return formatPlainDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function monthOf(date: PlainDate): PlainMonth {
  return date.slice(0, 7);
}

export function firstDayOfMonth(month: PlainMonth): PlainDate {
  return `${month}-01`;
}

export function lastDayOfMonth(month: PlainMonth): PlainDate {
  const y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
  return formatPlainDate(y, m, daysInMonth(y, m));
}

export function addMonths(month: PlainMonth, n: number): PlainMonth {
  const y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
  const idx = y * 12 + (m - 1) + n;
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** The same calendar day `n` years earlier; 29 February becomes 28 February in common years. */
export function subtractYears(date: PlainDate, n: number): PlainDate {
  const p = parsePlainDate(date);
  if (!p) throw new RangeError(`invalid date: ${date}`);
  const y = p.y - n;
  const d = p.m === 2 && p.d === 29 && daysInMonth(y, 2) === 28 ? 28 : p.d;
  return formatPlainDate(y, p.m, d);
}

/**
 * Birth-date range of people whose 周岁 on `on` lies in [minAge, maxAge] (either end optional),
 * consistent with `ageOn`.
 */
export function birthRangeForAges(on: PlainDate, minAge?: number, maxAge?: number): { from?: PlainDate; to?: PlainDate } {
  const out: { from?: PlainDate; to?: PlainDate } = {};
  if (minAge !== undefined) out.to = subtractYears(on, minAge);
  if (maxAge !== undefined) out.from = addDays(subtractYears(on, maxAge + 1), 1);
  return out;
}

/** The same day `n` months later (or earlier); a day missing in the target month becomes its last day. */
export function addMonthsToDate(date: PlainDate, n: number): PlainDate {
  const p = parsePlainDate(date);
  if (!p) throw new RangeError(`invalid date: ${date}`);
  const idx = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(idx / 12), m = (idx % 12) + 1;
  return formatPlainDate(y, m, Math.min(p.d, daysInMonth(y, m)));
}
