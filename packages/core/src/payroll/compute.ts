/**
 * One person's amount for one programme and month, from the pack's entitlement as of the month's
 * evaluation date. The enrolment decides whether the person is on the roster; the pack decides
 * the amount and caps it — a month is never paid more than the entitlement (target 22).
 */
import type { PersonFacts } from '../person/facts';
import type { PlainDate, PlainMonth } from '../lib/dates';
import { aliveInMonth, enrolmentCovers, evaluationDate, type EnrolmentTerms, type StartRule } from './months';

/** The part of the engine's Entitlement that payroll reads (structurally the engine's type). */
export interface EntitlementLike {
  code: string;
  monthly_cash_fen: number | null;
  blocked_parameters: string[];
}
export type EntitleFn = (facts: PersonFacts, asOf: PlainDate) => EntitlementLike[];

export type MonthOutcome =
  | { pay: true; amount_fen: number; evaluated_on: PlainDate }
  | { pay: false; code: MonthSkipCode; reason: string; evaluated_on: PlainDate | null };

export type MonthSkipCode = 'NOT_ENROLLED' | 'SUSPENDED' | 'DIED' | 'NOT_ELIGIBLE' | 'BLOCKED' | 'ZERO_AMOUNT';

export const SKIP_REASONS: Record<MonthSkipCode, string> = {
  NOT_ENROLLED: '不在享受期内',
  SUSPENDED: '暂停发放',
  DIED: '已死亡（发放至死亡当月）',
  NOT_ELIGIBLE: '当月不符合条件（或与其他项目不重复享受）',
  BLOCKED: '标准参数未设置或已过期，暂停发放',
  ZERO_AMOUNT: '标准为零',
};

function skip(code: MonthSkipCode, evaluated_on: PlainDate | null, extra = ''): MonthOutcome {
  return { pay: false, code, reason: SKIP_REASONS[code] + extra, evaluated_on };
}

export interface MonthInput {
  programme: string;
  rule: StartRule;
  month: PlainMonth;
  enrolment: EnrolmentTerms;
  death_date: PlainDate | null;
  /** Facts as of `evaluationDate(rule, month, death_date)` with `alive` true (the person was alive then). */
  facts: PersonFacts;
  entitle: EntitleFn;
}

export function monthAmount(i: MonthInput): MonthOutcome {
  if (i.month < i.enrolment.start_month || (i.enrolment.end_month !== null && i.month > i.enrolment.end_month)) return skip('NOT_ENROLLED', null);
  if (!enrolmentCovers(i.enrolment, i.month)) return skip('SUSPENDED', null);
  if (!aliveInMonth(i.death_date, i.month)) return skip('DIED', null);
  const on = evaluationDate(i.rule, i.month, i.death_date);
  const ent = i.entitle({ ...i.facts, alive: true }, on).find((e) => e.code === i.programme);
  if (!ent) return skip('NOT_ELIGIBLE', on);
  if (ent.blocked_parameters.length > 0) return skip('BLOCKED', on, `：${ent.blocked_parameters.join('、')}`);
  const fen = ent.monthly_cash_fen ?? 0;
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`entitlement ${i.programme} on ${on} is not a fen amount: ${fen}`);
  if (fen === 0) return skip('ZERO_AMOUNT', on);
  return { pay: true, amount_fen: fen, evaluated_on: on };
}
