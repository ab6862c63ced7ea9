/**
 * Reading the parsed CEL AST of @bufbuild/cel (never a home-made language): which facts,
 * parameters (`p.x`) and definitions (`d.x`) an expression refers to, and — for the batch fast
 * path — a translation of the subset the packs use into JavaScript source. Anything outside the
 * subset returns null and the caller falls back to the CEL interpreter. The translation keeps CEL
 * semantics: errors are `undefined` (absorbed by && and || as in CEL), comparisons and arithmetic
 * on mismatched types are errors, integer division truncates, division by zero is an error.
 */
import { parse } from '@bufbuild/cel';

/** The part of cel.expr.Expr this file reads. */
export interface CelExpr {
  exprKind:
    | { case: 'constExpr'; value: { constantKind: { case: string | undefined; value?: unknown } } }
    | { case: 'identExpr'; value: { name: string } }
    | { case: 'selectExpr'; value: { operand?: CelExpr; field: string; testOnly: boolean } }
    | { case: 'callExpr'; value: { target?: CelExpr; function: string; args: CelExpr[] } }
    | { case: 'listExpr'; value: { elements: CelExpr[]; optionalIndices: number[] } }
    | { case: 'structExpr'; value: unknown }
    | { case: 'comprehensionExpr'; value: { iterVar: string; iterVar2?: string; accuVar: string; iterRange?: CelExpr; accuInit?: CelExpr; loopCondition?: CelExpr; loopStep?: CelExpr; result?: CelExpr } }
    | { case: undefined; value?: undefined };
}

