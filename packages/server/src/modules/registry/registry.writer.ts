/**
 * The registry's write path for facts, current-value columns, tags and domain events — set-based,
 * so a staff entry (one fact) and a department import (ten thousand rows per chunk) go through the
 * same code: plan with core `planFactChange` (bitemporal timeline + source precedence), write with
 * a few statements per batch, bring the person rows up to date, publish `person.changed` /
 * `person.moved` (docs/developing-a-module.md).
 */
import {
  ageOn,
  canonicalValue,
  countyOf,
  FACT_NEUTRAL,
  FACT_SCHEMAS,
  invalid,
  planFactChange,
  precedenceSourceOf,
  type FactName,
  type HardshipClassifier,
  type LiveFact,
  type PersonFacts,
} from '@yiyang/core';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { EventBus } from '../../jobs/events';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { PersonKey } from './registry.repository';

export type FactSourceType = 'import' | 'user' | 'assessment' | 'event' | 'system';

export interface FactWrite {
  key: PersonKey;
  fact: FactName;
  value: unknown;
  validFrom: string;
  sourceType: FactSourceType;
  sourceDepartment?: string | null;
  sourceRef?: string | null;
}

export interface FactWriteResult {
  /** Persons with at least one fact written. */
  changed: Set<string>;
  /** Writes that changed nothing (value already in force). */
  same: number;
  /** Disagreements listed for staff. */
  conflicts: number;
  /** Per write, in input order: what happened. */
  outcomes: Array<'same' | 'kept' | 'applied'>;
}

/** Facts copied onto the person row (as of today) for filtering and lists. */
export const CURRENT_COLUMNS = {
  economic_status: 'economic_status',
  capability_grade: 'capability_grade',
  disability_category: 'disability_category',
  disability_level: 'disability_level',
  living_arrangement: 'living_arrangement',
  hukou_region: 'hukou_region_code',
  residence_region: 'region_code',
} as const satisfies Partial<Record<FactName, string>>;

interface PersonState {
  county_code: string;
  id: string;
  region_code: string;
  hukou_region_code: string | null;
  birth_date: string | null;
  sex: 'male' | 'female' | null;
  death_date: string | null;
  alive: boolean;
  status: string;
  economic_status: string;
  capability_grade: number | null;
  disability_category: string | null;
  disability_level: number | null;
  living_arrangement: string;
  tags: string[];
}

const STATE_COLUMNS = sql.raw(
  'county_code, id, region_code, hukou_region_code, birth_date, sex, death_date, alive, status, economic_status, capability_grade, disability_category, disability_level, living_arrangement, tags',
);

/** A person's facts on a date from recorded rows (or neutral values) and the row's identity. */
export function personFactsFrom(rows: Array<{ fact: string; value: unknown }>, p: { birth_date: string | null; sex: PersonFacts['sex']; death_date: string | null }, date: string): PersonFacts {
  const facts: Record<string, unknown> = { ...FACT_NEUTRAL };
  for (const f of rows) facts[f.fact] = f.value;
  return {
    ...(facts as Omit<PersonFacts, 'birth_date' | 'sex' | 'age' | 'alive'>),
    birth_date: p.birth_date,
    sex: p.sex,
    age: p.birth_date && p.birth_date <= date ? ageOn(p.birth_date, date) : null,
    alive: p.death_date === null || p.death_date > date,
  };
}

