/**
 * CEL (Common Expression Language, cel.dev) through @bufbuild/cel: the only language for
 * eligibility conditions, formulas and derived-category definitions. This file is the thin
 * facade every caller uses: parse once, evaluate many times, JS values in and out.
 * Integers go in as CEL `int` (bigint) so `age >= 80` and `6000 * 2` stay integral; results come
 * back as plain numbers, strings, booleans, null or arrays.
 */
import { celEnv, isCelError, isCelList, isCelMap, parse, plan, type CelInput } from '@bufbuild/cel';
import { err, ok, type Result } from '../lib/result';

export interface CelSyntaxError {
  code: 'CEL_SYNTAX';
  message: string;
  source: string;
}

export interface CelEvalError {
  code: 'CEL_EVAL';
  message: string;
  source: string;
}

export interface CompiledExpression {
  readonly source: string;
  evaluate(bindings: Record<string, unknown>): Result<unknown, CelEvalError>;
}

const env = celEnv();

export function toCelInput(v: unknown): CelInput {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCelInput) as CelInput;
  if (typeof v === 'object' && !(v instanceof Uint8Array)) {
    return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toCelInput(x)])) as CelInput;
  }
  return v as CelInput;
}

export function fromCelValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (isCelList(v)) return [...(v as Iterable<unknown>)].map(fromCelValue);
  if (isCelMap(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v as Iterable<[unknown, unknown]>) out[String(k)] = fromCelValue(x);
    return out;
  }
  return v;
}

export function compileExpression(source: string): Result<CompiledExpression, CelSyntaxError> {
  let program: ReturnType<typeof plan>;
  try {
    program = plan(env, parse(source));
  } catch (e) {
    return err({ code: 'CEL_SYNTAX', message: e instanceof Error ? e.message : String(e), source });
  }
  return ok({
    source,
    evaluate(bindings) {
      const input: Record<string, CelInput> = {};
      for (const [k, v] of Object.entries(bindings)) input[k] = toCelInput(v);
      const r = (program as (ctx: Record<string, CelInput>) => unknown)(input);
      if (isCelError(r)) return err({ code: 'CEL_EVAL', message: String((r as { message?: string }).message ?? r), source });
      return ok(fromCelValue(r));
    },
  });
}