export function parseCel(source: string): { ok: true; expr: CelExpr } | { ok: false; message: string } {
  try {
    return { ok: true, expr: parse(source).expr as unknown as CelExpr };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

export interface CelRefs {
  idents: Set<string>; // free identifiers other than p and d
  params: Set<string>; // p.<name>
  defs: Set<string>; // d.<name>
}

/** Free identifiers and p./d. selections of an expression (comprehension variables excluded). */
export function celRefs(expr: CelExpr): CelRefs {
  const refs: CelRefs = { idents: new Set(), params: new Set(), defs: new Set() };
  const walk = (e: CelExpr | undefined, bound: ReadonlySet<string>): void => {
    if (!e) return;
    const k = e.exprKind;
    switch (k.case) {
      case 'identExpr':
        if (!bound.has(k.value.name) && k.value.name !== 'p' && k.value.name !== 'd') refs.idents.add(k.value.name);
        return;
      case 'selectExpr': {
        const op = k.value.operand;
        if (op?.exprKind.case === 'identExpr' && !bound.has(op.exprKind.value.name)) {
          if (op.exprKind.value.name === 'p') return void refs.params.add(k.value.field);
          if (op.exprKind.value.name === 'd') return void refs.defs.add(k.value.field);
        }
        return walk(op, bound);
      }
      case 'callExpr':
        walk(k.value.target, bound);
        for (const a of k.value.args) walk(a, bound);
        return;
      case 'listExpr':
        for (const a of k.value.elements) walk(a, bound);
        return;
      case 'comprehensionExpr': {
        const c = k.value;
        walk(c.iterRange, bound);
        walk(c.accuInit, bound);
        const inner = new Set(bound);
        inner.add(c.iterVar);
        if (c.iterVar2) inner.add(c.iterVar2);
        inner.add(c.accuVar);
        walk(c.loopCondition, inner);
        walk(c.loopStep, inner);
        walk(c.result, inner);
        return;
      }
      default:
        return;
    }
  };
  walk(expr, new Set());
  return refs;
}

// ---------------------------------------------------------------------------------------------
// Translation to JavaScript source

/** Runtime helpers the generated code calls (kept tiny so V8 inlines them). */
export const CEL_JS_HELPERS = {
  eq: (a: unknown, b: unknown): boolean | undefined => (a === undefined || b === undefined ? undefined : a === b),
  ne: (a: unknown, b: unknown): boolean | undefined => (a === undefined || b === undefined ? undefined : a !== b),
  lt: (a: unknown, b: unknown) => (sameOrderable(a, b) ? (a as number) < (b as number) : undefined),
  le: (a: unknown, b: unknown) => (sameOrderable(a, b) ? (a as number) <= (b as number) : undefined),
  gt: (a: unknown, b: unknown) => (sameOrderable(a, b) ? (a as number) > (b as number) : undefined),
  ge: (a: unknown, b: unknown) => (sameOrderable(a, b) ? (a as number) >= (b as number) : undefined),
  add: (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? a + b : typeof a === 'string' && typeof b === 'string' ? a + b : undefined,
  sub: (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a - b : undefined),
  mul: (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a * b : undefined),
  div: (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' && b !== 0 ? Math.trunc(a / b) : undefined),
  mod: (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' && b !== 0 ? a % b : undefined),
  neg: (a: unknown) => (typeof a === 'number' ? -a : undefined),
  startsWith: (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.startsWith(b) : undefined),
  endsWith: (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.endsWith(b) : undefined),
  inSet: (a: unknown, s: ReadonlySet<unknown>) => (a === undefined ? undefined : s.has(a)),
};

function sameOrderable(a: unknown, b: unknown): boolean {
  const t = typeof a;
  return t === typeof b && (t === 'number' || t === 'string' || t === 'boolean');
}

export interface JsNames {
  /** JS expression for a free identifier (a fact), e.g. `f.age`. */
  ident(name: string): string;
  /** JS expression for p.<name>. */
  param(name: string): string;
  /** JS expression for d.<name>. */
  def(name: string): string;
  /** Allocates a temporary variable name. */
  temp(): string;
  /** Registers a constant (e.g. a Set) and returns the JS expression that reads it. */
  constant(value: unknown): string;
}

const BINARY: Record<string, keyof typeof CEL_JS_HELPERS> = {
  '_==_': 'eq', '_!=_': 'ne', '_<_': 'lt', '_<=_': 'le', '_>_': 'gt', '_>=_': 'ge',
  '_+_': 'add', '_-_': 'sub', '_*_': 'mul', '_/_': 'div', '_%_': 'mod',
};

/** JavaScript source evaluating `expr` with CEL semantics, or null when outside the subset. */
export function celToJs(expr: CelExpr, names: JsNames): string | null {
  const js = (e: CelExpr | undefined): string | null => {
    if (!e) return null;
    const k = e.exprKind;
    switch (k.case) {
      case 'constExpr': {
        const c = k.value.constantKind;
        if (c.case === 'nullValue') return 'null';
        if (c.case === 'boolValue') return c.value ? 'true' : 'false';
        if (c.case === 'stringValue') return JSON.stringify(c.value);
        if (c.case === 'int64Value') {
          const n = Number(c.value as bigint);
          return Number.isSafeInteger(n) ? String(n) : null;
        }
        return null; // uint, double, bytes: interpreter
      }
      case 'identExpr':
        return k.value.name === 'p' || k.value.name === 'd' ? null : names.ident(k.value.name);
      case 'selectExpr': {
        const op = k.value.operand;
        if (k.value.testOnly || op?.exprKind.case !== 'identExpr') return null;
        if (op.exprKind.value.name === 'p') return names.param(k.value.field);
        if (op.exprKind.value.name === 'd') return names.def(k.value.field);
        return null;
      }
      case 'callExpr': {
        const { function: fn, args, target } = k.value;
        if (target) {
          if ((fn === 'startsWith' || fn === 'endsWith') && args.length === 1) {
            const a = js(target), b = js(args[0]);
            return a && b ? `$h.${fn}(${a},${b})` : null;
          }
          return null;
        }
        if (fn === '_&&_' || fn === '_||_') {
          const a = js(args[0]), b = js(args[1]);
          if (!a || !b) return null;
          const t1 = names.temp(), t2 = names.temp();
          const [short, other] = fn === '_&&_' ? ['false', 'true'] : ['true', 'false'];
          return `((${t1}=${a})===${short}?${short}:(${t2}=${b})===${short}?${short}:(${t1}===${other}&&${t2}===${other})?${other}:undefined)`;
        }
        if (fn === '!_') {
          const a = js(args[0]);
          if (!a) return null;
          const t = names.temp();
          return `((${t}=${a})===true?false:${t}===false?true:undefined)`;
        }
        if (fn === '-_') {
          const a = js(args[0]);
          return a ? `$h.neg(${a})` : null;
        }
        if (fn === '_?_:_') {
          const c = js(args[0]), a = js(args[1]), b = js(args[2]);
          if (!c || !a || !b) return null;
          const t = names.temp();
          return `((${t}=${c})===true?${a}:${t}===false?${b}:undefined)`;
        }
        if (fn === '@in') {
          const list = args[1];
          if (list?.exprKind.case !== 'listExpr' || list.exprKind.value.optionalIndices.length) return null;
          const values: unknown[] = [];
          for (const el of list.exprKind.value.elements) {
            const c = el.exprKind.case === 'constExpr' ? el.exprKind.value.constantKind : null;
            if (!c) return null;
            if (c.case === 'stringValue' || c.case === 'boolValue') values.push(c.value);
            else if (c.case === 'nullValue') values.push(null);
            else if (c.case === 'int64Value' && Number.isSafeInteger(Number(c.value as bigint))) values.push(Number(c.value as bigint));
            else return null;
          }
          const a = js(args[0]);
          return a ? `$h.inSet(${a},${names.constant(new Set(values))})` : null;
        }
        const helper = BINARY[fn];
        if (helper && args.length === 2) {
          const a = js(args[0]), b = js(args[1]);
          return a && b ? `$h.${helper}(${a},${b})` : null;
        }
        return null;
      }
      default:
        return null;
    }
  };
  return js(expr);
}
