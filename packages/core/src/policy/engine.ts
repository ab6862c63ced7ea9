/**
 * The eligibility engine (issue #5 point 4): resolve a pack's `extends` chain, compile every CEL
 * condition and formula once, and evaluate persons in two modes sharing one semantics —
 * `explain` (one person, the CEL interpreter of @bufbuild/cel as the reference, every item with
 * the facts it read) and `entitle`/`batch` (the fast path: the pack's CEL translated once per
 * evaluation date into one plain JavaScript function; expressions outside the translated subset
 * call the interpreter). A property test (engine.property.test.ts) checks both agree.
 *
 * Engine guarantee (issue #5 point 4): a person who is not alive, whose age is unknown or who is
 * under 60 gets no elderly items, whatever an item's own condition says.
 */
import { type PlainDate } from '../lib/dates';
import { err, ok, type Result } from '../lib/result';
import { FACT_NAMES, type PersonFacts } from '../person/facts';
import { compileExpression, type CompiledExpression } from '../rules/cel';
import { CEL_JS_HELPERS, celRefs, celToJs, parseCel, type CelRefs } from './cel-ast';
import type { Benefit, PackIssue, PackItem, PolicyPack } from './pack';
import { parameterOn, type ParameterStatus } from './parameters';

export const ELDERLY_MIN_AGE = 60;

/** Identifiers a pack's CEL may read at top level: every PersonFacts field. */
export const CEL_FACT_NAMES: readonly string[] = ['birth_date', 'sex', 'age', 'alive', ...FACT_NAMES];
const FACT_SET = new Set(CEL_FACT_NAMES);

export interface ResolvedPack extends PolicyPack {
  /** Pack codes from this pack up to the root, e.g. ['LX', 'NAT']. */
  chain: string[];
  /** Item code → code of the pack that declared it. */
  origin: Record<string, string>;
}

export interface Entitlement {
  code: string;
  name: string;
  benefit_kind: Benefit['kind'];
  monthly_cash_fen: number | null; // amount for cash and service_credit, null otherwise
  blocked_parameters: string[]; // unset/expired parameters the amount needs → payment blocked
}

export type GuardReason = 'not_alive' | 'age_unknown' | 'under_60';

export interface ItemExplanation extends Entitlement {
  eligible: boolean;
  condition: string;
  facts: Record<string, unknown>; // facts the condition read, with values (d.x definitions, p.x parameters)
  excluded_by: string | null;
  error: string | null;
  citation: string;
  /** Set when the engine guarantee withheld every item. */
  guard: GuardReason | null;
}

export interface ParameterStatusRow {
  name: string;
  label: string;
  value: number | null;
  status: ParameterStatus;
}

/** Item states written by the batch evaluator. */
export const ITEM_STATE = { not_eligible: 0, granted: 1, excluded: 2, error: 3 } as const;

export interface BatchEvaluator {
  readonly asOf: PlainDate;
  readonly items: readonly PackItem[];
  /** True when the whole pack runs as generated JavaScript (false: interpreter fallback for some expressions or no code generation). */
  readonly fullyCompiled: boolean;
  /**
   * Evaluates one person: states[i] (ITEM_STATE) and amounts[i] (fen, NaN when none) for every
   * item in pack order. Returns how many items are granted.
   */
  evaluate(facts: PersonFacts, states: Uint8Array, amounts: Float64Array): number;
}

export interface CompiledPack {
  readonly pack: ResolvedPack;
  explain(facts: PersonFacts, asOf: PlainDate): ItemExplanation[]; // every item, pack order
  entitle(facts: PersonFacts, asOf: PlainDate): Entitlement[]; // eligible items after exclusions (batch fast path)
  parameterStatus(asOf: PlainDate): ParameterStatusRow[];
  /** The batch evaluator for one date (cached). */
  batch(asOf: PlainDate): BatchEvaluator;
  /** Values of the pack's definitions (经济困难, special-hardship categories, care tiers) for a person. */
  definitions(facts: PersonFacts, asOf: PlainDate): Record<string, unknown>;
  /** Free re-assessment interval in months for a person (first matching rule), or null. */
  reassessmentMonths(facts: PersonFacts, asOf: PlainDate): number | null;
}

// ---------------------------------------------------------------------------------------------
// resolvePack

