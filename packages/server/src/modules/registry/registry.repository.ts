import { ID_TYPES } from '@yiyang/core';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import { regionSubtree } from '../../platform/scope';
import { regionPrefix } from '@yiyang/core';
import type { PersonFactsTable, PersonsTable } from './registry.tables';

export type PersonRow = Selectable<PersonsTable>;
export type PersonRowWithRegion = PersonRow & { region_name: string };
export type FactRow = Selectable<PersonFactsTable>;

/** Lists count exactly up to this many matches and estimate above it. */
export const EXACT_COUNT_LIMIT = 10_000;

/** A person with the facts valid on a date (bulk reader). */
export interface BulkPerson {
  county_code: string;
  id: string;
  region_code: string;
  name: string;
  birth_date: string | null;
  sex: 'male' | 'female' | null;
  death_date: string | null;
  alive: boolean;
  status: 'active' | 'deceased' | 'moved_out' | 'merged';
  tags: string[];
  facts: Record<string, unknown>;
}

export interface PersonKey {
  county_code: string;
  id: string;
}

export interface PersonListFilter {
  region: string;
  /** Exact-match look-ups resolved by the service (blind indexes), or a name. */
  idNumberHmac?: string | undefined;
  idTypes?: Array<(typeof ID_TYPES)[number]> | undefined;
  phoneHmac?: string | undefined;
  name?: string | undefined;
  sex?: string | undefined;
  birthFrom?: string | undefined; // inclusive
  birthTo?: string | undefined; // inclusive
  economicStatus?: string | undefined;
  capabilityGrade?: number | undefined;
  livingArrangement?: string | undefined;
  tag?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}

