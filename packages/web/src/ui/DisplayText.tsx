import { Typography } from 'antd';
import type { Fen, PlainDate } from '@yiyang/core';
import { formatDateTime, formatMoney, formatPlainDate } from './format';

export interface MoneyTextProps {
  fen: Fen;
}

/** An amount held in fen, shown in yuan with thousands separators. */
export function MoneyText({ fen }: MoneyTextProps) {
  return <Typography.Text>{formatMoney(fen)}</Typography.Text>;
}

export interface PlainDateTextProps {
  date: PlainDate | null | undefined;
}

export function PlainDateText({ date }: PlainDateTextProps) {
  return <span>{formatPlainDate(date)}</span>;
}

export interface DateTimeTextProps {
  iso: string | null | undefined;
  empty?: string;
}

export function DateTimeText({ iso, empty }: DateTimeTextProps) {
  if (!iso) return <Typography.Text type="secondary">{empty ?? '—'}</Typography.Text>;
  return <span>{formatDateTime(iso)}</span>;
}
