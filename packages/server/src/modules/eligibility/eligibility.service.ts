/**
 * Eligibility (资格测算) and "services find people" (服务找人): the public evaluate contract
 * (issue 5 item 4), a stored person's entitlements with explanations, population runs producing
 * the work lists 应享未享 / 不应享而享 routed to the street of residence (item 5), and policy
 * simulation of a draft catalogue version (item 6).
 * 000 三(一)3 (确保应享尽享); 004 二(二)5 (主动发现、精准服务); 002 二(一)2.
 */
import {
  celRefs,
  parseCel,
  FACT_NAMES,
  FACT_SCHEMAS,
  forbidden,
  invalid,
  isDomainError,
  isInRegion,
  isPlainDate,
  parseIdNumber,
  personFactsOn,
  regionLevel,
  type CompiledPack,
  type Entitlement,
  type EvaluateRequest,
  type ItemExplanation,
  type ItemExplanationOut,
  type PersonFacts,
  type PlainDate,
  type RunRecord,
  type SimulationResult,
  type WorklistEntry,
} from '@yiyang/core';
import type { z } from 'zod';
import type { UpdateWorklistEntry, WorklistQuery } from '@yiyang/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { assertRecordInScope, canAccessRegion, effectiveRegion, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import type { CatalogueService } from '../catalogue';
import type { RegionService } from '../regions';
import type { PersonRef, RegistryService } from '../registry';
import { createEligibilityRepository, type NewWorklistRow, type RunRow, type WorklistRow } from './eligibility.repository';
import type { WorklistKind } from './eligibility.tables';
import type { EnrolmentSource } from './enrolment-source';

const ALLOWED_INPUT_FACTS = new Set<string>([...FACT_NAMES, 'alive']);

/** Work lists are routed to the street (乡镇/街道) of residence: the 9-digit prefix of the region. */
export function streetOf(regionCode: string): string {
  return regionCode.length >= 9 ? regionCode.slice(0, 9) : regionCode;
}

/** Items compared with enrolments: those paid monthly (cash → payroll, service_credit → account). */
function programmeCodes(c: CompiledPack): Map<string, string> {
  return new Map(c.pack.items.filter((i) => i.benefit.kind === 'cash' || i.benefit.kind === 'service_credit').map((i) => [i.code, i.name]));
}

/** What each item's condition reads (facts, definitions, parameters), per compiled pack. */
const readsCache = new WeakMap<CompiledPack, Map<string, { idents: string[]; defs: string[]; params: string[] }>>();
/** The facts an item's condition reads, directly or through the definitions it uses (transitively). */
function readsOf(pack: CompiledPack, code: string) {
  let m = readsCache.get(pack);
  if (!m) readsCache.set(pack, (m = new Map()));
  let r = m.get(code);
  if (!r) {
    const item = pack.pack.items.find((i) => i.code === code);
    const idents = new Set<string>();
    const defs = new Set<string>();
    const params = new Set<string>();
    const visit = (source: string) => {
      const parsed = parseCel(source);
      if (!parsed.ok) return;
      const refs = celRefs(parsed.expr);
      refs.idents.forEach((x) => idents.add(x));
      refs.params.forEach((x) => params.add(x));
      for (const d of refs.defs) {
        if (defs.has(d)) continue;
        defs.add(d);
        const def = pack.pack.settings.definitions[d];
        if (def) visit(def.expression);
        else if (pack.pack.settings.care_tiers.some((t) => t.code === d)) idents.add('capability_grade');
      }
    };
    if (item) visit(item.eligibility);
    r = { idents: [...idents], defs: [...defs], params: [...params] };
    m.set(code, r);
  }
  return r;
}

const programmeCache = new WeakMap<CompiledPack, Map<string, string>>();
function programmesOf(c: CompiledPack): Map<string, string> {
  let m = programmeCache.get(c);
  if (!m) programmeCache.set(c, (m = programmeCodes(c)));
  return m;
}

/**
 * The explanation stored with a work-list entry: the item's condition with the values of what it
 * reads (facts, definitions), the amount and the clause — the same content as `explain` for that
 * item, computed without evaluating every other item (population runs write many entries).
 */
