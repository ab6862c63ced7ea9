/**
 * Dated parameters (issue #5 point 1, in the way OpenFisca dates its parameters): each value has an
 * effective date and an optional end date. A parameter with no value in force is either `unset`
 * (declared with value null, or not yet effective) or `expired` (its last value ended before the
 * date). Either way rules see null, and an amount that needs it is blocked from payment.
 */
import type { PlainDate } from '../lib/dates';
import type { Parameter } from './pack';

export type ParameterStatus = 'set' | 'unset' | 'expired';

export interface ParameterOn {
  value: number | null;
  status: ParameterStatus;
  from: string | null; // effective date of the value in force
}

export function parameterOn(param: Parameter, asOf: PlainDate): ParameterOn {
  let current: Parameter['values'][number] | undefined;
  for (const v of param.values) if (v.from <= asOf) current = v; // values are sorted by `from` (schema checks)
  if (!current) return { value: null, status: 'unset', from: null };
  if (current.to && asOf > current.to) return { value: null, status: 'expired', from: current.from };
  if (current.value === null) return { value: null, status: 'unset', from: current.from };
  return { value: current.value, status: 'set', from: current.from };
}

/** Values of every parameter on a date (null when unset or expired): the CEL binding `p`. */
export function parameterValuesOn(params: Record<string, Parameter>, asOf: PlainDate): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, p] of Object.entries(params)) out[name] = parameterOn(p, asOf).value;
  return out;
}
