/**
 * Publish check of a list against the list of the level above (000 三(一)1: 各地清单应包含上级清单
 * 全部项目，服务对象范围不得缩小、服务标准不得降低). For every item of the parent list:
 *  - the child contains it (same code, or a child item that `replaces` it), else "missing";
 *  - the child's condition is no narrower: proven when the expression is identical (and the
 *    definitions and parameters it reads are the same), when it is `parent || extra`, or by
 *    enumerating the facts it reads over the values that matter (the literals and parameter values
 *    of both expressions, ±1 for numbers, every enum value); a case where the parent grants and the
 *    child does not is a counter-example ("narrower"); a domain too large to enumerate is sampled and,
 *    without a counter-example, reported as "unproven" (cannot prove);
 *  - the child's monthly amount is no lower, by the same proof (identical formula, or every
 *    enumerated case where both grant), else "lower" / "unproven".
 * Enumeration is a proof under the assumption that conditions compare facts with literals and
 * parameters (==, <, >=, in, startsWith) — which is what the pack format's CEL is used for.
 */
import type { InheritanceReport } from '../catalogue/Catalogue';
import { FACT_NEUTRAL, FACT_SCHEMAS, type PersonFacts } from '../person/facts';
import type { PlainDate } from '../lib/dates';
import { compileExpression } from '../rules/cel';
import type { CompiledPack, ItemExplanation } from './engine';
import type { PackItem, PolicyPack } from './pack';

type Finding = InheritanceReport['findings'][number];

const ENUMERATION_LIMIT = 60_000; // conditions (fast path)
const AMOUNT_ENUMERATION_LIMIT = 4096; // amounts (full explain per case)
const SAMPLES = 1500;

const norm = (s: string) => s.replace(/\s+/g, ' ').replace(/^\(\s*(.*)\s*\)$/, '$1').trim();