export function explainItem(pack: CompiledPack, code: string, facts: PersonFacts, asOf: PlainDate, eligible: boolean, monthlyCashFen: number | null): Record<string, unknown> {
  const item = pack.pack.items.find((i) => i.code === code);
  if (!item) return { as_of: asOf, code, eligible: false, note: '现行清单中没有此项目' };
  const reads = readsOf(pack, code);
  const values: Record<string, unknown> = {};
  for (const k of reads.idents) if (k !== 'birth_date') values[k] = (facts as unknown as Record<string, unknown>)[k] ?? null;
  // Definitions (d.*) are named with the facts they read, not evaluated again here (the person's
  // page shows the full explanation with their values).
  if (reads.params.length) {
    const status = new Map(pack.parameterStatus(asOf).map((p) => [p.name, p.value]));
    for (const k of reads.params) values[`p.${k}`] = status.get(k) ?? null;
  }
  return {
    as_of: asOf,
    code,
    name: item.name,
    eligible,
    condition: item.eligibility,
    definitions: reads.defs,
    facts: values,
    citation: item.citation,
    benefit_kind: item.benefit.kind,
    monthly_cash_fen: monthlyCashFen,
  };
}

function explanationOut(e: ItemExplanation): ItemExplanationOut {
  return {
    code: e.code,
    name: e.name,
    eligible: e.eligible,
    condition: e.condition,
    // The birth date is personal data (masked without pii:reveal); the age the rules read is kept.
    facts: Object.fromEntries(Object.entries(e.facts).filter(([k]) => k !== 'birth_date')),
    excluded_by: e.excluded_by,
    error: e.error,
    citation: e.citation,
    benefit_kind: e.benefit_kind,
    monthly_cash_fen: e.monthly_cash_fen,
    blocked_parameters: [...e.blocked_parameters],
  };
}

export interface PopulationRunOptions {
  asOf?: PlainDate;
  trigger?: string;
  pageSize?: number;
  /** Progress callback (persons done). */
  progress?: (done: number) => void;
}