export function createRegistryRepository(db: Executor) {
  const withRegion = (ex: Executor) =>
    ex.selectFrom('persons as p').innerJoin('regions as r', 'r.code', 'p.region_code').selectAll('p').select('r.name as region_name');

  return {
    async insert(values: Insertable<PersonsTable>, ex: Executor = db): Promise<PersonKey> {
      return ex.insertInto('persons').values(values).returning(['county_code', 'id']).executeTakeFirstOrThrow();
    },

    async findById(id: string, ex: Executor = db): Promise<PersonRowWithRegion | undefined> {
      return withRegion(ex).where('p.id', '=', id).executeTakeFirst();
    },

    async findByIdentity(idType: string, hmac: string, ex: Executor = db): Promise<PersonRow | undefined> {
      return ex.selectFrom('persons').selectAll().where('id_type', '=', idType as PersonRow['id_type']).where('id_number_hmac', '=', hmac).executeTakeFirst();
    },

    async list(f: PersonListFilter): Promise<{ rows: PersonRowWithRegion[]; total: number; exact: boolean }> {
      let q = db.selectFrom('persons as p').where(regionSubtree('p.region_code', f.region));
      // The unique index is (id_type, id_number_hmac): naming the types lets it serve the look-up.
      if (f.idNumberHmac) q = q.where('p.id_type', 'in', f.idTypes ?? [...ID_TYPES]).where('p.id_number_hmac', '=', f.idNumberHmac);
      if (f.phoneHmac) q = q.where('p.phone_hmac', '=', f.phoneHmac);
      if (f.name) q = q.where('p.name', 'like', `${f.name.replace(/[%_\\]/g, '\\$&')}%`);
      if (f.sex) q = q.where('p.sex', '=', f.sex as 'male' | 'female');
      if (f.birthFrom) q = q.where('p.birth_date', '>=', f.birthFrom);
      if (f.birthTo) q = q.where('p.birth_date', '<=', f.birthTo);
      if (f.economicStatus) q = q.where('p.economic_status', '=', f.economicStatus);
      if (f.capabilityGrade !== undefined) q = q.where('p.capability_grade', '=', f.capabilityGrade);
      if (f.livingArrangement) q = q.where('p.living_arrangement', '=', f.livingArrangement);
      if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(p.tags)`);
      if (f.status) q = q.where('p.status', '=', f.status as PersonRow['status']);
      const [rows, counted] = await Promise.all([
        q
          .innerJoin('regions as r', 'r.code', 'p.region_code')
          .selectAll('p')
          .select('r.name as region_name')
          .orderBy('p.region_code')
          .orderBy('p.name')
          .orderBy('p.id')
          .limit(f.limit)
          .offset(f.offset)
          .execute(),
        // Exact up to EXACT_COUNT_LIMIT (the count stops there); above it the planner's estimate:
        // counting a million rows per request costs 150–500 ms (bench/registry-search.ts).
        sql<{ n: number }>`select count(*)::int as n from (${q.select(sql.lit(1).as('x')).limit(EXACT_COUNT_LIMIT + 1)}) as t`.execute(db),
      ]);
      const n = counted.rows[0]?.n ?? 0;
      if (n <= EXACT_COUNT_LIMIT) return { rows, total: n, exact: true };
      const plan = await sql<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> | string }>`explain (format json) ${q.select(sql.lit(1).as('x'))}`.execute(db);
      const raw = plan.rows[0]?.['QUERY PLAN'];
      const doc = typeof raw === 'string' ? (JSON.parse(raw) as Array<{ Plan: { 'Plan Rows': number } }>) : raw;
      const estimate = Math.round(doc?.[0]?.Plan['Plan Rows'] ?? 0);
      return { rows, total: Math.max(EXACT_COUNT_LIMIT + 1, estimate), exact: false };
    },

    /** Keyset page of persons in a region subtree (batch readers: eligibility, visit rosters). */
    async page(region: string, after: string | null, limit: number, opts: { anyTags?: string[] | undefined; aliveOnly?: boolean | undefined } = {}): Promise<PersonRow[]> {
      let q = db.selectFrom('persons').selectAll().where(regionSubtree('region_code', region));
      if (after) q = q.where('id', '>', after);
      if (opts.anyTags?.length) q = q.where(sql<boolean>`tags && ${sql.val(opts.anyTags)}::text[]`);
      if (opts.aliveOnly) q = q.where('alive', '=', true);
      return q.orderBy('id').limit(limit).execute();
    },

    async update(key: PersonKey, values: Updateable<PersonsTable>, ex: Executor, version?: number): Promise<boolean> {
      let q = ex
        .updateTable('persons')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('county_code', '=', key.county_code)
        .where('id', '=', key.id);
      if (version !== undefined) q = q.where('version', '=', version);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Current-value columns, maintained by the service; not a user edit, so no version bump. */
    async setCurrentColumns(key: PersonKey, values: Updateable<PersonsTable>, ex: Executor) {
      await ex
        .updateTable('persons')
        .set({ ...values, updated_at: new Date() })
        .where('county_code', '=', key.county_code)
        .where('id', '=', key.id)
        .execute();
    },

    async factHistory(key: PersonKey, ex: Executor = db): Promise<FactRow[]> {
      return ex
        .selectFrom('person_facts')
        .selectAll()
        .where('county_code', '=', key.county_code)
        .where('person_id', '=', key.id)
        .orderBy('fact')
        .orderBy('valid_from')
        .orderBy('id')
        .execute();
    },

    async liveFacts(key: PersonKey, fact: string, ex: Executor): Promise<FactRow[]> {
      return ex
        .selectFrom('person_facts')
        .selectAll()
        .where('county_code', '=', key.county_code)
        .where('person_id', '=', key.id)
        .where('fact', '=', fact)
        .where('superseded_at', 'is', null)
        .orderBy('valid_from')
        .forUpdate()
        .execute();
    },

    /**
     * Facts valid on `date`. With `knownAt`, as the registry knew them at that instant
     * (transaction time): rows recorded by then and not yet superseded then.
     */
    async factsOn(key: PersonKey, date: string, knownAt?: Date, ex: Executor = db): Promise<FactRow[]> {
      let q = ex
        .selectFrom('person_facts')
        .selectAll()
        .where('county_code', '=', key.county_code)
        .where('person_id', '=', key.id)
        .where('valid_from', '<=', date)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]));
      if (knownAt) {
        q = q
          .where('recorded_at', '<=', knownAt)
          .where((eb) => eb.or([eb('superseded_at', 'is', null), eb('superseded_at', '>', knownAt)]));
      } else {
        q = q.where('superseded_at', 'is', null);
      }
      return q.orderBy('valid_from').orderBy('id').execute();
    },

    /**
     * Bulk facts reader for population runs (payroll, eligibility): the persons of one county
     * with their live facts in force on `date`, for the given ids. Two set-based queries.
     */
    async insertFact(values: Insertable<PersonFactsTable>, ex: Executor) {
      await ex
        .insertInto('person_facts')
        .values({ ...values, value: sql`${JSON.stringify(values.value)}::jsonb` })
        .execute();
    },

    /**
     * The bulk reader every batch uses (population runs, payroll, benefits): persons with the facts
     * valid on `date` — either the given ids of one county, or one keyset page of a region subtree
     * (by county key when the region is a county or below, so the primary key serves the scan).
     * Facts are aggregated in the database and sent as one JSON text per call (one parse instead of
     * a row object per fact). `withIdNumber` adds the encrypted ID number (bank rosters).
     */
    async bulkFactsOn(
      select: { ids: string[]; county: string } | { region: string; county: string | null; after: string | null; limit: number },
      date: string,
      opts: { withIdNumber?: boolean; ex?: Executor } = {},
    ): Promise<Array<BulkPerson & { id_number_enc?: string; id_number_masked: string }>> {
      if ('ids' in select && select.ids.length === 0) return [];
      const ex = opts.ex ?? db;
      const secret = opts.withIdNumber ? sql`, pg.id_number_enc, pg.id_number_masked` : sql`, null, pg.id_number_masked`;
      const valid = sql`pf.superseded_at is null and pf.valid_from <= ${date}::date and (pf.valid_to is null or pf.valid_to > ${date}::date)`;
      let r;
      if ('ids' in select) {
        // Given ids: one pass over their facts, grouped (an index scan per person would be slower).
        r = await sql<{ data: string }>`
          with page as (
            select county_code, id, region_code, name, birth_date, sex, death_date, alive, status, tags, id_number_enc, id_number_masked
            from persons where county_code = ${select.county} and id = any(${select.ids}::uuid[])
          ), f as (
            select pf.person_id, json_object_agg(pf.fact, pf.value order by pf.valid_from, pf.id) as facts
            from person_facts pf
            where pf.county_code = ${select.county} and pf.person_id = any(${select.ids}::uuid[]) and ${valid}
            group by pf.person_id
          )
          select coalesce(json_agg(json_build_array(pg.county_code, pg.id, pg.region_code, pg.name, pg.birth_date, pg.sex, pg.death_date, pg.alive, pg.status, pg.tags, f.facts${secret}) order by pg.id), '[]')::text as data
          from page pg left join f on f.person_id = pg.id`.execute(ex);
      } else {
        const prefix = regionPrefix(select.region);
        r = await sql<{ data: string }>`
          with page as (
            select county_code, id, region_code, name, birth_date, sex, death_date, alive, status, tags, id_number_enc, id_number_masked
            from persons
            where ${select.county ? sql`county_code = ${select.county}` : sql`true`}
              and ${prefix ? sql`region_code like ${prefix + '%'}` : sql`true`}
              and ${select.after ? sql`id > ${select.after}::uuid` : sql`true`}
            order by ${select.county ? sql`county_code, id` : sql`id`}
            limit ${select.limit}
          )
          select coalesce(json_agg(json_build_array(pg.county_code, pg.id, pg.region_code, pg.name, pg.birth_date, pg.sex, pg.death_date, pg.alive, pg.status, pg.tags, f.facts${secret}) order by pg.id), '[]')::text as data
          from page pg
          left join lateral (
            select json_object_agg(pf.fact, pf.value order by pf.valid_from, pf.id) as facts
            from person_facts pf where pf.county_code = pg.county_code and pf.person_id = pg.id and ${valid}
          ) f on true`.execute(ex);
      }
      const rows = JSON.parse(r.rows[0]?.data ?? '[]') as Array<[string, string, string, string, string | null, PersonRow['sex'], string | null, boolean, PersonRow['status'], string[], Record<string, unknown> | null, string?, string?]>;
      return rows.map(([county_code, id, region_code, name, birth_date, sex, death_date, alive, status, tags, facts, id_number_enc, id_number_masked]) => ({
        county_code, id, region_code, name, birth_date, sex, death_date, alive, status, tags, facts: facts ?? {},
        ...(opts.withIdNumber ? { id_number_enc: id_number_enc! } : {}),
        id_number_masked: id_number_masked!,
      }));
    },

    async supersede(key: PersonKey, factId: number, at: Date, ex: Executor) {
      await ex
        .updateTable('person_facts')
        .set({ superseded_at: at })
        .where('county_code', '=', key.county_code)
        .where('person_id', '=', key.id)
        .where('id', '=', factId)
        .execute();
    },
  };
}
export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