/** Identifiers a CEL text reads: facts (bare), definitions (d.x) and parameters (p.x). */
function refsOf(text: string): { facts: Set<string>; defs: Set<string>; params: Set<string> } {
  const facts = new Set<string>();
  const defs = new Set<string>();
  const params = new Set<string>();
  const stripped = text.replace(/'[^']*'|"[^"]*"/g, ' ');
  for (const m of stripped.matchAll(/(?<![\w.])([dp])\.([a-z][a-z0-9_]*)/g)) (m[1] === 'd' ? defs : params).add(m[2]!);
  for (const m of stripped.matchAll(/(?<![\w.])([a-z][a-z0-9_]*)(?![\w(])/g)) {
    const id = m[1]!;
    if (id in FACT_NEUTRAL || id === 'age' || id === 'sex' || id === 'alive') facts.add(id);
  }
  return { facts, defs, params };
}

/** Definitions are CEL too: follow d.x references to the facts they read. */
function closure(text: string, packs: PolicyPack[]) {
  const all = refsOf(text);
  const seen = new Set<string>();
  const queue = [...all.defs];
  while (queue.length) {
    const d = queue.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    for (const p of packs) {
      const def = p.settings?.definitions?.[d];
      const tier = p.settings?.care_tiers?.find((t) => t.code === d);
      if (tier) all.facts.add('capability_grade');
      if (!def) continue;
      const r = refsOf(def.expression);
      r.facts.forEach((f) => all.facts.add(f));
      r.params.forEach((x) => all.params.add(x));
      r.defs.forEach((x) => {
        all.defs.add(x);
        queue.push(x);
      });
    }
  }
  return all;
}

function literalsOf(text: string): { numbers: number[]; strings: string[] } {
  const strings = [...text.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '');
  const numbers = [...text.replace(/'[^']*'|"[^"]*"/g, ' ').matchAll(/(?<![\w.])(\d+)(?![\w.])/g)].map((m) => Number(m[1]));
  return { numbers, strings };
}

function paramValue(pack: PolicyPack, name: string, asOf: PlainDate): number | null {
  const p = pack.parameters?.[name];
  if (!p) return null;
  const v = p.values.find((x) => x.from <= asOf && (!x.to || x.to > asOf));
  return v?.value ?? null;
}

/** The values of one fact worth trying: every enum value, literals ±1 for numbers, region literals. */
function candidates(fact: string, nums: number[], strs: string[]): unknown[] {
  if (fact === 'age') {
    const s = new Set<number>([60, 61, 79, 80, 99, 100, 101]);
    for (const n of nums) for (const d of [-1, 0, 1]) if (n + d >= 60 && n + d <= 130) s.add(n + d);
    return [...s].sort((a, b) => a - b);
  }
  if (fact === 'sex') return ['male', 'female'];
  if (fact === 'alive') return [true];
  const schema = (FACT_SCHEMAS as Record<string, { safeParse(v: unknown): { success: boolean } }>)[fact];
  const out: unknown[] = [];
  const tryAdd = (v: unknown) => {
    if (!out.some((x) => x === v) && (schema ? schema.safeParse(v).success : true)) out.push(v);
  };
  tryAdd(FACT_NEUTRAL[fact as keyof typeof FACT_NEUTRAL] ?? null);
  tryAdd(null);
  for (const b of [false, true]) tryAdd(b);
  for (const n of [0, 1, 2, 3, 4, ...nums]) tryAdd(n);
  for (const s of strs) {
    tryAdd(s);
    if (/^\d+$/.test(s) && s.length < 12) tryAdd(s.padEnd(12, '0'));
    if (/^\d+$/.test(s) && s.length <= 6) tryAdd(s.padEnd(6, '0'));
  }
  if (fact.endsWith('_region')) tryAdd('110101000000');
  // enum facts: every value
  for (const v of ['tekun', 'dibao', 'dibao_edge', 'low_income', 'none', 'physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple', 'alone', 'empty_nest', 'left_behind', 'with_family', 'institution', 'disabled_veteran', 'veteran', 'martyr_family', 'deceased_on_duty_family', 'died_of_illness_family', 'employee', 'resident']) tryAdd(v);
  if (fact === 'institution_id') tryAdd('institution-1');
  return out;
}

function baseFacts(): PersonFacts {
  return { ...(FACT_NEUTRAL as unknown as PersonFacts), birth_date: null, sex: 'female', age: 70, alive: true };
}

/** Deterministic PRNG (mulberry32) so a report is reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function exampleOf(facts: PersonFacts, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (facts as unknown as Record<string, unknown>)[k];
  return out;
}

/** Granted by the condition (exclusions are a separate question: not_with compares items of one list). */
function granted(e: ItemExplanation | undefined): boolean {
  return !!e && (e.eligible || e.excluded_by !== null) && !e.error;
}

function sameRefs(parent: PolicyPack, child: PolicyPack, refs: ReturnType<typeof closure>): boolean {
  for (const d of refs.defs) {
    if (JSON.stringify(parent.settings?.definitions?.[d]?.expression ?? null) !== JSON.stringify(child.settings?.definitions?.[d]?.expression ?? null)) return false;
    if (JSON.stringify(parent.settings?.care_tiers?.find((t) => t.code === d) ?? null) !== JSON.stringify(child.settings?.care_tiers?.find((t) => t.code === d) ?? null)) return false;
  }
  for (const p of refs.params) if (JSON.stringify(parent.parameters?.[p]?.values ?? null) !== JSON.stringify(child.parameters?.[p]?.values ?? null)) return false;
  return true;
}

function isParentOrExtra(parentCond: string, childCond: string): boolean {
  const p = norm(parentCond);
  const c = norm(childCond);
  const wrapped = [`(${p})`, p];
  return wrapped.some((w) => c.startsWith(`${w} ||`) || c.endsWith(`|| ${w}`));
}

function amountFormula(i: PackItem): string | null {
  return i.benefit.kind === 'cash' || i.benefit.kind === 'service_credit' ? i.benefit.monthly_fen : null;
}

/** A condition evaluated the way the engine binds it: facts at top level, `d.` definitions, `p.` parameters. */
function conditionOf(compiled: CompiledPack, source: string, asOf: PlainDate): (facts: PersonFacts) => { value: boolean; error: string | null } {
  const expr = compileExpression(source);
  const pack = compiled.pack as unknown as PolicyPack;
  const params: Record<string, number | null> = {};
  for (const name of Object.keys(pack.parameters ?? {})) params[name] = paramValue(pack, name, asOf);
  return (facts) => {
    if (!expr.ok) return { value: false, error: expr.error.message };
    const r = expr.value.evaluate({ ...facts, p: params, d: compiled.definitions(facts, asOf) });
    return r.ok ? { value: r.value === true, error: null } : { value: false, error: r.error.message };
  };
}

export function checkInheritance(parent: CompiledPack, child: CompiledPack, asOf: PlainDate): InheritanceReport {
  const pPack = parent.pack as unknown as PolicyPack;
  const cPack = child.pack as unknown as PolicyPack;
  const childItems = new Map(cPack.items.map((i) => [i.code, i]));
  // A parent item may be implemented by several child items together (e.g. 特困供养 split into
  // 分散 and 集中): the parent's condition must imply one of them holds.
  const replacing = new Map<string, PackItem[]>();
  for (const i of cPack.items) for (const r of i.replaces ?? []) replacing.set(r, [...(replacing.get(r) ?? []), i]);
  // The child list serves people living in its region: residence outside it is not a counter-example.
  const home = cPack.region === '000000' ? '' : cPack.region.replace(/(00)+$/, '');
  const findings: Finding[] = [];

  for (const pi of pPack.items) {
    const same = childItems.get(pi.code);
    const cis = same ? [same] : replacing.get(pi.code) ?? [];
    const base = { item_code: pi.code, item_name: pi.name };
    if (cis.length === 0) {
      findings.push({ ...base, problem: 'missing', message: `缺少上级清单事项 ${pi.code}「${pi.name}」`, parent: pi.eligibility, child: null, example: null });
      continue;
    }
    const codes = cis.map((c) => c.code).join('、');
    const childCond = cis.map((c) => (cis.length > 1 ? `(${c.eligibility})` : c.eligibility)).join(' || ');
    const pf = amountFormula(pi);
    const cfs = cis.map(amountFormula);
    if (pf && cfs.every((f) => !f)) {
      findings.push({ ...base, problem: 'lower', message: `${pi.code}「${pi.name}」上级为按月发放（${pf}），本级 ${codes} 不是按月发放，标准无法比较为不低于上级`, parent: pf, child: null, example: null });
      continue;
    }
    const cf = cfs.filter((f): f is string => !!f).join(' ; ');
    const condRefs = closure(`${pi.eligibility} ${childCond}`, [pPack, cPack]);
    const condProven = cis.length === 1 && (norm(pi.eligibility) === norm(childCond) || isParentOrExtra(pi.eligibility, childCond)) && sameRefs(pPack, cPack, condRefs);
    const amountRefs = closure(`${pf ?? ''} ${cf}`, [pPack, cPack]);
    const amountProven = !pf || (cis.length === 1 && norm(pf) === norm(cf) && sameRefs(pPack, cPack, amountRefs));
    if (condProven && amountProven) continue;

    // Enumerate (or sample) the facts both conditions and formulas read.
    const text = `${pi.eligibility} ${childCond} ${pf ?? ''} ${cf}`;
    const refs = closure(text, [pPack, cPack]);
    let defText = '';
    for (const d of refs.defs) defText += ` ${pPack.settings?.definitions?.[d]?.expression ?? ''} ${cPack.settings?.definitions?.[d]?.expression ?? ''}`;
    const lits = literalsOf(text + defText);
    for (const p of refs.params) for (const pk of [pPack, cPack]) {
      const v = paramValue(pk, p, asOf);
      if (v !== null) lits.numbers.push(v);
    }
    const keys = [...refs.facts].filter((f) => f !== 'alive').sort();
    const domains = keys.map((k) => {
      const c = candidates(k, lits.numbers, lits.strings);
      if (k !== 'residence_region' || !home) return c;
      const inside = c.filter((v) => typeof v === 'string' && v.startsWith(home));
      return inside.length ? inside : [cPack.region.padEnd(12, '0')];
    });
    const size = domains.reduce((n, d) => n * d.length, 1);
    const childCodes = new Set(cis.map((c) => c.code));
    const pCond = conditionOf(parent, pi.eligibility, asOf);
    const cConds = cis.map((c) => conditionOf(child, c.eligibility, asOf));
    let narrower: PersonFacts | null = null;
    let lower: { facts: PersonFacts; parent: number | null; child: number | null } | null = null;
    let evalError: string | null = null;
    const factsAt = (n: number, exhaustive: boolean, rnd: () => number): PersonFacts => {
      const f = baseFacts() as unknown as Record<string, unknown>;
      if (home) f.residence_region = cPack.region.padEnd(12, '0');
      let rest = n;
      keys.forEach((k, i) => {
        const d = domains[i]!;
        const idx = exhaustive ? rest % d.length : Math.floor(rnd() * d.length);
        rest = Math.floor(rest / d.length);
        f[k] = d[idx];
      });
      return f as unknown as PersonFacts;
    };
    const exhaustive = size <= ENUMERATION_LIMIT;
    if (!condProven) {
      const rnd = prng(20250601);
      for (let n = 0; n < (exhaustive ? size : SAMPLES) && !narrower; n++) {
        const facts = factsAt(n, exhaustive, rnd);
        if (!pCond(facts).value) continue;
        const cs = cConds.map((c) => c(facts));
        const e = cs.find((c) => c.error);
        if (e && !evalError) evalError = e.error;
        if (!cs.some((c) => c.value)) narrower = facts;
      }
    }
    const amountExhaustive = size <= AMOUNT_ENUMERATION_LIMIT;
    if (!amountProven) {
      const rnd = prng(20250602);
      for (let n = 0; n < (amountExhaustive ? size : SAMPLES) && !lower; n++) {
        const facts = factsAt(n, amountExhaustive, rnd);
        const pe = parent.explain(facts, asOf).find((e) => e.code === pi.code);
        if (!granted(pe)) continue;
        const grantedChild = child.explain(facts, asOf).filter((e) => childCodes.has(e.code) && granted(e));
        if (grantedChild.length === 0) continue;
        const pa = pe!.monthly_cash_fen;
        const amounts = grantedChild.map((e) => e.monthly_cash_fen).filter((x): x is number => x !== null);
        const ca = amounts.length ? Math.max(...amounts) : null;
        if (pa !== null && (ca === null || ca < pa)) lower = { facts, parent: pa, child: ca };
      }
    }
    const how = (all: boolean) => (all ? `穷举 ${size} 种情形` : `抽样 ${SAMPLES} 种情形（共约 ${size} 种，无法穷举）`);
    if (narrower) {
      findings.push({ ...base, problem: 'narrower', message: `${pi.code}「${pi.name}」享受条件比上级窄：上级条件成立而本级 ${codes} 不成立的例子见 example`, parent: pi.eligibility, child: childCond, example: exampleOf(narrower, keys) });
    } else if (!condProven && !exhaustive) {
      findings.push({ ...base, problem: 'unproven', message: `${pi.code}「${pi.name}」无法证明本级 ${codes} 条件不窄于上级（${how(exhaustive)}未发现反例）${evalError ? `；本级条件求值出错：${evalError}` : ''}`, parent: pi.eligibility, child: childCond, example: null });
    }
    if (lower) {
      findings.push({ ...base, problem: 'lower', message: `${pi.code}「${pi.name}」标准低于上级：上级 ${lower.parent} 分/月，本级 ${lower.child ?? '未设定'}${lower.child === null ? '' : ' 分/月'}`, parent: pf, child: cf, example: exampleOf(lower.facts, keys) });
    } else if (!amountProven && !amountExhaustive) {
      findings.push({ ...base, problem: 'unproven', message: `${pi.code}「${pi.name}」无法证明本级 ${codes} 标准不低于上级（${how(amountExhaustive)}未发现反例）`, parent: pf, child: cf, example: null });
    }
  }
  return { ok: findings.length === 0, parent_pack: pPack.code, checked_items: pPack.items.length, findings };
}
