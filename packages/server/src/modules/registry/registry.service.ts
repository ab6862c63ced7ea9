/**
 * The registry (老年人档案，精准识别与动态管理): one record per person keyed by the resident ID
 * number, facts with provenance and validity, masked everywhere except an audited reveal.
 * 000 三(二)6–7; 004 二(二)3–5.
 */
import {
  ageOn,
  birthRangeForAges,
  conflict,
  countyOf,
  forbidden,
  invalid,
  isFactName,
  maskBirthDate,
  maskIdNumber,
  maskPhone,
  parseIdNumber,
  type CreatePerson,
  type FactName,
  type FactRecord,
  type PersonDetail,
  type PersonFacts,
  type PersonQuery,
  type PersonSummary,
  type LifeEventInput,
  type LifeEventRecord,
} from '@yiyang/core';
import type { z } from 'zod';
import type { UpdatePerson } from '@yiyang/core';
import type { FieldCrypto } from '../../crypto/field-crypto';
import type { EventBus } from '../../jobs/events';
import type { JobQueue } from '../../jobs/queue';
import { createHardshipStore } from './registry.hardship';
import { createImportService } from './import/import.service';
import { createLifeEvents } from './registry.life-events';
import { createReview } from './registry.review';
import { createStats } from './registry.stats';
import { createSyntheticService } from './synthetic/synthetic.service';
import { createPersonWriter, personFactsFrom, type FactSourceType, type FactWrite } from './registry.writer';
import type { Db, Executor } from '../../db/database';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { assertRecordInScope, assertRegionInScope, effectiveRegion, regionSubtree, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import type { RegionService } from '../regions';
import { createRegistryRepository, type FactRow, type PersonKey, type PersonRow, type PersonRowWithRegion } from './registry.repository';

/** What other modules get about a person without going through the API. */
export interface PersonRef extends PersonKey {
  region_code: string;
  name: string;
  birth_date: string | null;
  sex: 'male' | 'female' | null;
  alive: boolean;
  death_date: string | null;
  status: PersonRow['status'];
}

export type { FactSourceType };

/** One fact for one person (the key is passed separately). */
export type SetFactInput = Omit<FactWrite, 'key'>;

const PHONE_RE = /^(\+?86)?1[3-9]\d{9}$/;

function toRef(r: PersonRow): PersonRef {
  return {
    county_code: r.county_code,
    id: r.id,
    region_code: r.region_code,
    name: r.name,
    birth_date: r.birth_date,
    sex: r.sex,
    alive: r.alive,
    death_date: r.death_date,
    status: r.status,
  };
}

function toFactRecord(f: FactRow): FactRecord {
  return {
    id: f.id,
    fact: f.fact,
    value: f.value,
    valid_from: f.valid_from,
    valid_to: f.valid_to,
    source_type: f.source_type,
    source_department: f.source_department,
    source_ref: f.source_ref,
    recorded_at: f.recorded_at.toISOString(),
    recorded_by: f.recorded_by,
    superseded_at: f.superseded_at ? f.superseded_at.toISOString() : null,
  };
}


export interface RegistryDeps {
  db: Db;
  audit: AuditService;
  regions: RegionService;
  crypto: FieldCrypto;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  /** Where large uploads wait (encrypted) for the import job. */
  dataDir: string;
  spoolKey: Buffer;
}

export function createRegistryService(deps: RegistryDeps) {
  const { db, audit, regions, crypto, clock, events } = deps;
  const repo = createRegistryRepository(db);
  const hardship = createHardshipStore(db);
  const writer = createPersonWriter({ clock, events, classifierFor: (r) => hardship.classifierFor(r), prepare: (ex) => hardship.load(ex) });
  const lifeEvents = createLifeEvents({ clock, events, writer });
  const review = createReview({ db, audit, clock, writer });
  const stats = createStats({ db, audit, regions, hardship, writer, jobs: deps.jobs });
  const imports = createImportService({ ...deps, writer, lifeEvents });
  const synthetic = createSyntheticService({ db, regions, imports, writer, crypto, clock });

  /** `actor` decides whether the full birth date may be shown (see maskBirthDate). */
  function summary(r: PersonRowWithRegion, actor: Actor | null): PersonSummary {
    return {
      id: r.id,
      name: r.name,
      sex: r.sex,
      birth_date: actor && actor.permissions.has('pii:reveal') ? r.birth_date : maskBirthDate(r.birth_date),
      age: r.birth_date ? ageOn(r.birth_date, clock.today()) : null,
      id_type: r.id_type,
      id_number: r.id_number_masked,
      phone: r.phone_masked,
      region_code: r.region_code,
      region_name: r.region_name,
      hukou_region_code: r.hukou_region_code,
      economic_status: r.economic_status,
      capability_grade: r.capability_grade,
      living_arrangement: r.living_arrangement,
      disability_level: r.disability_level,
      tags: r.tags,
      alive: r.alive,
      status: r.status,
    };
  }

  async function detail(r: PersonRowWithRegion, actor: Actor | null, ex: Executor = db): Promise<PersonDetail> {
    const facts = await repo.factsOn(r, clock.today(), undefined, ex);
    const current: PersonDetail['facts'] = {};
    for (const f of facts) {
      current[f.fact] = { value: f.value, valid_from: f.valid_from, source_type: f.source_type, source_department: f.source_department };
    }
    return {
      ...summary(r, actor),
      address: r.address,
      death_date: r.death_date,
      facts: current,
      version: r.version,
      created_at: r.created_at.toISOString(),
      updated_at: r.updated_at.toISOString(),
    };
  }

  /** Normalise and validate an identifier; derive birth date and sex from a resident ID number. */
  function identity(input: Pick<CreatePerson, 'id_type' | 'id_number' | 'sex' | 'birth_date'>) {
    if (input.id_type === 'resident') {
      const r = parseIdNumber(input.id_number, clock.today());
      if (!r.ok) throw invalid(r.error.code, r.error.message, [{ path: 'id_number', code: r.error.code, message: r.error.message }]);
      return { idNumber: r.value.idNumber, birthDate: r.value.birthDate, sex: r.value.sex };
    }
    const idNumber = input.id_number.trim().toUpperCase();
    if (!/^[A-Z0-9()\-]{5,40}$/.test(idNumber)) throw invalid('ID_CHARACTERS', '证件号码只能包含字母、数字和括号');
    if (input.birth_date && input.birth_date > clock.today()) throw invalid('ID_BIRTH_FUTURE', '出生日期晚于今天');
    return { idNumber, birthDate: input.birth_date ?? null, sex: input.sex ?? null };
  }

  function phoneFields(phone: string | null | undefined) {
    if (phone === undefined) return {};
    if (phone === null || phone === '') return { phone_enc: null, phone_hmac: null, phone_masked: null };
    const p = phone.replace(/[\s-]/g, '');
    if (!/^\+?\d{7,15}$/.test(p)) throw invalid('PHONE_INVALID', '联系电话格式不正确');
    const normal = PHONE_RE.test(p) ? p.replace(/^\+?86/, '') : p;
    return { phone_enc: crypto.encrypt(normal), phone_hmac: crypto.blindIndex('phone', normal), phone_masked: maskPhone(normal) };
  }

  /** Bring the person row's current-value columns and tags in line with today's facts. */
  async function refreshCurrent(ex: Executor, key: PersonKey): Promise<PersonKey> {
    const keys = await writer.refreshPersons(ex, [key]);
    return keys.get(key.id) ?? key;
  }

  /**
   * Record a fact valid from a date (bitemporal): an equal value already in force is a no-op; a
   * different one supersedes the record covering that date (kept, with its end set by a copy)
   * and runs until the next recorded change. Same code path as the batched import.
   */
  async function setFact(ex: Executor, actor: Actor, key: PersonKey, input: SetFactInput): Promise<{ changed: boolean; key: PersonKey }> {
    if ((input.fact === 'residence_region' || input.fact === 'hukou_region') && typeof input.value === 'string' && !(await regions.exists(input.value, ex))) {
      throw invalid('REGION_NOT_FOUND', `区划代码${String(input.value)}不存在`);
    }
    const r = await writer.writeFacts(ex, actor, [{ key, ...input }]);
    if (r.changed.size === 0) return { changed: false, key };
    const newKey = await refreshCurrent(ex, key);
    return { changed: true, key: newKey };
  }

  async function getScoped(actor: Actor, id: string): Promise<PersonRowWithRegion> {
    const row = await repo.findById(id);
    assertRecordInScope(actor, row?.region_code ?? null, '老年人档案');
    return row!;
  }

  return {
    async list(actor: Actor, q: PersonQuery): Promise<{ items: PersonSummary[]; total: number; total_exact: boolean }> {
      requirePermission(actor, 'persons:read');
      const region = effectiveRegion(actor, q.region);
      const today = clock.today();
      const filter: Parameters<typeof repo.list>[0] = {
        region,
        sex: q.sex,
        economicStatus: q.economic_status,
        capabilityGrade: q.capability_grade,
        livingArrangement: q.living_arrangement,
        tag: q.tag,
        status: q.status,
        limit: q.page_size,
        offset: (q.page - 1) * q.page_size,
      };
      if (q.q) {
        const term = q.q.replace(/\s+/g, '');
        const id = parseIdNumber(term, today);
        if (id.ok) {
          filter.idNumberHmac = crypto.blindIndex('id_number', id.value.idNumber);
          // Residence permits of 港澳台 residents use the same 18-digit format.
          filter.idTypes = ['resident', 'hk_mo_permit', 'tw_permit'];
        }
        else if (/^\+?\d{7,15}$/.test(term)) filter.phoneHmac = crypto.blindIndex('phone', term.replace(/^\+?86(?=1\d{10}$)/, ''));
        else if (/^[A-Za-z0-9]{5,40}$/.test(term)) filter.idNumberHmac = crypto.blindIndex('id_number', term.toUpperCase());
        else filter.name = q.q.trim();
      }
      // Age band → birth-date range on today (周岁).
      const range = birthRangeForAges(today, q.age_min, q.age_max);
      filter.birthFrom = range.from;
      filter.birthTo = range.to;
      const { rows, total, exact } = await repo.list(filter);
      return { items: rows.map((r) => summary(r, actor)), total, total_exact: exact };
    },

    async get(actor: Actor, id: string): Promise<PersonDetail> {
      requirePermission(actor, 'persons:read');
      return detail(await getScoped(actor, id), actor);
    },

    async create(actor: Actor, input: CreatePerson, source: { type: FactSourceType; department?: string | null; ref?: string | null } = { type: 'user' }): Promise<PersonDetail> {
      requirePermission(actor, 'persons:write');
      assertRegionInScope(actor, input.region_code);
      const county = countyOf(input.region_code);
      if (!county) throw invalid('REGION_TOO_COARSE', '居住地区划须到县级或以下');
      if (!(await regions.exists(input.region_code))) throw invalid('REGION_NOT_FOUND', `区划代码${input.region_code}不存在`);
      const who = identity(input);
      const hmac = crypto.blindIndex('id_number', who.idNumber);
      return db.transaction().execute(async (trx) => {
        const existing = await repo.findByIdentity(input.id_type, hmac, trx);
        if (existing) throw conflict('PERSON_EXISTS', `该证件号码已建档（${existing.name}）`);
        const key = await repo.insert(
          {
            county_code: county,
            region_code: input.region_code,
            hukou_region_code: input.hukou_region_code ?? null,
            id_type: input.id_type,
            id_number_enc: crypto.encrypt(who.idNumber),
            id_number_hmac: hmac,
            id_number_masked: maskIdNumber(who.idNumber)!,
            name: input.name,
            sex: who.sex,
            birth_date: who.birthDate,
            address: input.address ?? null,
            ...phoneFields(input.phone),
          },
          trx,
        );
        const today = clock.today();
        const common = { key, validFrom: today, sourceType: source.type, sourceDepartment: source.department ?? null, sourceRef: source.ref ?? null };
        if (input.hukou_region_code && !(await regions.exists(input.hukou_region_code, trx))) throw invalid('REGION_NOT_FOUND', `区划代码${input.hukou_region_code}不存在`);
        await writer.writeFacts(
          trx,
          actor,
          [
            { ...common, fact: 'residence_region', value: input.region_code },
            ...(input.hukou_region_code ? [{ ...common, fact: 'hukou_region' as const, value: input.hukou_region_code }] : []),
          ],
          { fresh: new Set([key.id]) },
        );
        // Creation counts as a change (person.changed, docs/developing-a-module.md).
        await writer.refreshPersons(trx, [key], { forceChanged: new Set([key.id]) });
        const row = (await repo.findById(key.id, trx))!;
        const out = await detail(row, actor, trx);
        await audit.record(trx, actor, { action: 'persons.create', entityType: 'person', entityId: key.id, regionCode: row.region_code, after: out });
        return out;
      });
    },

    async update(actor: Actor, id: string, input: z.infer<typeof UpdatePerson>): Promise<PersonDetail> {
      requirePermission(actor, 'persons:write');
      const before = await getScoped(actor, id);
      return db.transaction().execute(async (trx) => {
        const ok = await repo.update(
          before,
          {
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.address !== undefined ? { address: input.address } : {}),
            ...phoneFields(input.phone),
          },
          trx,
          input.version,
        );
        if (!ok) throw conflict('VERSION_CONFLICT', '该档案已被他人修改，请刷新后重试');
        const after = await detail((await repo.findById(id, trx))!, actor, trx);
        await audit.record(trx, actor, { action: 'persons.update', entityType: 'person', entityId: id, regionCode: before.region_code, before: await detail(before, actor, trx), after });
        return after;
      });
    },

    /** The full ID number and phone, for roles with pii:reveal; every call is audited. */
    async reveal(actor: Actor, id: string, reason: string): Promise<{ id_number: string; phone: string | null }> {
      requirePermission(actor, 'pii:reveal');
      const row = await getScoped(actor, id);
      const out = { id_number: crypto.decrypt(row.id_number_enc), phone: row.phone_enc ? crypto.decrypt(row.phone_enc) : null };
      await audit.record(db, actor, { action: 'persons.reveal', entityType: 'person', entityId: id, regionCode: row.region_code, details: { reason, fields: ['id_number', 'phone'] } });
      return out;
    },

    async factHistory(actor: Actor, id: string): Promise<FactRecord[]> {
      requirePermission(actor, 'persons:read');
      const row = await getScoped(actor, id);
      return (await repo.factHistory(row)).map(toFactRecord);
    },

    async recordFact(actor: Actor, id: string, input: { fact: string; value: unknown; valid_from: string; source_department?: string | null | undefined }): Promise<PersonDetail> {
      requirePermission(actor, 'persons:write');
      if (!isFactName(input.fact)) throw invalid('FACT_UNKNOWN', `未知的档案事实“${input.fact}”`);
      if (input.fact === 'capability_grade') {
        throw forbidden('FACT_OWNED_BY_ASSESSMENT', '能力等级只能由发布的能力评估结果写入');
      }
      const row = await getScoped(actor, id);
      if (input.fact === 'residence_region') assertRegionInScope(actor, String(input.value));
      return db.transaction().execute(async (trx) => {
        const { changed } = await setFact(trx, actor, row, {
          fact: input.fact as FactName,
          value: input.value,
          validFrom: input.valid_from,
          sourceType: 'user',
          sourceDepartment: input.source_department ?? null,
          sourceRef: actor.userId,
        });
        const after = (await repo.findById(id, trx))!;
        if (changed) {
          await audit.record(trx, actor, {
            action: 'persons.record_fact',
            entityType: 'person',
            entityId: id,
            regionCode: after.region_code,
            details: { fact: input.fact, value: input.value, valid_from: input.valid_from },
          });
        }
        return detail(after, actor, trx);
      });
    },

    /** A life event with its effective date (death, move, hukou transfer, institution, economic status). */
    async recordEvent(actor: Actor, id: string, input: LifeEventInput): Promise<PersonDetail> {
      requirePermission(actor, 'persons:write');
      const row = await getScoped(actor, id);
      if (input.type === 'move' || input.type === 'hukou_transfer') {
        if (input.type === 'move' && !countyOf(input.to_region)) throw invalid('REGION_TOO_COARSE', '居住地区划须到县级或以下');
        if (!(await regions.exists(input.to_region))) throw invalid('REGION_NOT_FOUND', `区划代码${input.to_region}不存在`);
      }
      return db.transaction().execute(async (trx) => {
        const { changed } = await lifeEvents.apply(trx, actor, row, input);
        const after = (await repo.findById(id, trx))!;
        if (changed) {
          await audit.record(trx, actor, {
            action: `persons.event.${input.type}`,
            entityType: 'person',
            entityId: id,
            regionCode: row.region_code,
            details: { ...input, from_region: row.region_code, to_region_after: after.region_code },
          });
        }
        return detail(after, actor, trx);
      });
    },

    async listEvents(actor: Actor, id: string): Promise<LifeEventRecord[]> {
      requirePermission(actor, 'persons:read');
      const row = await getScoped(actor, id);
      const rows = await db.selectFrom('person_events').selectAll().where('county_code', '=', row.county_code).where('person_id', '=', row.id).orderBy('effective_date', 'desc').orderBy('id', 'desc').execute();
      return rows.map((e) => ({
        id: e.id,
        type: e.type as LifeEventRecord['type'],
        effective_date: e.effective_date,
        details: (e.details ?? {}) as Record<string, unknown>,
        source_type: e.source_type,
        source_department: e.source_department,
        source_ref: e.source_ref,
        recorded_at: e.recorded_at.toISOString(),
        recorded_by: e.recorded_by,
      }));
    },

    imports,
    seedPopulation: synthetic.seedPopulation,
    /** Villages/communities of a region (generator input). */
    syntheticPlaces: synthetic.placesUnder,
    ...review,
    ...stats,

    /** Start a duplicate scan of the counties in a region as jobs (one per county). */
    async requestDuplicateScan(actor: Actor, requested?: string): Promise<{ jobs: number }> {
      requirePermission(actor, 'persons:write');
      const region = effectiveRegion(actor, requested);
      const counties = await db.selectFrom('persons').select('county_code').distinct().where(regionSubtree('region_code', region)).execute();
      await db.transaction().execute(async (trx) => {
        for (const c of counties) {
          await deps.jobs.enqueue(trx, { type: 'registry.scan_duplicates', payload: { county_code: c.county_code }, regionCode: c.county_code, createdBy: actor.userId });
        }
      });
      deps.jobs.poke();
      return { jobs: counties.length };
    },

    // ---- for other modules (no HTTP) ---------------------------------------------------------

    /** A person by id, without scope checks (callers check scope on the region they get back). */
    async findRef(id: string, ex: Executor = db): Promise<PersonRef | undefined> {
      const r = await repo.findById(id, ex);
      return r ? toRef(r) : undefined;
    },

    /**
     * What another module shows of people it holds by key (a list of account holders, a roster):
     * name, masked ID number and region, in one query. No scope check: callers filter on the
     * region they get back.
     */
    async labelsOf(keys: readonly PersonKey[], ex: Executor = db): Promise<Map<string, { name: string; id_number: string; region_code: string }>> {
      const out = new Map<string, { name: string; id_number: string; region_code: string }>();
      if (keys.length === 0) return out;
      const rows = await ex
        .selectFrom('persons')
        .select(['id', 'name', 'id_number_masked', 'region_code'])
        .where('county_code', 'in', [...new Set(keys.map((k) => k.county_code))])
        .where('id', 'in', keys.map((k) => k.id))
        .execute();
      for (const r of rows) out.set(r.id, { name: r.name, id_number: r.id_number_masked, region_code: r.region_code });
      return out;
    },

    /** A person by id with their derived tags (event subscribers that re-read current state). */
    async findTaggedRef(id: string, ex: Executor = db): Promise<(PersonRef & { tags: string[] }) | undefined> {
      const r = await repo.findById(id, ex);
      return r ? { ...toRef(r), tags: r.tags } : undefined;
    },

    /** A person by id inside the actor's scope (404 otherwise). */
    async getRef(actor: Actor, id: string): Promise<PersonRef> {
      return toRef(await getScoped(actor, id));
    },

    /** Look up by resident ID number (normalised) without scope checks. */
    async findRefByIdNumber(idNumber: string, idType = 'resident', ex: Executor = db): Promise<PersonRef | undefined> {
      const r = await repo.findByIdentity(idType, crypto.blindIndex('id_number', idNumber.trim().toUpperCase()), ex);
      return r ? toRef(r) : undefined;
    },

    /** Everything a rule may read about the person on `date` (knownAt: as recorded at that instant). */
    async factsAsOf(ref: PersonKey & { birth_date: string | null; sex: PersonRef['sex']; death_date: string | null }, date: string, opts: { knownAt?: Date; ex?: Executor } = {}): Promise<PersonFacts> {
      const rows = await repo.factsOn(ref, date, opts.knownAt, opts.ex ?? db);
      return personFactsFrom(rows, ref, date);
    },

    /**
     * Bulk reader for population runs (payroll): for persons of one county, their reference
     * (with the decrypted ID number when `withIdNumber`) and their facts on `date`. No scope check:
     * callers pass persons they are entitled to (e.g. their own enrolments).
     */
    async factsAsOfMany(countyCode: string, ids: string[], date: string, opts: { withIdNumber?: boolean; ex?: Executor } = {}): Promise<Map<string, { ref: PersonRef; facts: PersonFacts; id_number: string | null; id_number_masked: string }>> {
      const out = new Map<string, { ref: PersonRef; facts: PersonFacts; id_number: string | null; id_number_masked: string }>();
      const rows = await repo.bulkFactsOn({ ids, county: countyCode }, date, { withIdNumber: !!opts.withIdNumber, ...(opts.ex ? { ex: opts.ex } : {}) });
      for (const p of rows) {
        const { facts, tags: _tags, id_number_enc, id_number_masked, ...rest } = p;
        const ref: PersonRef = rest;
        out.set(p.id, { ref, facts: personFactsFrom(Object.entries(facts).map(([fact, value]) => ({ fact, value })), ref, date), id_number: opts.withIdNumber ? crypto.decrypt(id_number_enc!) : null, id_number_masked });
      }
      return out;
    },

    /**
     * All persons of a region subtree in id order, in pages (no scope check: for jobs and other
     * modules' batch work; callers pass a region they are entitled to).
     */
    async *iterateRefs(region: string, opts: { anyTags?: string[]; aliveOnly?: boolean; pageSize?: number } = {}): AsyncGenerator<PersonRef & { tags: string[]; hukou_region_code: string | null }> {
      let after: string | null = null;
      const size = opts.pageSize ?? 5000;
      for (;;) {
        const rows = await repo.page(region, after, size, opts);
        for (const r of rows) yield { ...toRef(r), tags: r.tags, hukou_region_code: r.hukou_region_code };
        if (rows.length < size) return;
        after = rows[rows.length - 1]!.id;
      }
    },

    /**
     * Bulk fact reader for population runs (eligibility): pages of persons of a region subtree with
     * their facts on `date` (the same values as factsAsOf). One query per page; the next page is
     * fetched while the caller works on the current one. No scope check: callers pass a region
     * they are entitled to.
     */
    async *factsAsOfPages(region: string, date: string, opts: { pageSize?: number; ex?: Executor } = {}): AsyncGenerator<Array<{ ref: PersonRef & { tags: string[] }; facts: PersonFacts }>> {
      const size = opts.pageSize ?? 10_000;
      const county = countyOf(region);
      const fetch = (after: string | null) => repo.bulkFactsOn({ region, county, after, limit: size }, date, opts.ex ? { ex: opts.ex } : {});
      let next = fetch(null);
      for (;;) {
        const persons = await next;
        if (persons.length === size) next = fetch(persons[persons.length - 1]!.id);
        yield persons.map((p) => {
          const { facts, tags, id_number_enc: _enc, id_number_masked: _masked, ...ref } = p;
          return { ref: { ...ref, tags }, facts: personFactsFrom(Object.entries(facts).map(([fact, value]) => ({ fact, value })), p, date) };
        });
        if (persons.length < size) return;
      }
    },

    setFact,
    refreshCurrent,

    /** For modules that mark a person's status (deaths, merges): the row update + current columns. */
    async setStatus(ex: Executor, key: PersonKey, values: { status?: PersonRow['status']; alive?: boolean; death_date?: string | null; tags?: string[] }) {
      await repo.setCurrentColumns(key, values, ex);
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