export function createEligibilityService(deps: { db: Db; audit: AuditService; registry: RegistryService; catalogue: CatalogueService; regions: RegionService; clock: Clock; enrolments: EnrolmentSource }) {
  const { db, audit, registry, catalogue, regions, clock } = deps;
  const repo = createEligibilityRepository(db);

  /** Pack per county (a city run spans counties with different lists); null when none is published. */
  function packCache(asOf: PlainDate) {
    const cache = new Map<string, Promise<CompiledPack | null>>();
    return (region: string): Promise<CompiledPack | null> => {
      const county = region.slice(0, 6);
      let p = cache.get(county);
      if (!p) {
        p = catalogue.compiledFor(county, asOf).catch((e: unknown) => {
          if (isDomainError(e) && e.code === 'CATALOGUE_NOT_FOUND') return null;
          throw e;
        });
        cache.set(county, p);
      }
      return p;
    };
  }

  function toInputFacts(p: Record<string, unknown>, index: number): Partial<PersonFacts> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p)) {
      if (k === 'id_number') continue;
      if (!ALLOWED_INPUT_FACTS.has(k)) throw invalid('UNKNOWN_FACT', `第${index + 1}人：不认识的事实“${k}”（可用：${[...ALLOWED_INPUT_FACTS].join('、')}）`, [{ path: `persons.${index}.${k}`, message: '不认识的事实' }]);
      if (k === 'alive') {
        if (typeof v !== 'boolean') throw invalid('INVALID_FACT', `第${index + 1}人：alive 应为 true 或 false`, [{ path: `persons.${index}.alive`, message: '应为布尔值' }]);
        out[k] = v;
        continue;
      }
      const schema = FACT_SCHEMAS[k as keyof typeof FACT_SCHEMAS];
      const r = schema.safeParse(v);
      if (!r.success) throw invalid('INVALID_FACT', `第${index + 1}人：事实“${k}”的值不正确：${r.error.issues[0]?.message ?? ''}`, [{ path: `persons.${index}.${k}`, message: r.error.issues[0]?.message ?? '值不正确' }]);
      out[k] = r.data;
    }
    return out as Partial<PersonFacts>;
  }

  // ---- work-list comparison --------------------------------------------------------------------

  interface Person {
    ref: PersonRef & { tags?: string[] };
    facts: PersonFacts;
  }

  interface Counters {
    persons: number;
    entitlements: number;
    opened: number;
    closed: number;
    unchanged: number;
    skipped: number;
  }

  /**
   * Compare entitlements with enrolments for a batch of persons and write only the changes:
   * new discrepancies are inserted (with the explanation), live rows that no longer apply are
   * closed, the rest are left alone.
   */
  async function syncBatch(people: Person[], enrolled: Map<string, Set<string>>, packFor: (region: string) => Promise<CompiledPack | null>, asOf: PlainDate, runId: string | null, versionIdFor: (region: string) => Promise<string | null>, c: Counters): Promise<void> {
    const wanted = new Map<string, { p: Person; kind: WorklistKind; code: string; name: string; cash: number | null; pack: CompiledPack }>();
    const byCounty = new Map<string, string[]>();
    for (const p of people) {
      const pack = await packFor(p.ref.region_code);
      if (!pack) {
        c.skipped++;
        continue;
      }
      c.persons++;
      const programmes = programmesOf(pack);
      const ents = pack.entitle(p.facts, asOf);
      c.entitlements += ents.length;
      const entitled = new Map<string, Entitlement>();
      for (const e of ents) if (programmes.has(e.code)) entitled.set(e.code, e);
      const receiving = enrolled.get(p.ref.id) ?? new Set<string>();
      for (const [code, e] of entitled) {
        if (!receiving.has(code)) wanted.set(`${p.ref.id}|${code}|entitled_not_receiving`, { p, kind: 'entitled_not_receiving', code, name: e.name, cash: e.monthly_cash_fen, pack });
      }
      for (const code of receiving) {
        if (!entitled.has(code)) wanted.set(`${p.ref.id}|${code}|receiving_not_entitled`, { p, kind: 'receiving_not_entitled', code, name: programmes.get(code) ?? pack.pack.items.find((i) => i.code === code)?.name ?? code, cash: null, pack });
      }
      const list = byCounty.get(p.ref.county_code) ?? [];
      list.push(p.ref.id);
      byCounty.set(p.ref.county_code, list);
    }
    const toClose: string[] = [];
    const live = new Set<string>();
    for (const [county, ids] of byCounty) {
      // Pages of the bulk reader are id-ordered within a county: one range query; single persons: by id.
      let first = ids[0]!;
      let last = ids[0]!;
      for (const id of ids) {
        if (id < first) first = id;
        if (id > last) last = id;
      }
      const inPage = new Set(ids);
      const rows = ids.length > 50 ? await repo.liveInRange(county, first, last) : await repo.liveFor(county, ids);
      for (const r of rows) {
        if (!inPage.has(r.person_id)) continue;
        const key = `${r.person_id}|${r.item_code}|${r.kind}`;
        if (wanted.has(key)) live.add(key);
        else toClose.push(r.id);
      }
    }
    const toOpen: NewWorklistRow[] = [];
    for (const [key, w] of wanted) {
      if (live.has(key)) {
        c.unchanged++;
        continue;
      }
      toOpen.push({
        county_code: w.p.ref.county_code,
        person_id: w.p.ref.id,
        region_code: w.p.ref.region_code,
        street_code: streetOf(w.p.ref.region_code),
        kind: w.kind,
        item_code: w.code,
        item_name: w.name,
        monthly_cash_fen: w.cash,
        explanation: explainItem(w.pack, w.code, w.p.facts, asOf, w.kind === 'entitled_not_receiving', w.cash),
      });
    }
    if (toOpen.length || toClose.length) {
      await db.transaction().execute(async (trx) => {
        // One version id per county of the batch (rows carry the version that found them).
        const byVersion = new Map<string | null, NewWorklistRow[]>();
        for (const r of toOpen) {
          const v = await versionIdFor(r.region_code);
          byVersion.set(v, [...(byVersion.get(v) ?? []), r]);
        }
        for (const [v, rows] of byVersion) await repo.insertMany(rows, v, runId, trx);
        await repo.closeMany(toClose, clock.now(), trx);
      });
    }
    c.opened += toOpen.length;
    c.closed += toClose.length;
  }

  async function enrolmentMap(region: string, personIds?: string[]): Promise<Map<string, Set<string>>> {
    const rows = await deps.enrolments.currentEnrolments(region, personIds ? { personIds } : undefined);
    const m = new Map<string, Set<string>>();
    for (const r of rows) {
      let s = m.get(r.person_id);
      if (!s) m.set(r.person_id, (s = new Set()));
      s.add(r.item_code);
    }
    return m;
  }

  function versionCache(asOf: PlainDate) {
    const cache = new Map<string, Promise<string | null>>();
    return (region: string) => {
      const county = region.slice(0, 6);
      let p = cache.get(county);
      if (!p) {
        p = catalogue.versionFor(county, asOf).then((v) => v?.id ?? null);
        cache.set(county, p);
      }
      return p;
    };
  }

  function runOut(r: RunRow): RunRecord {
    return {
      id: r.id,
      region_code: r.region_code,
      kind: r.kind,
      trigger: r.trigger,
      as_of: r.as_of,
      status: r.status,
      persons: r.persons,
      entitlements: r.entitlements,
      opened: r.opened,
      closed: r.closed,
      unchanged: r.unchanged,
      result: (r.result ?? {}) as Record<string, unknown>,
      error: r.error,
      started_by: r.started_by,
      started_at: r.started_at.toISOString(),
      finished_at: r.finished_at ? r.finished_at.toISOString() : null,
    };
  }

  /** Population run without a scope check (jobs, publish, demo, benchmark). */
  async function runPopulationAs(actor: Actor, region: string, opts: PopulationRunOptions = {}): Promise<RunRecord> {
    const asOf = opts.asOf ?? clock.today();
    const runRegion = region.slice(0, 6);
    const version = await catalogue.versionFor(runRegion, asOf); // undefined: no list in force
    const run = await repo.startRun({ region_code: runRegion, kind: 'population', trigger: opts.trigger ?? 'manual', catalogue_version_id: version?.id ?? null, as_of: asOf, started_by: actor.username });
    const c: Counters = { persons: 0, entitlements: 0, opened: 0, closed: 0, unchanged: 0, skipped: 0 };
    const t0 = performance.now();
    const timings = { load_ms: 0, evaluate_write_ms: 0 };
    try {
      const enrolled = await enrolmentMap(region);
      const packFor = packCache(asOf);
      const versionIdFor = versionCache(asOf);
      const pages = registry.factsAsOfPages(region, asOf, { pageSize: opts.pageSize ?? 10_000 });
      let done = 0;
      for (;;) {
        const l0 = performance.now();
        const next = await pages.next();
        timings.load_ms += performance.now() - l0;
        if (next.done) break;
        const e0 = performance.now();
        await syncBatch(next.value, enrolled, packFor, asOf, run.id, versionIdFor, c);
        timings.evaluate_write_ms += performance.now() - e0;
        done += next.value.length;
        opts.progress?.(done);
      }
      const { skipped: _s, ...counts } = c;
      const finished = await repo.finishRun(run.id, { status: 'done', ...counts, result: { skipped: c.skipped, total_ms: Math.round(performance.now() - t0), load_ms: Math.round(timings.load_ms), evaluate_write_ms: Math.round(timings.evaluate_write_ms) }, error: null, finished_at: clock.now() });
      await audit.record(db, actor, { action: 'eligibility.population_run', entityType: 'eligibility_run', entityId: run.id, regionCode: runRegion, details: { ...c, as_of: asOf, trigger: opts.trigger ?? 'manual' } });
      return runOut(finished);
    } catch (e) {
      const { skipped: _s, ...counts } = c;
      await repo.finishRun(run.id, { status: 'failed', ...counts, result: {}, error: e instanceof Error ? e.message : String(e), finished_at: clock.now() });
      throw e;
    }
  }

  function worklistOut(r: WorklistRow, personName: string | null, streetName: string | null): WorklistEntry {
    return {
      id: r.id,
      person_id: r.person_id,
      person_name: personName,
      region_code: r.region_code,
      street_code: r.street_code,
      street_name: streetName,
      kind: r.kind,
      item_code: r.item_code,
      item_name: r.item_name,
      monthly_cash_fen: r.monthly_cash_fen === null ? null : Number(r.monthly_cash_fen),
      status: r.status,
      explanation: (r.explanation ?? {}) as Record<string, unknown>,
      found_at: r.found_at.toISOString(),
      resolution: r.resolution,
      note: r.note,
      handled_by: r.handled_by,
      handled_at: r.handled_at ? r.handled_at.toISOString() : null,
      version: r.version,
    };
  }

  async function worklistEntries(rows: WorklistRow[]): Promise<WorklistEntry[]> {
    const refs = await Promise.all([...new Set(rows.map((r) => r.person_id))].map((id) => registry.findRef(id)));
    const names = new Map(refs.filter((r): r is PersonRef => !!r).map((r) => [r.id, r.name]));
    const streets = await regions.namesOf([...new Set(rows.map((r) => r.street_code))]);
    return rows.map((r) => worklistOut(r, names.get(r.person_id) ?? null, streets.get(r.street_code) ?? null));
  }

  return {
    /** POST /eligibility/evaluate: facts supplied per person, neutral values for the rest. */
    async evaluate(actor: Actor, req: EvaluateRequest) {
      requirePermission(actor, 'catalogue:read');
      if (!canAccessRegion(actor, req.region) && !isInRegion(actor.regionCode, req.region)) throw forbidden('SCOPE_FORBIDDEN', '该区划不在您的数据权限范围内');
      const pack = await catalogue.compiledFor(req.region, req.as_of);
      return {
        results: req.persons.map((p, i) => {
          const idNumber = p.id_number.toUpperCase();
          const parsed = parseIdNumber(idNumber, clock.today());
          if (!parsed.ok) throw invalid('INVALID_ID_NUMBER', `第${i + 1}人：身份证号无效（${parsed.error.message}）`, [{ path: `persons.${i}.id_number`, message: parsed.error.message }]);
          const facts = personFactsOn({ ...toInputFacts(p as Record<string, unknown>, i), id_number: idNumber }, req.as_of);
          const items = pack.entitle(facts, req.as_of).map((e) => ({ code: e.code, name: e.name, monthly_cash_fen: e.monthly_cash_fen }));
          return {
            id_number: p.id_number,
            items,
            ...(req.explain ? { age: facts.age, explanation: pack.explain(facts, req.as_of).map(explanationOut) } : {}),
          };
        }),
      };
    },

    /** A stored person's entitlements on a date, read from the registry, with explanations. */
    async personEntitlements(actor: Actor, personId: string, asOf?: PlainDate) {
      requirePermission(actor, 'persons:read');
      const ref = await registry.getRef(actor, personId);
      const date = asOf ?? clock.today();
      if (!isPlainDate(date)) throw invalid('INVALID_DATE', '日期格式应为YYYY-MM-DD');
      const pack = await catalogue.compiledFor(ref.region_code, date);
      const version = await catalogue.versionFor(ref.region_code, date);
      const facts = await registry.factsAsOf(ref, date);
      const ents = pack.entitle(facts, date);
      return {
        person_id: ref.id,
        region_code: ref.region_code,
        as_of: date,
        pack_code: pack.pack.code,
        catalogue_version_no: version?.version_no ?? 0,
        items: ents.map((e) => ({ code: e.code, name: e.name, monthly_cash_fen: e.monthly_cash_fen, blocked_parameters: [...e.blocked_parameters] })),
        explanation: pack.explain(facts, date).map(explanationOut),
      };
    },

    async runPopulation(actor: Actor, region: string, opts: PopulationRunOptions = {}): Promise<RunRecord> {
      requirePermission(actor, 'eligibility:run');
      const r = effectiveRegion(actor, region);
      if (regionLevel(r) !== 'county' && regionLevel(r) !== 'city' && regionLevel(r) !== 'province' && regionLevel(r) !== 'country') throw invalid('RUN_REGION', '服务找人按县（市、区）或以上区划运行');
      return runPopulationAs(actor, r, opts);
    },
    runPopulationAs,

    /** Re-run for one person (registry `person.changed`): only their work-list rows change. */
    async rerunPerson(personId: string, asOf?: PlainDate): Promise<{ opened: number; closed: number; unchanged: number }> {
      const ref = await registry.findRef(personId);
      if (!ref) return { opened: 0, closed: 0, unchanged: 0 };
      const date = asOf ?? clock.today();
      const facts = await registry.factsAsOf(ref, date);
      const c: Counters = { persons: 0, entitlements: 0, opened: 0, closed: 0, unchanged: 0, skipped: 0 };
      const enrolled = await enrolmentMap(ref.region_code, [ref.id]);
      await syncBatch([{ ref, facts }], enrolled, packCache(date), date, null, versionCache(date), c);
      return { opened: c.opened, closed: c.closed, unchanged: c.unchanged };
    },

    async runs(actor: Actor, region?: string): Promise<{ items: RunRecord[]; total: number }> {
      requirePermission(actor, 'worklists:read');
      const r = effectiveRegion(actor, region);
      const rows = await repo.runs(r.slice(0, 6) === '000000' ? '000000' : r.slice(0, 6), 50);
      return { items: rows.map(runOut), total: rows.length };
    },

    async listWorklist(actor: Actor, q: z.infer<typeof WorklistQuery>): Promise<{ items: WorklistEntry[]; total: number }> {
      requirePermission(actor, 'worklists:read');
      const region = effectiveRegion(actor, q.region);
      const { rows, total } = await repo.list({ region, kind: q.kind, status: q.status, itemCode: q.item_code, limit: q.page_size, offset: (q.page - 1) * q.page_size });
      return { items: await worklistEntries(rows), total };
    },

    async getWorklistEntry(actor: Actor, id: string): Promise<WorklistEntry> {
      requirePermission(actor, 'worklists:read');
      const row = await repo.find(id);
      assertRecordInScope(actor, row?.street_code ?? null, '工作清单条目');
      return (await worklistEntries([row!]))[0]!;
    },

    async updateWorklistEntry(actor: Actor, id: string, input: z.infer<typeof UpdateWorklistEntry>): Promise<WorklistEntry> {
      requirePermission(actor, 'worklists:write');
      const row = await db.transaction().execute(async (trx) => {
        const row = await repo.find(id, trx);
        assertRecordInScope(actor, row?.street_code ?? null, '工作清单条目');
        if (row!.status === 'resolved' || row!.status === 'dismissed') throw invalid('WORKLIST_CLOSED', '该条目已办结，不能再修改');
        if ((input.status === 'dismissed' || input.status === 'resolved') && !input.note?.trim()) throw invalid('WORKLIST_NOTE_REQUIRED', '办结或不予处理时请填写说明');
        const updated = await repo.updateStatus(id, { status: input.status, note: input.note ?? row!.note, handled_by: actor.username, handled_at: clock.now() }, input.version, trx);
        if (!updated) throw invalid('VERSION_CONFLICT', '该条目已被他人修改，请刷新后重试');
        await audit.record(trx, actor, { action: 'worklists.update', entityType: 'eligibility_worklist', entityId: id, regionCode: row!.street_code, before: { status: row!.status }, after: { status: input.status, note: input.note ?? null } });
        return updated;
      });
      return (await worklistEntries([row]))[0]!;
    },

    /**
     * Simulation of a draft (or any) version against the registry population before approval:
     * who gains / loses each item and the monthly cost change by region (issue 5 item 6).
     */
    async simulate(actor: Actor, input: { version_id: string; region?: string | undefined; as_of?: string | undefined }): Promise<SimulationResult> {
      requirePermission(actor, 'eligibility:run');
      const asOf = input.as_of ?? clock.today();
      const { row, compiled, baseline, baselineId } = await catalogue.compileVersion(actor, input.version_id, asOf);
      const region = effectiveRegion(actor, input.region ?? (row.region_code === '000000' ? actor.regionCode : row.region_code));
      const run = await repo.startRun({ region_code: region.slice(0, 6), kind: 'simulation', trigger: 'manual', catalogue_version_id: row.id, as_of: asOf, started_by: actor.username });
      const level = regionLevel(region);
      const groupOf = (code: string) => (level === 'county' || level === 'township' || level === 'village' ? streetOf(code) : code.slice(0, 6));
      const items = new Map<string, { code: string; name: string; gains: number; losses: number; before_persons: number; after_persons: number; before_monthly_fen: number; after_monthly_fen: number }>();
      const groups = new Map<string, { persons: number; before: number; after: number }>();
      const examples: SimulationResult['examples'] = [];
      const item = (code: string, name: string) => {
        let it = items.get(code);
        if (!it) items.set(code, (it = { code, name, gains: 0, losses: 0, before_persons: 0, after_persons: 0, before_monthly_fen: 0, after_monthly_fen: 0 }));
        return it;
      };
      for (const i of compiled.pack.items) item(i.code, i.name);
      let persons = 0;
      for await (const page of registry.factsAsOfPages(region, asOf)) {
        for (const p of page) {
          persons++;
          const before = new Map((baseline?.entitle(p.facts, asOf) ?? []).map((e) => [e.code, e]));
          const after = new Map(compiled.entitle(p.facts, asOf).map((e) => [e.code, e]));
          const g = groups.get(groupOf(p.ref.region_code)) ?? { persons: 0, before: 0, after: 0 };
          g.persons++;
          for (const [code, e] of before) {
            const it = item(code, e.name);
            it.before_persons++;
            it.before_monthly_fen += e.monthly_cash_fen ?? 0;
            g.before += e.monthly_cash_fen ?? 0;
            if (!after.has(code)) {
              it.losses++;
              if (examples.length < 50) examples.push({ person_id: p.ref.id, name: p.ref.name, item_code: code, change: 'loss' });
            }
          }
          for (const [code, e] of after) {
            const it = item(code, e.name);
            it.after_persons++;
            it.after_monthly_fen += e.monthly_cash_fen ?? 0;
            g.after += e.monthly_cash_fen ?? 0;
            if (!before.has(code)) {
              it.gains++;
              if (examples.length < 50) examples.push({ person_id: p.ref.id, name: p.ref.name, item_code: code, change: 'gain' });
            }
          }
          groups.set(groupOf(p.ref.region_code), g);
        }
      }
      const names = await regions.namesOf([...groups.keys()]);
      const itemList = [...items.values()].map((i) => ({ ...i, cost_change_fen: i.after_monthly_fen - i.before_monthly_fen }));
      const regionList = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, g]) => ({ region_code: code, region_name: names.get(code) ?? null, persons: g.persons, before_monthly_fen: g.before, after_monthly_fen: g.after, cost_change_fen: g.after - g.before }));
      const before = regionList.reduce((s, r) => s + r.before_monthly_fen, 0);
      const after = regionList.reduce((s, r) => s + r.after_monthly_fen, 0);
      const result: SimulationResult = { run_id: run.id, version_id: row.id, baseline_version_id: baselineId, region_code: region, as_of: asOf, persons, items: itemList, regions: regionList, before_monthly_fen: before, after_monthly_fen: after, cost_change_fen: after - before, examples };
      await repo.finishRun(run.id, { status: 'done', persons, entitlements: 0, opened: 0, closed: 0, unchanged: 0, result: { cost_change_fen: after - before, before_monthly_fen: before, after_monthly_fen: after }, error: null, finished_at: clock.now() });
      await audit.record(db, actor, { action: 'eligibility.simulate', entityType: 'catalogue_version', entityId: row.id, regionCode: region, details: { persons, cost_change_fen: after - before } });
      return result;
    },
  };
}

export type EligibilityService = ReturnType<typeof createEligibilityService>;
