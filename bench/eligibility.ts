/**
 * Eligibility engine benchmark (issue 5 "Performance"): the same 1,000,000 synthetic persons and the
 * full Lanxi catalogue (policies/330781-lanxi, resolved with its NAT parent: 25 items), measured in
 * one run as
 *   (a) our engine's batch path — the pack's CEL compiled once into one JavaScript function
 *       (CompiledPack.batch(asOf).evaluate), and the allocating entitle() API on top of it;
 *   (b) a hand-written TypeScript loop over the same facts (the practical limit);
 *   (c) json-rules-engine, (d) json-logic-js — both fed rules translated mechanically from the
 *       pack's CEL (definitions inlined, parameters substituted), so every contender runs the same
 *       rules;
 *   (e) per-person interpretation of the CEL with @bufbuild/cel: parse + plan + evaluate every
 *       expression for every person (nothing reused), and, for comparison, (e') the interpreter
 *       with plans made once (the engine's explain/reference path).
 * Each contender runs in its own child process (peak RSS is its own) on the same deterministic
 * population, checks its per-item results against the engine on the persons it evaluated, and
 * reports the median of several runs. Slow contenders run on a sample and are extrapolated
 * (marked "sampled").
 *
 *   node --import tsx bench/eligibility.ts [--persons 1000000] [--runs 5] [--sample-rules 20000] [--sample-cel 2000]
 *   npm run bench:eligibility
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { celEnv, parse, plan } from '@bufbuild/cel';
import {
  compilePack,
  parseCel,
  resolvePack,
  toCelInput,
  type CelExpr,
  type CompiledPack,
  type PersonFacts,
  type PolicyPack,
} from '@yiyang/core';
import jsonLogic from 'json-logic-js';
import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import { loadPackDirectory } from '../packages/server/src/modules/catalogue/pack-files.ts';

const { values: opt } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    'sample-rules': { type: 'string', default: '20000' },
    'sample-cel': { type: 'string', default: '2000' },
    phase: { type: 'string' },
  },
});
const PERSONS = Number(opt.persons);
const RUNS = Number(opt.runs);
const AS_OF = '2025-06-01';
const log = (s: string) => process.stdout.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------
// Population: deterministic (mulberry32), realistic shares for a county of 1M older people.

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: number, table: readonly (readonly [T, number])[]): T {
  let acc = 0;
  for (const [v, w] of table) if (r < (acc += w)) return v;
  return table[table.length - 1]![0];
}

export function population(n: number): PersonFacts[] {
  const rnd = mulberry32(20250601);
  const out: PersonFacts[] = new Array(n);
  for (let i = 0; i < n; i++) {
    // Ages 55–104 (about 8% under 60 to exercise the guard), birth dates spread over the year.
    const age = 55 + Math.floor(Math.pow(rnd(), 1.6) * 50);
    const by = 2025 - age - (rnd() < 0.42 ? 1 : 0);
    const bm = 1 + Math.floor(rnd() * 12), bd = 1 + Math.floor(rnd() * 28);
    const birth = `${by}-${String(bm).padStart(2, '0')}-${String(bd).padStart(2, '0')}`;
    const realAge = 2025 - by - (bm > 6 || (bm === 6 && bd > 1) ? 1 : 0);
    const hukou = pick(rnd(), [['330781', 0.55], ['330781102', 0.3], ['330702', 0.1], ['110101', 0.04], [null, 0.01]] as const);
    const grade = pick(rnd(), [[null, 0.35], [0, 0.35], [1, 0.12], [2, 0.09], [3, 0.05], [4, 0.04]] as const);
    const dlevel = pick(rnd(), [[null, 0.88], [1, 0.02], [2, 0.03], [3, 0.03], [4, 0.04]] as const);
    out[i] = {
      birth_date: birth,
      sex: rnd() < 0.48 ? 'male' : 'female',
      age: realAge,
      alive: rnd() > 0.02,
      hukou_region: hukou,
      residence_region: rnd() < 0.2 ? null : rnd() < 0.93 ? '330781001' : '330702',
      economic_status: pick(rnd(), [['none', 0.86], ['low_income', 0.04], ['dibao_edge', 0.03], ['dibao', 0.05], ['tekun', 0.02]] as const),
      capability_grade: grade,
      disability_category: dlevel === null ? null : pick(rnd(), [['physical', 0.5], ['visual', 0.15], ['hearing', 0.15], ['intellectual', 0.08], ['mental', 0.07], ['multiple', 0.05]] as const),
      disability_level: dlevel,
      living_arrangement: pick(rnd(), [['with_family', 0.6], ['empty_nest', 0.2], ['alone', 0.1], ['left_behind', 0.05], ['institution', 0.05]] as const),
      family_planning_special: rnd() < 0.01,
      veteran_category: rnd() < 0.03 ? pick(rnd(), [['veteran', 0.7], ['disabled_veteran', 0.1], ['martyr_family', 0.1], ['died_of_illness_family', 0.1]] as const) : null,
      homeless: rnd() < 0.001,
      heroic_disabled: rnd() < 0.001,
      pension_insurance: pick(rnd(), [['employee', 0.4], ['resident', 0.55], ['none', 0.05]] as const),
      pension_receiving: rnd() < 0.9,
      childless: rnd() < 0.05,
      has_supporter: rnd() > 0.05,
      dementia: rnd() < 0.03,
      institution_id: null,
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The pack

async function lanxi(): Promise<CompiledPack> {
  const { packs } = await loadPackDirectory();
  const r = resolvePack('LX', new Map<string, PolicyPack>(packs.map((p) => [p.code, p])));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const c = compilePack(r.value);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return c.value;
}

/** Per-item granted counts and amount sum: the fingerprint every contender must reproduce. */
interface Tally {
  granted: number[];
  amountSum: number;
}
const newTally = (n: number): Tally => ({ granted: new Array(n).fill(0), amountSum: 0 });

