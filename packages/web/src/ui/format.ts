/** Display formats for dates, times and money (Chinese conventions). */
import { formatFen, type Fen, type PlainDate } from '@yiyang/core';
import dayjs from 'dayjs';

/** ISO timestamp → `2025-06-01 09:30:00` in the browser's time zone (China Standard Time in use). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
}

/** PlainDate `YYYY-MM-DD` shown as is: never through `Date`, which shifts days across zones. */
export function formatPlainDate(date: PlainDate | null | undefined): string {
  return date ?? '';
}

/** Fen → `¥1,234.56`. */
export function formatMoney(fen: Fen): string {
  const [int = '0', dec = '00'] = formatFen(fen).split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  return `${neg ? '-' : ''}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}
