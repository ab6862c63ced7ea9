/**
 * Staff review lists: disagreements between departments (conflicts) and likely duplicate records
 * (same name and birth date; same name and resident ID numbers whose first 17 digits differ in one
 * place — two valid numbers always differ in the check digit too, since MOD 11-2 catches every
 * single-digit error). Merging keeps one record, moves the other's facts and events onto it and marks it
 * `merged` (audited).
 */
import { conflict, invalid, maskBirthDate, notFound, type DuplicatePair, type FactConflict, type FactName } from '@yiyang/core';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { assertRecordInScope, effectiveRegion, regionSubtree, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import type { PersonWriter } from './registry.writer';

export function createReview(deps: { db: Db; audit: AuditService; clock: Clock; writer: PersonWriter }) {
  const { db, audit, clock, writer } = deps;

  return {
    async listConflicts(actor: Actor, q: { region?: string | undefined; status: 'open' | 'resolved'; page: number; page_size: number }): Promise<{ items: FactConflict[]; total: number }> {
      requirePermission(actor, 'persons:read');
      const region = effectiveRegion(actor, q.region);
      const base = db
        .selectFrom('person_fact_conflicts as c')
        .innerJoin('persons as p', (j) => j.onRef('p.county_code', '=', 'c.county_code').onRef('p.id', '=', 'c.person_id'))
        .where(regionSubtree('p.region_code', region))
        .where('c.status', '=', q.status);
      const [rows, n] = await Promise.all([
        base
          .select(['c.id', 'c.person_id', 'p.name as person_name', 'p.id_number_masked', 'p.region_code', 'c.fact', 'c.incoming_value', 'c.incoming_source', 'c.incoming_valid_from', 'c.current_value', 'c.current_source', 'c.outcome', 'c.status', 'c.resolution', 'c.batch_id', 'c.created_at'])
          .orderBy('c.created_at', 'desc')
          .orderBy('c.id', 'desc')
          .limit(q.page_size)
          .offset((q.page - 1) * q.page_size)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          person_id: r.person_id,
          person_name: r.person_name,
          id_number: r.id_number_masked,
          region_code: r.region_code,
          fact: r.fact,
          incoming_value: r.incoming_value,
          incoming_source: r.incoming_source,
          incoming_valid_from: r.incoming_valid_from,
          current_value: r.current_value,
          current_source: r.current_source,
          outcome: r.outcome as FactConflict['outcome'],
          status: r.status as FactConflict['status'],
          resolution: r.resolution,
          batch_id: r.batch_id,
          created_at: r.created_at.toISOString(),
        })),
        total: Number(n.n),
      };
    },

    /**
     * Close a conflict. `use_incoming`/`use_current` record the chosen value as a staff entry
     * (valid from the incoming date) — staff outrank imports for later imports of that value.
     */
    async resolveConflict(actor: Actor, id: number, decision: 'keep' | 'use_incoming' | 'use_current', note?: string): Promise<{ ok: true }> {
      requirePermission(actor, 'persons:write');
      const c = await db
        .selectFrom('person_fact_conflicts as c')
        .innerJoin('persons as p', (j) => j.onRef('p.county_code', '=', 'c.county_code').onRef('p.id', '=', 'c.person_id'))
        .select(['c.county_code', 'c.person_id', 'c.id', 'c.fact', 'c.incoming_value', 'c.current_value', 'c.incoming_valid_from', 'c.status', 'p.region_code'])
        .where('c.id', '=', id)
        .executeTakeFirst();
      assertRecordInScope(actor, c?.region_code ?? null, '冲突记录');
      if (c!.status !== 'open') throw conflict('CONFLICT_ALREADY_RESOLVED', '该冲突已处理');
      await db.transaction().execute(async (trx) => {
        const key = { county_code: c!.county_code, id: c!.person_id };
        if (decision !== 'keep') {
          const value = decision === 'use_incoming' ? c!.incoming_value : c!.current_value;
          const w = await writer.writeFacts(trx, actor, [{ key, fact: c!.fact as FactName, value, validFrom: c!.incoming_valid_from, sourceType: 'user', sourceRef: `conflict:${id}` }]);
          if (w.changed.size) await writer.refreshPersons(trx, [key]);
        }
        await trx
          .updateTable('person_fact_conflicts')
          .set({ status: 'resolved', resolution: decision, resolved_by: actor.userId, resolved_at: clock.now() })
          .where('county_code', '=', c!.county_code)
          .where('person_id', '=', c!.person_id)
          .where('id', '=', id)
          .execute();
        await audit.record(trx, actor, { action: 'persons.conflict_resolve', entityType: 'person', entityId: c!.person_id, regionCode: c!.region_code, details: { conflict_id: id, fact: c!.fact, decision, note: note ?? null } });
      });
      return { ok: true };
    },

    /**
     * Find likely duplicates in a county and list new pairs (set-based; run as a job after
     * imports or on demand). The 17-digit body of a resident number is the masked prefix (6),
     * the stored birth date (8) and the masked sequence (3) — no decryption needed.
     */
    async scanDuplicates(county: string): Promise<number> {
      const r = await sql<{ n: number }>`
        with live as (
          select id, name, birth_date,
                 case when id_type = 'resident' and birth_date is not null
                      then left(id_number_masked, 6) || to_char(birth_date, 'YYYYMMDD') || substr(id_number_masked, 15, 3) end as k17
          from persons where county_code = ${county} and status <> 'merged'
        ),
        same_name_birth as (
          select a.id as a, b.id as b, 'same_name_birth' as reason
          from live a join live b on a.name = b.name and a.birth_date = b.birth_date and a.id < b.id
        ),
        variants as (
          select id, pos, overlay(k17 placing '?' from pos for 1) as v
          from live, generate_series(1, 17) as pos where k17 is not null
        ),
        one_digit as (
          select distinct least(a.id, b.id) as a, greatest(a.id, b.id) as b, 'id_one_digit' as reason
          from variants a join variants b on a.pos = b.pos and a.v = b.v and a.id < b.id
          -- Sequence numbers are dense (people born the same day in a county differ in one digit
          -- all the time): only the same name makes a one-digit difference a likely typo.
          join live la on la.id = a.id join live lb on lb.id = b.id and lb.name = la.name
        ),
        pairs as (select * from same_name_birth union select * from one_digit),
        ins as (
          insert into person_duplicates (county_code, person_a, person_b, reason, detected_at)
          select ${county}, a, b, reason, ${clock.now()} from pairs
          on conflict (person_a, person_b, reason) do nothing
          returning 1
        )
        select count(*)::int as n from ins`.execute(db);
      return r.rows[0]?.n ?? 0;
    },

    async listDuplicates(actor: Actor, q: { region?: string | undefined; status: 'open' | 'merged' | 'dismissed'; page: number; page_size: number }): Promise<{ items: DuplicatePair[]; total: number }> {
      requirePermission(actor, 'persons:read');
      const region = effectiveRegion(actor, q.region);
      const base = db
        .selectFrom('person_duplicates as d')
        .innerJoin('persons as a', 'a.id', 'd.person_a')
        .innerJoin('persons as b', 'b.id', 'd.person_b')
        .innerJoin('regions as ra', 'ra.code', 'a.region_code')
        .innerJoin('regions as rb', 'rb.code', 'b.region_code')
        .where(regionSubtree('a.region_code', region))
        .where(regionSubtree('b.region_code', region))
        .where('d.status', '=', q.status);
      const [rows, n] = await Promise.all([
        base
          .select([
            'd.id', 'd.reason', 'd.status', 'd.detected_at',
            'a.id as a_id', 'a.name as a_name', 'a.id_number_masked as a_idn', 'a.birth_date as a_birth', 'a.region_code as a_region', 'ra.name as a_region_name', 'a.status as a_status',
            'b.id as b_id', 'b.name as b_name', 'b.id_number_masked as b_idn', 'b.birth_date as b_birth', 'b.region_code as b_region', 'rb.name as b_region_name', 'b.status as b_status',
          ])
          .orderBy('d.detected_at', 'desc')
          .orderBy('d.id')
          .limit(q.page_size)
          .offset((q.page - 1) * q.page_size)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const birth = (d: string | null) => (actor.permissions.has('pii:reveal') ? d : maskBirthDate(d));
      return {
        items: rows.map((r) => ({
          id: r.id,
          reason: r.reason as DuplicatePair['reason'],
          status: r.status as DuplicatePair['status'],
          a: { id: r.a_id, name: r.a_name, id_number: r.a_idn, birth_date: birth(r.a_birth), region_code: r.a_region, region_name: r.a_region_name, status: r.a_status },
          b: { id: r.b_id, name: r.b_name, id_number: r.b_idn, birth_date: birth(r.b_birth), region_code: r.b_region, region_name: r.b_region_name, status: r.b_status },
          detected_at: r.detected_at.toISOString(),
        })),
        total: Number(n.n),
      };
    },

    async decideDuplicate(actor: Actor, id: number, decision: { merge: { keep: string; reason: string } } | { dismiss: true }): Promise<{ ok: true }> {
      requirePermission(actor, 'persons:write');
      const d = await db
        .selectFrom('person_duplicates as d')
        .innerJoin('persons as a', 'a.id', 'd.person_a')
        .innerJoin('persons as b', 'b.id', 'd.person_b')
        .select(['d.county_code', 'd.id', 'd.status', 'd.person_a', 'd.person_b', 'a.region_code as ra', 'b.region_code as rb', 'a.county_code as ca', 'b.county_code as cb', 'a.status as sa', 'b.status as sb'])
        .where('d.id', '=', id)
        .executeTakeFirst();
      assertRecordInScope(actor, d?.ra ?? null, '疑似重复记录');
      assertRecordInScope(actor, d!.rb, '疑似重复记录');
      if (d!.status !== 'open') throw conflict('DUPLICATE_ALREADY_DECIDED', '该疑似重复已处理');
      await db.transaction().execute(async (trx) => {
        const now = clock.now();
        if ('dismiss' in decision) {
          await trx.updateTable('person_duplicates').set({ status: 'dismissed', decided_by: actor.userId, decided_at: now }).where('county_code', '=', d!.county_code).where('id', '=', id).execute();
          await audit.record(trx, actor, { action: 'persons.duplicate_dismiss', entityType: 'person', entityId: d!.person_a, regionCode: d!.ra, details: { duplicate_id: id, other: d!.person_b } });
          return;
        }
        const { keep, reason } = decision.merge;
        if (keep !== d!.person_a && keep !== d!.person_b) throw invalid('MERGE_KEEP_INVALID', '保留的档案须是这一对中的一个');
        const kept = keep === d!.person_a ? { county_code: d!.ca, id: d!.person_a } : { county_code: d!.cb, id: d!.person_b };
        const gone = keep === d!.person_a ? { county_code: d!.cb, id: d!.person_b } : { county_code: d!.ca, id: d!.person_a };
        if ((keep === d!.person_a ? d!.sb : d!.sa) === 'merged') throw conflict('PERSON_ALREADY_MERGED', '该档案已被合并');
        // Facts the kept record lacks move over live; the rest move as history (superseded).
        await sql`insert into person_facts (county_code, person_id, fact, value, valid_from, valid_to, source_type, source_department, source_ref, recorded_at, recorded_by, superseded_at)
          select ${kept.county_code}, ${kept.id}::uuid, f.fact, f.value, f.valid_from, f.valid_to, f.source_type, f.source_department,
                 coalesce(f.source_ref, '') || ' merged:' || ${gone.id}, f.recorded_at, f.recorded_by,
                 case when f.superseded_at is not null then f.superseded_at
                      when exists (select 1 from person_facts k where k.county_code = ${kept.county_code} and k.person_id = ${kept.id}::uuid and k.fact = f.fact and k.superseded_at is null) then ${now}
                      else null end
          from person_facts f where f.county_code = ${gone.county_code} and f.person_id = ${gone.id}::uuid`.execute(trx);
        await trx.updateTable('person_facts').set({ superseded_at: now }).where('county_code', '=', gone.county_code).where('person_id', '=', gone.id).where('superseded_at', 'is', null).execute();
        await sql`insert into person_events (county_code, person_id, type, effective_date, details, source_type, source_department, source_ref, recorded_at, recorded_by)
          select ${kept.county_code}, ${kept.id}::uuid, type, effective_date, details, source_type, source_department, source_ref, recorded_at, recorded_by
          from person_events where county_code = ${gone.county_code} and person_id = ${gone.id}::uuid`.execute(trx);
        await trx.updateTable('persons').set({ status: 'merged', merged_into: kept.id, tags: [], updated_at: now }).where('county_code', '=', gone.county_code).where('id', '=', gone.id).execute();
        await trx.updateTable('person_duplicates').set({ status: 'merged', decided_by: actor.userId, decided_at: now }).where('county_code', '=', d!.county_code).where('id', '=', id).execute();
        await writer.refreshPersons(trx, [kept, gone], { forceChanged: new Set([gone.id]) });
        await audit.record(trx, actor, { action: 'persons.merge', entityType: 'person', entityId: kept.id, regionCode: keep === d!.person_a ? d!.ra : d!.rb, details: { duplicate_id: id, merged: gone.id, reason } });
      });
      return { ok: true };
    },

    async getDuplicateCounty(id: number): Promise<string> {
      const d = await db.selectFrom('person_duplicates').select('county_code').where('id', '=', id).executeTakeFirst();
      if (!d) throw notFound('NOT_FOUND', '疑似重复记录不存在');
      return d.county_code;
    },
  };
}