export function resolvePack(code: string, packs: ReadonlyMap<string, PolicyPack>): Result<ResolvedPack, PackIssue[]> {
  const chain: PolicyPack[] = [];
  const seen = new Set<string>();
  let cur: string | null = code;
  while (cur !== null) {
    if (seen.has(cur)) {
      return err([{ code: 'PACK_EXTENDS_CYCLE', message: `清单继承形成循环：${[...seen, cur].join(' → ')}`, pack: code }]);
    }
    seen.add(cur);
    const p = packs.get(cur);
    if (!p) {
      return err([
        chain.length === 0
          ? { code: 'PACK_NOT_FOUND', message: `找不到清单 ${cur}`, pack: cur }
          : { code: 'PACK_EXTENDS_UNKNOWN', message: `清单 ${chain[chain.length - 1]!.code} 继承的上级清单 ${cur} 不存在`, pack: chain[chain.length - 1]!.code, path: 'extends' },
      ]);
    }
    chain.push(p);
    cur = p.extends;
  }
  const issues: PackIssue[] = [];
  // Merge from the root down: the child keeps every parent item unless it re-declares its code
  // (or names it in `replaces`); parameters and definitions of the child override the parent's.
  let items: PackItem[] = [];
  let origin: Record<string, string> = {};
  const parameters: PolicyPack['parameters'] = {};
  const definitions: PolicyPack['settings']['definitions'] = {};
  let settings = { ...chain[chain.length - 1]!.settings };
  for (let i = chain.length - 1; i >= 0; i--) {
    const p = chain[i]!;
    const inherited = new Map(items.map((it) => [it.code, it]));
    const replaced = new Set<string>();
    p.items.forEach((it, idx) => {
      if (inherited.has(it.code)) replaced.add(it.code);
      for (const r of it.replaces ?? []) {
        if (!inherited.has(r)) {
          issues.push({ code: 'PACK_REPLACES_UNKNOWN', message: `项目 ${it.code} 声明替代上级项目 ${r}，但上级清单中没有该项目`, pack: p.code, path: `items[${idx}].replaces`, item: it.code });
        }
        replaced.add(r);
      }
    });
    const nextOrigin: Record<string, string> = {};
    for (const it of p.items) nextOrigin[it.code] = p.code;
    const kept = items.filter((it) => !replaced.has(it.code));
    for (const it of kept) nextOrigin[it.code] = origin[it.code]!;
    items = [...p.items, ...kept];
    origin = nextOrigin;
    Object.assign(parameters, p.parameters);
    Object.assign(definitions, p.settings.definitions);
    settings = {
      definitions,
      care_tiers: p.settings.care_tiers.length ? p.settings.care_tiers : settings.care_tiers,
      visit_policy: p.settings.visit_policy.length ? p.settings.visit_policy : settings.visit_policy,
      reassessment: p.settings.reassessment.length ? p.settings.reassessment : settings.reassessment,
    };
  }
  if (issues.length) return err(issues);
  const self = chain[0]!;
  return ok({ ...self, settings: { ...settings, definitions }, parameters, items, chain: chain.map((p) => p.code), origin });
}

// ---------------------------------------------------------------------------------------------
// compilePack

interface CompiledCel {
  source: string;
  refs: CelRefs;
  program: CompiledExpression;
  expr: ReturnType<typeof parseCel> & { ok: true };
}

interface CompiledDefinition extends CompiledCel {
  name: string;
}

interface CompiledItem {
  item: PackItem;
  index: number;
  condition: CompiledCel;
  amount: CompiledCel | null;
  notWith: number[];
}