function engineTally(c: CompiledPack, persons: readonly PersonFacts[], count: number): Tally {
  const ev = c.batch(AS_OF);
  const n = c.pack.items.length;
  const states = new Uint8Array(n), amounts = new Float64Array(n);
  const t = newTally(n);
  for (let i = 0; i < count; i++) {
    ev.evaluate(persons[i]!, states, amounts);
    for (let k = 0; k < n; k++) if (states[k] === 1) { t.granted[k]!++; if (!Number.isNaN(amounts[k]!)) t.amountSum += amounts[k]!; }
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// (b) Hand-written TypeScript: the Lanxi list written out as plain code (002 附件), same semantics.

function handWritten(codes: readonly string[]) {
  const ix = (code: string) => {
    const i = codes.indexOf(code);
    if (i < 0) throw new Error(`no ${code}`);
    return i;
  };
  const I = {
    l01: ix('LX-01'), l02: ix('LX-02'), l03: ix('LX-03'), l04: ix('LX-04'), l05: ix('LX-05'), l06: ix('LX-06'), l07: ix('LX-07'), l07a: ix('LX-07A'),
    l08: ix('LX-08'), l09: ix('LX-09'), l10: ix('LX-10'), l11: ix('LX-11'), l12: ix('LX-12'), l13: ix('LX-13'), l14: ix('LX-14'), l15: ix('LX-15'),
    l16: ix('LX-16'), l17: ix('LX-17'), l18: ix('LX-18'), l18a: ix('LX-18A'), l19: ix('LX-19'), l20: ix('LX-20'), l21: ix('LX-21'), l22: ix('LX-22'), l23: ix('LX-23'),
  };
  return (f: PersonFacts, s: Uint8Array, amt: Float64Array): number => {
    const age = f.age;
    if (!f.alive || age === null || age < 60) {
      s.fill(0);
      amt.fill(NaN);
      return 0;
    }
    const hk = f.hukou_region;
    const lanxiHukou = hk !== null && hk.startsWith('330781');
    const rr = f.residence_region;
    const lanxiResident = rr !== null ? rr.startsWith('330781') : lanxiHukou;
    const es = f.economic_status;
    const econ = es === 'tekun' || es === 'dibao' || es === 'dibao_edge';
    const g = f.capability_grade;
    const careDep = g === 2 || g === 3 || g === 4;
    const incapacitated = g !== null && g >= 1;
    const lvl = f.disability_level;
    const la = f.living_arrangement;
    const inst = la === 'institution';
    const special = la === 'alone' || la === 'empty_nest' || la === 'left_behind' || incapacitated || (lvl !== null && lvl <= 2) || f.family_planning_special || econ;
    const merit = f.veteran_category !== null;
    const dc = f.disability_category;
    // Written as a programmer would by hand: one boolean per row of the list, then the slots.
    const c01 = f.pension_insurance === 'employee';
    const c02 = f.pension_insurance === 'resident';
    const c05 = age >= 65;
    const c07a = lanxiHukou && age >= 100; // 002 附件 第7项: 100+ 500元
    const c07 = lanxiHukou && age >= 80 && !c07a; // 80–99 60元, 不重复享受
    const c10 = econ && !inst;
    const c11 = (es === 'dibao' || es === 'dibao_edge') && careDep;
    const c13 = es === 'dibao';
    const c14 = es === 'tekun' && !inst;
    const c15 = es === 'tekun' && inst;
    const c16 = special && lanxiResident;
    const c17 = f.family_planning_special;
    const c18 = es === 'dibao' && lvl !== null;
    const c18a = lvl !== null && (lvl <= 2 || ((dc === 'intellectual' || dc === 'mental') && lvl >= 3));
    const c19 = f.homeless;
    const c22 = f.heroic_disabled && careDep && (econ || !f.has_supporter);
    const c23 = hk !== null && !hk.startsWith('33') && ((f.sex === 'male' && age >= 60) || (f.sex === 'female' && age >= 55));
    s[I.l01] = c01 ? 1 : 0;
    s[I.l02] = c02 ? 1 : 0;
    s[I.l03] = 1;
    s[I.l04] = 1;
    s[I.l05] = c05 ? 1 : 0;
    s[I.l06] = 1;
    s[I.l07] = c07 ? 1 : lanxiHukou && age >= 80 ? 2 : 0;
    amt[I.l07] = c07 ? 6000 : NaN;
    s[I.l07a] = c07a ? 1 : 0;
    amt[I.l07a] = c07a ? 50000 : NaN;
    s[I.l08] = econ ? 1 : 0;
    s[I.l09] = econ ? 1 : 0;
    s[I.l10] = c10 ? 1 : 0;
    s[I.l11] = c11 ? 1 : 0;
    s[I.l12] = incapacitated ? 1 : 0;
    s[I.l13] = c13 ? 1 : 0;
    s[I.l14] = c14 ? 1 : 0;
    s[I.l15] = c15 ? 1 : 0;
    s[I.l16] = c16 ? 1 : 0;
    s[I.l17] = c17 ? 1 : 0;
    s[I.l18] = c18 ? 1 : 0;
    s[I.l18a] = c18a ? 1 : 0;
    s[I.l19] = c19 ? 1 : 0;
    s[I.l20] = merit ? 1 : 0;
    s[I.l21] = merit ? 1 : 0;
    s[I.l22] = c22 ? 1 : 0;
    s[I.l23] = c23 ? 1 : 0;
    // LX-08, LX-11, LX-18, LX-18A amounts are unset parameters on AS_OF (blocked → NaN).
    amt[I.l08] = NaN; amt[I.l11] = NaN; amt[I.l18] = NaN; amt[I.l18a] = NaN;
    const n = 3 + +c01 + +c02 + +c05 + +c07 + +c07a + 2 * +econ + +c10 + +c11 + +incapacitated + +c13 + +c14 + +c15 + +c16 + +c17 + +c18 + +c18a + +c19 + 2 * +merit + +c22 + +c23;
    return n;
  };
}

// ---------------------------------------------------------------------------------------------
// Translating the pack's CEL (checked AST) for json-logic-js and json-rules-engine, with the
// definitions inlined and the parameters on AS_OF substituted.

type Ctx = { defs: Map<string, CelExpr>; params: Record<string, number | null> };

function constOf(e: CelExpr): unknown {
  if (e.exprKind.case !== 'constExpr') return undefined;
  const c = e.exprKind.value.constantKind;
  if (c.case === 'nullValue') return null;
  if (c.case === 'int64Value') return Number(c.value as bigint);
  return c.value;
}

function toJsonLogic(e: CelExpr, ctx: Ctx): unknown {
  const k = e.exprKind;
  switch (k.case) {
    case 'constExpr':
      return constOf(e);
    case 'identExpr':
      return { var: k.value.name };
    case 'selectExpr': {
      const op = k.value.operand!;
      const name = op.exprKind.case === 'identExpr' ? op.exprKind.value.name : '';
      if (name === 'p') return ctx.params[k.value.field] ?? null;
      if (name === 'd') return toJsonLogic(ctx.defs.get(k.value.field)!, ctx);
      throw new Error('select');
    }
    case 'listExpr':
      return k.value.elements.map((x) => constOf(x));
    case 'callExpr': {
      const a = k.value.args.map((x) => toJsonLogic(x, ctx));
      const ops: Record<string, string> = { '_&&_': 'and', '_||_': 'or', '!_': '!', '_==_': '===', '_!=_': '!==', '_<_': '<', '_<=_': '<=', '_>_': '>', '_>=_': '>=', '_+_': '+', '_-_': '-', '_*_': '*', '_/_': 'idiv', '@in': 'in', '_?_:_': 'if' };
      if (k.value.target && k.value.function === 'startsWith') return { startsWith: [toJsonLogic(k.value.target, ctx), a[0]] };
      const op = ops[k.value.function];
      if (!op) throw new Error(`json-logic: ${k.value.function}`);
      return { [op]: op === '!' ? [a[0]] : a };
    }
    default:
      throw new Error(`json-logic: ${k.case}`);
  }
}

function toRulesCondition(e: CelExpr, ctx: Ctx): NestedCondition {
  const k = e.exprKind;
  if (k.case === 'constExpr' && constOf(e) === true) return { fact: 'alive', operator: 'in', value: [true, false] };
  if (k.case === 'identExpr') return { fact: k.value.name, operator: 'equal', value: true };
  if (k.case === 'selectExpr') {
    const op = k.value.operand!;
    if (op.exprKind.case === 'identExpr' && op.exprKind.value.name === 'd') return toRulesCondition(ctx.defs.get(k.value.field)!, ctx);
  }
  if (k.case !== 'callExpr') throw new Error(`rules: ${k.case}`);
  const { function: fn, args, target } = k.value;
  if (fn === '_&&_') return { all: [toRulesCondition(args[0]!, ctx), toRulesCondition(args[1]!, ctx)] };
  if (fn === '_||_') return { any: [toRulesCondition(args[0]!, ctx), toRulesCondition(args[1]!, ctx)] };
  if (fn === '!_') return { not: toRulesCondition(args[0]!, ctx) };
  if (fn === '_?_:_') {
    const c = toRulesCondition(args[0]!, ctx);
    return { any: [{ all: [c, toRulesCondition(args[1]!, ctx)] }, { all: [{ not: c }, toRulesCondition(args[2]!, ctx)] }] };
  }
  if (target && fn === 'startsWith' && target.exprKind.case === 'identExpr') {
    return { fact: target.exprKind.value.name, operator: 'startsWith', value: constOf(args[0]!) as string };
  }
  const ops: Record<string, string> = { '_==_': 'equal', '_!=_': 'notEqual', '_<_': 'lessThan', '_<=_': 'lessThanInclusive', '_>_': 'greaterThan', '_>=_': 'greaterThanInclusive', '@in': 'in' };
  const lhs = args[0]!, rhs = args[1]!;
  if (!ops[fn] || lhs.exprKind.case !== 'identExpr') throw new Error(`rules: ${fn}`);
  let value: unknown;
  if (rhs.exprKind.case === 'listExpr') value = rhs.exprKind.value.elements.map(constOf);
  else if (rhs.exprKind.case === 'selectExpr') value = ctx.params[rhs.exprKind.value.field] ?? null;
  else value = constOf(rhs);
  return { fact: lhs.exprKind.value.name, operator: ops[fn]!, value } as NestedCondition;
}

function translationContext(c: CompiledPack): Ctx {
  const defs = new Map<string, CelExpr>();
  for (const t of c.pack.settings.care_tiers) defs.set(t.code, (parseCel(`capability_grade in [${t.grades.join(', ')}]`) as { expr: CelExpr }).expr);
  for (const [name, d] of Object.entries(c.pack.settings.definitions)) defs.set(name, (parseCel(d.expression) as { expr: CelExpr }).expr);
  const params: Record<string, number | null> = {};
  for (const p of c.parameterStatus(AS_OF)) params[p.name] = p.value;
  return { defs, params };
}

/** Exclusions and the 60+/alive guard, shared by the contenders that only decide conditions. */
const notWithCache = new WeakMap<CompiledPack, number[][]>();
function finish(c: CompiledPack, f: PersonFacts, s: Uint8Array): void {
  let nw = notWithCache.get(c);
  if (!nw) {
    nw = c.pack.items.map((it) => it.not_with.map((code) => c.pack.items.findIndex((x) => x.code === code)));
    notWithCache.set(c, nw);
  }
  // (not_with chains are one level deep in the Lanxi pack: LX-07 yields to LX-07A)
  for (let i = 0; i < s.length; i++) if (s[i] === 1 && nw[i]!.some((j) => s[j] === 1)) s[i] = 2;
  if (!f.alive || f.age === null || f.age < 60) s.fill(0);
}

// ---------------------------------------------------------------------------------------------
// Phases (each in a child process)

interface PhaseResult {
  phase: string;
  persons: number;
  sampled: boolean;
  medianMs: number;
  runsMs: number[];
  perSecond: number;
  maxRssMb: number;
  baseRssMb: number;
  agree: boolean;
  detail?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function compareTally(want: Tally, got: Tally, codes: readonly string[]): string | null {
  const diff = codes.filter((_, i) => want.granted[i] !== got.granted[i]).map((code) => `${code}: ${want.granted[codes.indexOf(code)]} vs ${got.granted[codes.indexOf(code)]}`);
  if (want.amountSum !== got.amountSum) diff.push(`amount sum ${want.amountSum} vs ${got.amountSum}`);
  return diff.length ? diff.join('; ') : null;
}

async function runPhase(phase: string): Promise<PhaseResult> {
  const c = await lanxi();
  const codes = c.pack.items.map((i) => i.code);
  const n = codes.length;
  const persons = population(PERSONS);
  const baseRssMb = process.memoryUsage().rss / 2 ** 20;
  const states = new Uint8Array(n), amounts = new Float64Array(n).fill(NaN);
  const sampleRules = Math.min(PERSONS, Number(opt['sample-rules']));
  const sampleCel = Math.min(PERSONS, Number(opt['sample-cel']));
  let count = PERSONS;
  let runs = RUNS;
  // step(i) evaluates person i (timed runs add up the returned number of granted items);
  // verify(i) writes its states/amounts for the check against the engine (default: step).
  let step: (i: number) => number | Promise<number>;
  let verify: ((i: number) => void | Promise<void>) | null = null;
  let isAsync = false;
  switch (phase) {
    case 'engine': {
      const ev = c.batch(AS_OF);
      if (!ev.fullyCompiled) throw new Error('pack not fully compiled');
      step = (i) => ev.evaluate(persons[i]!, states, amounts);
      break;
    }
    case 'engine-entitle': {
      step = (i) => c.entitle(persons[i]!, AS_OF).length;
      verify = (i) => {
        states.fill(0);
        amounts.fill(NaN);
        for (const e of c.entitle(persons[i]!, AS_OF)) {
          const k = codes.indexOf(e.code);
          states[k] = 1;
          amounts[k] = e.monthly_cash_fen ?? NaN;
        }
      };
      break;
    }
    case 'hand': {
      const f = handWritten(codes);
      step = (i) => f(persons[i]!, states, amounts);
      break;
    }
    case 'json-logic': {
      const ctx = translationContext(c);
      jsonLogic.add_operation('startsWith', (s: unknown, p: string) => typeof s === 'string' && s.startsWith(p));
      jsonLogic.add_operation('idiv', (a: number, b: number) => Math.trunc(a / b));
      const conds = c.pack.items.map((it) => toJsonLogic((parseCel(it.eligibility) as { expr: CelExpr }).expr, ctx));
      const money = c.pack.items.map((it) => (it.benefit.kind === 'cash' || it.benefit.kind === 'service_credit' ? toJsonLogic((parseCel(it.benefit.monthly_fen) as { expr: CelExpr }).expr, ctx) : null));
      step = (i) => {
        const f = persons[i]!;
        for (let k = 0; k < n; k++) states[k] = jsonLogic.apply(conds[k] as jsonLogic.RulesLogic, f) === true ? 1 : 0;
        finish(c, f, states);
        let g = 0;
        for (let k = 0; k < n; k++) {
          if (states[k] === 1) g++;
          const v = states[k] === 1 && money[k] !== null ? jsonLogic.apply(money[k] as jsonLogic.RulesLogic, f) : null;
          amounts[k] = typeof v === 'number' && Number.isInteger(v) ? v : NaN;
        }
        return g;
      };
      break;
    }
    case 'json-rules-engine': {
      count = sampleRules;
      runs = Math.min(RUNS, 3);
      isAsync = true;
      const ctx = translationContext(c);
      const engine = new Engine([], { allowUndefinedFacts: false });
      engine.addOperator('startsWith', (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b));
      c.pack.items.forEach((it, k) => {
        const cond = toRulesCondition((parseCel(it.eligibility) as { expr: CelExpr }).expr, ctx);
        const top: TopLevelCondition = 'all' in cond || 'any' in cond || 'not' in cond ? (cond as TopLevelCondition) : { all: [cond] };
        // Amounts: json-rules-engine has no arithmetic; constant formulas (p.x) travel as event params.
        const b = it.benefit;
        const amount = b.kind === 'cash' || b.kind === 'service_credit' ? (ctx.params[b.monthly_fen.replace(/^p\./, '')] ?? null) : null;
        engine.addRule({ conditions: top, event: { type: String(k), params: { amount } } });
      });
      step = async (i) => {
        const f = persons[i]!;
        const r = await engine.run(f as unknown as Record<string, unknown>);
        states.fill(0);
        amounts.fill(NaN);
        for (const ev of r.events) {
          const k = Number(ev.type);
          states[k] = 1;
          const a = ev.params?.['amount'];
          if (typeof a === 'number') amounts[k] = a;
        }
        finish(c, f, states);
        let g = 0;
        for (let k = 0; k < n; k++) if (states[k] === 1) g++;
        return g;
      };
      break;
    }
    case 'cel-per-person': {
      count = sampleCel;
      runs = Math.min(RUNS, 3);
      const env = celEnv();
      const defs = [
        ...c.pack.settings.care_tiers.map((t) => [t.code, `capability_grade in [${t.grades.join(', ')}]`] as const),
        ...Object.entries(c.pack.settings.definitions).map(([k, d]) => [k, d.expression] as const),
      ];
      const p: Record<string, number | null> = {};
      for (const x of c.parameterStatus(AS_OF)) p[x.name] = x.value;
      step = (i) => {
        const f = persons[i]!;
        // Parse + plan + evaluate every expression for this person; nothing is reused.
        const d: Record<string, unknown> = {};
        const evalOnce = (src: string) => {
          const program = plan(env, parse(src)) as (ctx: Record<string, unknown>) => unknown;
          return program(Object.fromEntries(toCelInput({ ...f, p, d }) as Map<string, never>));
        };
        for (const [name, src] of defs) { const v = evalOnce(src); d[name] = typeof v === 'boolean' ? v : null; } // declaration order is dependency order in the Lanxi chain
        c.pack.items.forEach((it, k) => { states[k] = evalOnce(it.eligibility) === true ? 1 : 0; });
        finish(c, f, states);
        let g = 0;
        c.pack.items.forEach((it, k) => {
          const b = it.benefit;
          if (states[k] === 1) g++;
          const v = states[k] === 1 && (b.kind === 'cash' || b.kind === 'service_credit') ? evalOnce(b.monthly_fen) : null;
          amounts[k] = typeof v === 'bigint' ? Number(v) : NaN;
        });
        return g;
      };
      break;
    }
    case 'cel-planned': {
      count = sampleRules;
      runs = Math.min(RUNS, 3);
      step = (i) => {
        let g = 0;
        c.explain(persons[i]!, AS_OF).forEach((e, k) => {
          states[k] = e.eligible ? 1 : 0;
          amounts[k] = e.monthly_cash_fen ?? NaN;
          if (e.eligible) g++;
        });
        return g;
      };
      break;
    }
    default:
      throw new Error(`unknown phase ${phase}`);
  }
  // Check run (also the warm-up): per-item results against the engine on the same persons.
  const want = engineTally(c, persons, count);
  const got = newTally(n);
  for (let i = 0; i < count; i++) {
    if (verify) await verify(i);
    else await step(i);
    for (let k = 0; k < n; k++) if (states[k] === 1) { got.granted[k]!++; if (!Number.isNaN(amounts[k]!)) got.amountSum += amounts[k]!; }
  }
  const mismatch = compareTally(want, got, codes);
  const runsMs: number[] = [];
  let total = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    if (isAsync) for (let i = 0; i < count; i++) total += await step(i);
    else for (let i = 0; i < count; i++) total += step(i) as number;
    runsMs.push(performance.now() - t0);
  }
  if (total < 0) log('impossible'); // keeps `total` alive
  const med = median(runsMs);
  return {
    phase,
    persons: count,
    sampled: count < PERSONS,
    medianMs: med,
    runsMs,
    perSecond: (count / med) * 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    baseRssMb,
    agree: mismatch === null,
    ...(mismatch ? { detail: mismatch } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Parent

const PHASES: { key: string; label: string }[] = [
  { key: 'hand', label: '(b) hand-written TypeScript loop' },
  { key: 'engine', label: '(a) engine batch (compiled CEL → JS)' },
  { key: 'engine-entitle', label: "(a') engine entitle() (allocates Entitlement[])" },
  { key: 'json-logic', label: '(d) json-logic-js' },
  { key: 'json-rules-engine', label: '(c) json-rules-engine' },
  { key: 'cel-per-person', label: '(e) CEL parse+plan+eval per person (@bufbuild/cel)' },
  { key: 'cel-planned', label: "(e') CEL interpreter, plans reused (engine explain path)" },
];

async function main() {
  if (opt.phase) {
    const r = await runPhase(opt.phase);
    process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const machine = `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${release()}, Node ${process.version}`;
  log(`# Eligibility benchmark — ${PERSONS.toLocaleString('en')} persons, Lanxi catalogue, as of ${AS_OF}`);
  log(`machine: ${machine}; load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const results: PhaseResult[] = [];
  for (const p of PHASES) {
    const args = ['--import', 'tsx', self, '--phase', p.key, '--persons', String(PERSONS), '--runs', String(RUNS), '--sample-rules', String(opt['sample-rules']), '--sample-cel', String(opt['sample-cel'])];
    const child = spawnSync(process.execPath, ['--max-old-space-size=4096', ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) {
      log(`${p.label}: failed\n${child.stderr.slice(-2000)}`);
      continue;
    }
    const r = JSON.parse(line.slice(7)) as PhaseResult;
    results.push(r);
    log(`${p.label}: ${Math.round(r.perSecond).toLocaleString('en')} persons/s (median of ${r.runsMs.length} over ${r.persons.toLocaleString('en')}${r.sampled ? ', sampled' : ''}), peak RSS ${r.maxRssMb.toFixed(0)} MB, agrees with engine: ${r.agree ? 'yes' : `NO (${r.detail})`}`);
  }
  const hand = results.find((r) => r.phase === 'hand');
  const rows = results.map((r) => {
    const p = PHASES.find((x) => x.key === r.phase)!;
    const perMillion = 1e6 / r.perSecond;
    const ratio = hand ? hand.perSecond / r.perSecond : NaN;
    return `| ${p.label} | ${r.persons.toLocaleString('en')}${r.sampled ? ' (sample, extrapolated)' : ''} | ${Math.round(r.perSecond).toLocaleString('en')} | ${perMillion >= 10 ? perMillion.toFixed(0) : perMillion.toFixed(2)} s | ${ratio.toFixed(2)}× | ${r.maxRssMb.toFixed(0)} MB (population ${r.baseRssMb.toFixed(0)} MB) | ${r.agree ? 'yes' : `no: ${r.detail}`} |`;
  });
  const table = [
    '| contender | persons evaluated | persons/s (median) | time per 1M | vs (b) hand-written | peak RSS | same results as engine |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  log('');
  log(table);
  const eng = results.find((r) => r.phase === 'engine');
  if (eng && hand) log(`\nengine / hand-written: ${(hand.perSecond / eng.perSecond).toFixed(2)}× (target ≤ 3×)`);
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(
    new URL('./results/eligibility.md', import.meta.url),
    `# Eligibility benchmark\n\n${PERSONS.toLocaleString('en')} synthetic persons, full Lanxi catalogue (${AS_OF}), ${RUNS} runs per contender (median).\n\nMachine: ${machine}. Load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (other work was running on the machine).\n\n${table}\n`,
  );
}

await main();