export function createPersonWriter(deps: { clock: Clock; events: EventBus; classifierFor: (regionCode: string) => HardshipClassifier; prepare: (ex: Executor) => Promise<void> }) {
  const { clock, events, classifierFor, prepare } = deps;

  /** Live (not superseded) fact rows of these persons, by person id and fact. */
  async function loadLive(ex: Executor, keys: PersonKey[], facts: FactName[]): Promise<Map<string, LiveFact[]>> {
    const out = new Map<string, LiveFact[]>();
    if (keys.length === 0) return out;
    const r = await sql<LiveFact & { person_id: string; fact: string }>`
      select f.person_id, f.fact, f.id, f.value, f.valid_from, f.valid_to, f.source_type, f.source_department, f.source_ref
      from unnest(${keys.map((k) => k.county_code)}::text[], ${keys.map((k) => k.id)}::uuid[]) as k(county_code, person_id)
      join person_facts f on f.county_code = k.county_code and f.person_id = k.person_id
      where f.superseded_at is null and f.fact = any(${facts}::text[])
      order by f.person_id, f.fact, f.valid_from
      for update of f`.execute(ex);
    for (const row of r.rows) {
      const k = `${row.person_id}|${row.fact}`;
      const list = out.get(k) ?? [];
      list.push(row);
      out.set(k, list);
    }
    return out;
  }

  /**
   * Write facts for many persons. `fresh` lists persons created in this transaction (no facts
   * yet: skips the read). Values are validated against the fact vocabulary.
   */
  async function writeFacts(ex: Executor, actor: Actor, writes: FactWrite[], opts: { fresh?: Set<string>; batchId?: string | null } = {}): Promise<FactWriteResult> {
    const result: FactWriteResult = { changed: new Set(), same: 0, conflicts: 0, outcomes: [] };
    if (writes.length === 0) return result;
    for (const w of writes) {
      const parsed = FACT_SCHEMAS[w.fact].safeParse(w.value);
      if (!parsed.success) throw invalid('FACT_VALUE_INVALID', `“${w.fact}”的取值不正确：${parsed.error.issues[0]?.message ?? ''}`);
      w.value = parsed.data;
    }
    const fresh = opts.fresh ?? new Set<string>();
    const existingKeys = new Map<string, PersonKey>();
    for (const w of writes) if (!fresh.has(w.key.id)) existingKeys.set(w.key.id, w.key);
    const live = await loadLive(ex, [...existingKeys.values()], [...new Set(writes.map((w) => w.fact))]);
    const now = clock.now();
    const supersede: Array<{ county: string; person: string; id: number }> = [];
    const inserts: Array<{ county: string; person: string; fact: string; value: string; from: string; to: string | null; st: string; sd: string | null; sr: string | null }> = [];
    const conflicts: Array<{ county: string; person: string; fact: string; inc: string; incSrc: string; incFrom: string; cur: string; curSrc: string; outcome: string }> = [];
    let tempId = -1;
    for (const w of writes) {
      const k = `${w.key.id}|${w.fact}`;
      const rows = live.get(k) ?? [];
      const plan = planFactChange(rows, {
        fact: w.fact,
        value: w.value,
        validFrom: w.validFrom,
        sourceType: w.sourceType,
        sourceDepartment: w.sourceDepartment ?? null,
        sourceRef: w.sourceRef ?? null,
      });
      const incSrc = precedenceSourceOf(w.sourceType, w.sourceDepartment ?? null);
      if (plan.kind === 'same') {
        result.same++;
        result.outcomes.push('same');
        continue;
      }
      if (plan.kind === 'kept') {
        result.conflicts++;
        result.outcomes.push('kept');
        conflicts.push({
          county: w.key.county_code, person: w.key.id, fact: w.fact, inc: canonicalValue(w.value), incSrc, incFrom: w.validFrom,
          cur: canonicalValue(plan.current.value), curSrc: precedenceSourceOf(plan.current.source_type, plan.current.source_department), outcome: 'kept',
        });
        continue;
      }
      result.outcomes.push('applied');
      result.changed.add(w.key.id);
      if (plan.overridden && w.sourceType === 'import') {
        result.conflicts++;
        conflicts.push({
          county: w.key.county_code, person: w.key.id, fact: w.fact, inc: canonicalValue(w.value), incSrc, incFrom: w.validFrom,
          cur: canonicalValue(plan.overridden.value), curSrc: precedenceSourceOf(plan.overridden.source_type, plan.overridden.source_department), outcome: 'applied',
        });
      }
      for (const id of plan.supersede) {
        if (id > 0) supersede.push({ county: w.key.county_code, person: w.key.id, id });
        else {
          // Superseding a row planned earlier in this batch: drop it instead of writing it.
          const i = inserts.findIndex((x) => (x as { tmp?: number }).tmp === id);
          if (i >= 0) inserts.splice(i, 1);
        }
      }
      // Keep the in-memory timeline current so later writes in the batch chain correctly.
      const remaining = rows.filter((r) => !plan.supersede.includes(r.id));
      for (const ins of plan.inserts) {
        const tmp = tempId--;
        remaining.push({ id: tmp, ...ins });
        inserts.push(Object.assign(
          { county: w.key.county_code, person: w.key.id, fact: w.fact, value: JSON.stringify(ins.value ?? null), from: ins.valid_from, to: ins.valid_to, st: ins.source_type, sd: ins.source_department, sr: ins.source_ref },
          { tmp },
        ));
      }
      remaining.sort((a, b) => (a.valid_from < b.valid_from ? -1 : 1));
      live.set(k, remaining);
    }
    if (supersede.length) {
      await sql`update person_facts f set superseded_at = ${now}
        from unnest(${supersede.map((s) => s.county)}::text[], ${supersede.map((s) => s.person)}::uuid[], ${supersede.map((s) => s.id)}::bigint[]) as s(c, p, i)
        where f.county_code = s.c and f.person_id = s.p and f.id = s.i`.execute(ex);
    }
    if (inserts.length) {
      await sql`insert into person_facts (county_code, person_id, fact, value, valid_from, valid_to, source_type, source_department, source_ref, recorded_at, recorded_by)
        select c, p, f, v::jsonb, vf, vt, st, sd, sr, ${now}, ${actor.userId}::uuid
        from unnest(${inserts.map((i) => i.county)}::text[], ${inserts.map((i) => i.person)}::uuid[], ${inserts.map((i) => i.fact)}::text[],
                    ${inserts.map((i) => i.value)}::text[], ${inserts.map((i) => i.from)}::date[], ${inserts.map((i) => i.to)}::date[],
                    ${inserts.map((i) => i.st)}::text[], ${inserts.map((i) => i.sd)}::text[], ${inserts.map((i) => i.sr)}::text[])
          as t(c, p, f, v, vf, vt, st, sd, sr)`.execute(ex);
    }
    if (conflicts.length) {
      await sql`insert into person_fact_conflicts (county_code, person_id, fact, incoming_value, incoming_source, incoming_valid_from, current_value, current_source, outcome, batch_id, created_at)
        select c, p, f, iv::jsonb, isrc, ifrom, cv::jsonb, csrc, o, ${opts.batchId ?? null}::uuid, ${now}
        from unnest(${conflicts.map((x) => x.county)}::text[], ${conflicts.map((x) => x.person)}::uuid[], ${conflicts.map((x) => x.fact)}::text[],
                    ${conflicts.map((x) => x.inc)}::text[], ${conflicts.map((x) => x.incSrc)}::text[], ${conflicts.map((x) => x.incFrom)}::date[],
                    ${conflicts.map((x) => x.cur)}::text[], ${conflicts.map((x) => x.curSrc)}::text[], ${conflicts.map((x) => x.outcome)}::text[])
          as t(c, p, f, iv, isrc, ifrom, cv, csrc, o)
        on conflict do nothing`.execute(ex);
    }
    return result;
  }

  /** Current columns and tags a person should have today, from their facts. */
  function derive(p: PersonState, facts: Array<{ fact: string; value: unknown }>, today: string) {
    const pf = personFactsFrom(facts, p, today);
    const region = pf.residence_region ?? p.region_code;
    return {
      region_code: region,
      hukou_region_code: pf.hukou_region,
      economic_status: pf.economic_status as string,
      capability_grade: pf.capability_grade,
      disability_category: pf.disability_category as string | null,
      disability_level: pf.disability_level,
      living_arrangement: pf.living_arrangement as string,
      // Records no longer in force (deceased, merged, moved out) carry no hardship tags.
      tags: p.status === 'active' ? (classifierFor(region).classify(pf) as string[]) : [],
    };
  }

  /**
   * Bring person rows in line with today's facts: current-value columns, tags, the county key
   * (a move to another county re-keys the person; facts follow by ON UPDATE CASCADE). Publishes
   * person.changed / person.moved for what changed. Returns the (possibly new) keys by id.
   */
  async function refreshPersons(ex: Executor, keys: PersonKey[], opts: { forceChanged?: Set<string>; moveDates?: Map<string, string> } = {}): Promise<Map<string, PersonKey>> {
    const out = new Map<string, PersonKey>();
    if (keys.length === 0) return out;
    await prepare(ex);
    const today = clock.today();
    const uniq = [...new Map(keys.map((k) => [k.id, k])).values()];
    const counties = uniq.map((k) => k.county_code);
    const ids = uniq.map((k) => k.id);
    const persons = await sql<PersonState>`select ${STATE_COLUMNS} from persons p
      where (p.county_code, p.id) in (select * from unnest(${counties}::text[], ${ids}::uuid[]))`.execute(ex);
    const facts = await sql<{ person_id: string; fact: string; value: unknown }>`
      select f.person_id, f.fact, f.value from unnest(${counties}::text[], ${ids}::uuid[]) as k(c, p)
      join person_facts f on f.county_code = k.c and f.person_id = k.p
      where f.superseded_at is null and f.valid_from <= ${today}::date and (f.valid_to is null or f.valid_to > ${today}::date)
      order by f.person_id, f.valid_from, f.id`.execute(ex);
    const byPerson = new Map<string, Array<{ fact: string; value: unknown }>>();
    for (const f of facts.rows) {
      const l = byPerson.get(f.person_id) ?? [];
      l.push(f);
      byPerson.set(f.person_id, l);
    }
    const updates: Array<PersonState & { new_county: string }> = [];
    const changedEvents: Array<{ payload: unknown; key: string; regionCode: string }> = [];
    const movedEvents: Array<{ payload: unknown; key: string; regionCode: string }> = [];
    for (const p of persons.rows) {
      const d = derive(p, byPerson.get(p.id) ?? [], today);
      const newCounty = countyOf(d.region_code) ?? p.county_code;
      out.set(p.id, { county_code: newCounty, id: p.id });
      const tagsChanged = d.tags.join(',') !== p.tags.join(',');
      const regionChanged = d.region_code !== p.region_code;
      const columnsChanged =
        regionChanged || tagsChanged || newCounty !== p.county_code || d.hukou_region_code !== p.hukou_region_code || d.economic_status !== p.economic_status ||
        d.capability_grade !== p.capability_grade || d.disability_category !== p.disability_category || d.disability_level !== p.disability_level ||
        d.living_arrangement !== p.living_arrangement;
      if (columnsChanged) updates.push({ ...p, ...d, new_county: newCounty });
      if (regionChanged) {
        movedEvents.push({
          payload: { person_id: p.id, from_region: p.region_code, to_region: d.region_code, effective_date: opts.moveDates?.get(p.id) ?? today },
          key: `${p.id}:${randomUUID()}`,
          regionCode: d.region_code,
        });
      }
      if (regionChanged || tagsChanged || opts.forceChanged?.has(p.id)) {
        changedEvents.push({
          payload: { county_code: newCounty, person_id: p.id, region_code: d.region_code, tags: d.tags, alive: p.alive, status: p.status },
          key: `${p.id}:${randomUUID()}`,
          regionCode: d.region_code,
        });
      }
    }
    if (updates.length) {
      const col = <K extends keyof (typeof updates)[number]>(k: K) => updates.map((u) => u[k]);
      await sql`update persons p set
          county_code = u.nc, region_code = u.rc, hukou_region_code = u.hr, economic_status = u.es, capability_grade = u.cg,
          disability_category = u.dc, disability_level = u.dl, living_arrangement = u.la,
          tags = case when u.tg = '' then '{}'::text[] else string_to_array(u.tg, ',') end, updated_at = ${clock.now()}
        from unnest(${col('county_code')}::text[], ${col('id')}::uuid[], ${col('new_county')}::text[], ${col('region_code')}::text[],
                    ${col('hukou_region_code')}::text[], ${col('economic_status')}::text[], ${col('capability_grade')}::smallint[],
                    ${col('disability_category')}::text[], ${col('disability_level')}::smallint[], ${col('living_arrangement')}::text[],
                    ${updates.map((u) => u.tags.join(','))}::text[])
          as u(c, i, nc, rc, hr, es, cg, dc, dl, la, tg)
        where p.county_code = u.c and p.id = u.i`.execute(ex);
    }
    await events.publishMany(ex, 'person.moved', movedEvents);
    await events.publishMany(ex, 'person.changed', changedEvents);
    return out;
  }

  /** Tags for a new person from the facts it is created with (no read needed). */
  function tagsFor(regionCode: string, facts: Array<{ fact: string; value: unknown }>, p: { birth_date: string | null; sex: PersonFacts['sex'] }): string[] {
    return classifierFor(regionCode).classify(personFactsFrom(facts, { ...p, death_date: null }, clock.today()));
  }

  return { writeFacts, refreshPersons, tagsFor };
}
export type PersonWriter = ReturnType<typeof createPersonWriter>;