export function compilePack(pack: ResolvedPack): Result<CompiledPack, PackIssue[]> {
  const issues: PackIssue[] = [];
  const paramNames = new Set(Object.keys(pack.parameters));

  const compileCel = (source: string, where: { path: string; item: string }, knownDefs: ReadonlySet<string>): CompiledCel | null => {
    const parsed = parseCel(source);
    if (!parsed.ok) {
      issues.push({ code: 'CEL_SYNTAX', message: `${where.item}：表达式语法错误（${parsed.message}）`, pack: pack.code, path: where.path, item: where.item, expression: source });
      return null;
    }
    const refs = celRefs(parsed.expr);
    let bad = false;
    for (const id of refs.idents) {
      if (!FACT_SET.has(id)) {
        bad = true;
        issues.push({ code: 'CEL_UNKNOWN_FACT', message: `${where.item}：表达式引用了不存在的人员事实 ${id}`, pack: pack.code, path: where.path, item: where.item, expression: source });
      }
    }
    for (const name of refs.params) {
      if (!paramNames.has(name)) {
        bad = true;
        issues.push({ code: 'CEL_UNKNOWN_PARAMETER', message: `${where.item}：表达式引用了未声明的参数 p.${name}`, pack: pack.code, path: where.path, item: where.item, expression: source });
      }
    }
    for (const name of refs.defs) {
      if (!knownDefs.has(name)) {
        bad = true;
        issues.push({ code: 'CEL_UNKNOWN_DEFINITION', message: `${where.item}：表达式引用了未定义（或定义在其后）的 d.${name}`, pack: pack.code, path: where.path, item: where.item, expression: source });
      }
    }
    const program = compileExpression(source);
    if (!program.ok) {
      issues.push({ code: 'CEL_SYNTAX', message: `${where.item}：表达式无法编译（${program.error.message}）`, pack: pack.code, path: where.path, item: where.item, expression: source });
      return null;
    }
    return bad ? null : { source, refs, program: program.value, expr: parsed };
  };

  // Definitions: care tiers first (d.<tier>), then settings.definitions in declared order.
  const defs: CompiledDefinition[] = [];
  const known = new Set<string>();
  const defSources: { name: string; source: string; path: string }[] = [
    ...pack.settings.care_tiers.map((t, i) => ({ name: t.code, source: `capability_grade in [${t.grades.join(', ')}]`, path: `settings.care_tiers[${i}]` })),
    ...Object.entries(pack.settings.definitions).map(([name, d]) => ({ name, source: d.expression, path: `settings.definitions.${name}.expression` })),
  ];
  // Definitions may refer to each other (d.x) in any order across the extends chain: evaluate them
  // in dependency order; a cycle is an error.
  const allDefs = new Set(defSources.map((d) => d.name));
  const defByName = new Map(defSources.map((d) => [d.name, d]));
  const defState = new Map<string, 1 | 2>();
  const visitDef = (name: string, path: string[]): void => {
    if (defState.get(name) === 2) return;
    const d = defByName.get(name)!;
    if (defState.get(name) === 1) {
      issues.push({ code: 'CEL_UNKNOWN_DEFINITION', message: `定义循环引用：${[...path, name].map((n) => `d.${n}`).join(' → ')}`, pack: pack.code, path: d.path, item: `d.${name}`, expression: d.source });
      return;
    }
    defState.set(name, 1);
    const parsed = parseCel(d.source);
    if (parsed.ok) for (const dep of celRefs(parsed.expr).defs) if (allDefs.has(dep)) visitDef(dep, [...path, name]);
    defState.set(name, 2);
    const c = compileCel(d.source, { path: d.path, item: `d.${name}` }, known);
    known.add(name);
    if (c) defs.push({ ...c, name });
  };
  for (const d of defSources) visitDef(d.name, []);
  const reassess = pack.settings.reassessment.map((r, i) => ({ rule: r, cel: compileCel(r.condition, { path: `settings.reassessment[${i}].condition`, item: `复评规则${i + 1}` }, known) }));

  const codeIndex = new Map(pack.items.map((it, i) => [it.code, i]));
  const items: CompiledItem[] = [];
  pack.items.forEach((item, index) => {
    const condition = compileCel(item.eligibility, { path: `items[${index}].eligibility`, item: item.code }, known);
    const b = item.benefit;
    const amount = b.kind === 'cash' || b.kind === 'service_credit' ? compileCel(b.monthly_fen, { path: `items[${index}].benefit.monthly_fen`, item: item.code }, known) : null;
    const notWith: number[] = [];
    for (const c of item.not_with) {
      const j = codeIndex.get(c);
      if (j === undefined) issues.push({ code: 'PACK_NOT_WITH_UNKNOWN', message: `项目 ${item.code} 的互斥项目 ${c} 不在清单中`, pack: pack.code, path: `items[${index}].not_with`, item: item.code });
      else notWith.push(j);
    }
    if (condition && (amount || !(b.kind === 'cash' || b.kind === 'service_credit'))) items.push({ item, index, condition, amount, notWith });
  });
  // Exclusion order: an item is decided after every item it yields to; cycles are errors.
  const order: number[] = [];
  const mark = new Uint8Array(pack.items.length); // 0 new, 1 visiting, 2 done
  const visit = (i: number, path: string[]): void => {
    if (mark[i] === 2) return;
    if (mark[i] === 1) {
      issues.push({ code: 'PACK_NOT_WITH_CYCLE', message: `互斥关系形成循环：${[...path, pack.items[i]!.code].join(' → ')}`, pack: pack.code, item: pack.items[i]!.code });
      return;
    }
    mark[i] = 1;
    for (const c of pack.items[i]!.not_with) {
      const j = codeIndex.get(c);
      if (j !== undefined) visit(j, [...path, pack.items[i]!.code]);
    }
    mark[i] = 2;
    order.push(i);
  };
  for (let i = 0; i < pack.items.length; i++) visit(i, []);
  if (issues.length) return err(issues);

  return ok(makeCompiledPack(pack, defs, items, order, reassess.map((r) => ({ months: r.rule.interval_months, cel: r.cel! }))));
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function guardOf(f: PersonFacts): GuardReason | null {
  if (f.alive !== true) return 'not_alive';
  if (typeof f.age !== 'number') return 'age_unknown';
  if (f.age < ELDERLY_MIN_AGE) return 'under_60';
  return null;
}

interface DateContext {
  p: Record<string, number | null>;
  status: Record<string, ParameterStatus>;
}

function makeCompiledPack(
  pack: ResolvedPack,
  defs: CompiledDefinition[],
  items: CompiledItem[],
  order: number[],
  reassess: { months: number; cel: CompiledCel }[],
): CompiledPack {
  const dateCache = new Map<string, DateContext>();
  const contextOn = (asOf: PlainDate): DateContext => {
    let c = dateCache.get(asOf);
    if (!c) {
      const p: Record<string, number | null> = Object.create(null);
      const status: Record<string, ParameterStatus> = {};
      for (const [name, param] of Object.entries(pack.parameters)) {
        const v = parameterOn(param, asOf);
        p[name] = v.value;
        status[name] = v.status;
      }
      c = { p, status };
      if (dateCache.size > 64) dateCache.clear();
      dateCache.set(asOf, c);
    }
    return c;
  };

  /** Reference (interpreter) evaluation of the definitions. Errors give null. */
  const refDefinitions = (f: PersonFacts, ctx: DateContext): Record<string, unknown> => {
    const d: Record<string, unknown> = {};
    for (const def of defs) {
      const r = def.program.evaluate({ ...f, p: ctx.p, d });
      d[def.name] = r.ok ? r.value : null;
    }
    return d;
  };

  const blockedFor = (amount: CompiledCel | null, ctx: DateContext): string[] =>
    amount ? [...amount.refs.params].filter((n) => ctx.status[n] !== 'set').sort() : [];

  const explain = (f: PersonFacts, asOf: PlainDate): ItemExplanation[] => {
    const ctx = contextOn(asOf);
    const guard = guardOf(f);
    const d = guard ? {} : refDefinitions(f, ctx);
    const bindings = { ...f, p: ctx.p, d };
    const states = new Array<number>(pack.items.length).fill(ITEM_STATE.not_eligible);
    const errors = new Array<string | null>(pack.items.length).fill(null);
    const excludedBy = new Array<string | null>(pack.items.length).fill(null);
    const byIndex = new Map(items.map((c) => [c.index, c]));
    if (!guard) {
      for (const c of items) {
        const r = c.condition.program.evaluate(bindings);
        if (r.ok && typeof r.value === 'boolean') states[c.index] = r.value ? ITEM_STATE.granted : ITEM_STATE.not_eligible;
        else {
          states[c.index] = ITEM_STATE.error;
          errors[c.index] = r.ok ? `条件结果不是布尔值：${JSON.stringify(r.value)}` : `条件求值出错：${r.error.message}`;
        }
      }
      for (const i of order) {
        const c = byIndex.get(i);
        if (!c || states[i] !== ITEM_STATE.granted) continue;
        const j = c.notWith.find((k) => states[k] === ITEM_STATE.granted);
        if (j !== undefined) {
          states[i] = ITEM_STATE.excluded;
          excludedBy[i] = pack.items[j]!.code;
        }
      }
    }
    return pack.items.map((item, i) => {
      const c = byIndex.get(i)!;
      const read: Record<string, unknown> = {};
      for (const id of c.condition.refs.idents) read[id] = (f as unknown as Record<string, unknown>)[id];
      for (const n of c.condition.refs.defs) read[`d.${n}`] = d[n] ?? null;
      for (const n of c.condition.refs.params) read[`p.${n}`] = ctx.p[n];
      let amount: number | null = null;
      let blocked: string[] = [];
      let error = errors[i]!;
      const money = item.benefit.kind === 'cash' || item.benefit.kind === 'service_credit';
      if (states[i] === ITEM_STATE.granted && money && c.amount) {
        const r = c.amount.program.evaluate(bindings);
        if (r.ok && typeof r.value === 'number' && Number.isInteger(r.value)) amount = r.value;
        else {
          blocked = blockedFor(c.amount, ctx);
          if (!blocked.length) error = r.ok ? `金额公式结果不是整数（分）：${JSON.stringify(r.value)}` : `金额公式求值出错：${r.error.message}`;
        }
      }
      return {
        code: item.code,
        name: item.name,
        benefit_kind: item.benefit.kind,
        monthly_cash_fen: amount,
        blocked_parameters: blocked,
        eligible: states[i] === ITEM_STATE.granted,
        condition: item.eligibility,
        facts: read,
        excluded_by: excludedBy[i]!,
        error,
        citation: item.citation,
        guard,
      };
    });
  };

  // ---- fast path: one generated function per evaluation date --------------------------------
  const evaluators = new Map<string, BatchEvaluator>();
  const batch = (asOf: PlainDate): BatchEvaluator => {
    let ev = evaluators.get(asOf);
    if (!ev) {
      ev = buildEvaluator(pack, defs, items, order, contextOn(asOf), asOf);
      if (evaluators.size > 16) evaluators.clear();
      evaluators.set(asOf, ev);
    }
    return ev;
  };

  let scratch = { states: new Uint8Array(pack.items.length), amounts: new Float64Array(pack.items.length) };
  const entitle = (f: PersonFacts, asOf: PlainDate): Entitlement[] => {
    const ev = batch(asOf);
    const ctx = contextOn(asOf);
    const { states, amounts } = scratch;
    const n = ev.evaluate(f, states, amounts);
    const out: Entitlement[] = [];
    if (n === 0) return out;
    for (let i = 0; i < states.length; i++) {
      if (states[i] !== ITEM_STATE.granted) continue;
      const item = pack.items[i]!;
      const money = item.benefit.kind === 'cash' || item.benefit.kind === 'service_credit';
      const amt = amounts[i]!;
      out.push({
        code: item.code,
        name: item.name,
        benefit_kind: item.benefit.kind,
        monthly_cash_fen: money && !Number.isNaN(amt) ? amt : null,
        blocked_parameters: money && Number.isNaN(amt) ? blockedFor(items.find((c) => c.index === i)!.amount, ctx) : [],
      });
    }
    scratch = { states, amounts };
    return out;
  };

  return {
    pack,
    explain,
    entitle,
    batch,
    parameterStatus(asOf) {
      const ctx = contextOn(asOf);
      return Object.entries(pack.parameters).map(([name, p]) => ({ name, label: p.label, value: ctx.p[name] ?? null, status: ctx.status[name]! }));
    },
    definitions(f, asOf) {
      return refDefinitions(f, contextOn(asOf));
    },
    reassessmentMonths(f, asOf) {
      const ctx = contextOn(asOf);
      const d = refDefinitions(f, ctx);
      for (const r of reassess) {
        const v = r.cel.program.evaluate({ ...f, p: ctx.p, d });
        if (v.ok && v.value === true) return r.months;
      }
      return null;
    },
  };
}

/** Generates the pack's evaluation function for one date (parameter values become constants). */
function buildEvaluator(
  pack: ResolvedPack,
  defs: CompiledDefinition[],
  items: CompiledItem[],
  order: number[],
  ctx: DateContext,
  asOf: PlainDate,
): BatchEvaluator {
  const n = pack.items.length;
  const consts: unknown[] = [];
  const fallbacks: ((f: PersonFacts, d: Record<string, unknown>) => unknown)[] = [];
  let temps = 0;
  const defVar = new Map(defs.map((d, i) => [d.name, `d${i}`]));
  const names = {
    ident: (name: string) => `f.${name}`,
    param: (name: string) => (name in ctx.p ? JSON.stringify(ctx.p[name]) : 'undefined'),
    def: (name: string) => defVar.get(name) ?? 'undefined',
    temp: () => `t${temps++}`,
    constant: (v: unknown) => `$c[${consts.push(v) - 1}]`,
  };
  let fullyCompiled = true;
  const dObject = () => `{${defs.map((d, i) => `${JSON.stringify(d.name)}:d${i}`).join(',')}}`;
  const exprJs = (c: CompiledCel): string => {
    const js = celToJs(c.expr.expr, names);
    if (js) return js;
    fullyCompiled = false;
    const program = c.program;
    fallbacks.push((f, d) => {
      const r = program.evaluate({ ...f, p: ctx.p, d });
      return r.ok ? r.value : undefined;
    });
    return `$fb[${fallbacks.length - 1}](f,${dObject()})`;
  };
  const lines: string[] = [];
  const noItems = `for(let i=0;i<${n};i++){out[i]=0;amt[i]=NaN}return 0;`;
  // Engine guarantee: not alive, age unknown or under 60 → no elderly items.
  lines.push(`if(f.alive!==true||typeof f.age!=="number"||f.age<${ELDERLY_MIN_AGE}){${noItems}}`);
  defs.forEach((d, i) => {
    const t = names.temp();
    lines.push(`const d${i}=(${t}=${exprJs(d)})===undefined?null:${t};`);
  });
  const stateVar = (i: number) => `s${i}`;
  const byIndex = new Map(items.map((c) => [c.index, c]));
  for (let i = 0; i < n; i++) {
    const c = byIndex.get(i)!;
    const t = names.temp();
    lines.push(`let ${stateVar(i)}=(${t}=${exprJs(c.condition)})===true?1:${t}===false?0:3;`);
  }
  for (const i of order) {
    const c = byIndex.get(i)!;
    if (!c.notWith.length) continue;
    lines.push(`if(${stateVar(i)}===1&&(${c.notWith.map((j) => `${stateVar(j)}===1`).join('||')}))${stateVar(i)}=2;`);
  }
  lines.push('let granted=0;');
  for (let i = 0; i < n; i++) {
    const c = byIndex.get(i)!;
    const s = stateVar(i);
    lines.push(`out[${i}]=${s};`);
    if (c.amount) {
      const t = names.temp();
      lines.push(`if(${s}===1){granted++;${t}=${exprJs(c.amount)};amt[${i}]=typeof ${t}==="number"&&Number.isInteger(${t})?${t}:NaN}else amt[${i}]=NaN;`);
    } else {
      lines.push(`if(${s}===1)granted++;amt[${i}]=NaN;`);
    }
  }
  lines.push('return granted;');
  const tempDecl = temps ? `let ${Array.from({ length: temps }, (_, i) => `t${i}`).join(',')};` : '';
  const body = `return function evaluate(f,out,amt){${tempDecl}${lines.join('\n')}}`;
  let evaluate: BatchEvaluator['evaluate'];
  try {
    evaluate = new Function('$h', '$c', '$fb', body)(CEL_JS_HELPERS, consts, fallbacks) as BatchEvaluator['evaluate'];
  } catch {
    // No code generation (e.g. a strict Content-Security-Policy): the interpreter does everything.
    fullyCompiled = false;
    evaluate = interpretedEvaluator(pack, defs, items, order, ctx);
  }
  return { asOf, items: pack.items, fullyCompiled, evaluate };
}

function interpretedEvaluator(pack: ResolvedPack, defs: CompiledDefinition[], items: CompiledItem[], order: number[], ctx: DateContext): BatchEvaluator['evaluate'] {
  const byIndex = new Map(items.map((c) => [c.index, c]));
  return (f, out, amt) => {
    out.fill(0);
    amt.fill(NaN);
    if (guardOf(f)) return 0;
    const d: Record<string, unknown> = {};
    for (const def of defs) {
      const r = def.program.evaluate({ ...f, p: ctx.p, d });
      d[def.name] = r.ok ? r.value : null;
    }
    const b = { ...f, p: ctx.p, d };
    for (const c of items) {
      const r = c.condition.program.evaluate(b);
      out[c.index] = r.ok && r.value === true ? 1 : r.ok && r.value === false ? 0 : 3;
    }
    for (const i of order) {
      const c = byIndex.get(i)!;
      if (out[i] === 1 && c.notWith.some((j) => out[j] === 1)) out[i] = 2;
    }
    let granted = 0;
    for (let i = 0; i < pack.items.length; i++) {
      if (out[i] !== 1) continue;
      granted++;
      const c = byIndex.get(i)!;
      if (c.amount) {
        const r = c.amount.program.evaluate(b);
        amt[i] = r.ok && typeof r.value === 'number' && Number.isInteger(r.value) ? r.value : NaN;
      }
    }
    return granted;
  };
}
