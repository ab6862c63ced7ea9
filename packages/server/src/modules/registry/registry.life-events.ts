/**
 * Life events (动态管理, 000 三(二)6; 004 二(二)5): death, move, hukou transfer, entering and
 * leaving an institution, change of economic status — each with its effective date, recorded in
 * person_events with provenance, turned into facts/status, and published to the modules
 * downstream. A death ends benefits, visits and services: `person.died` is published once per
 * person (idempotency key = person id), however often the death is recorded or re-imported.
 */
import { invalid, type LifeEventInput, type LifeEventType } from '@yiyang/core';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { EventBus } from '../../jobs/events';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { PersonKey } from './registry.repository';
import type { FactSourceType, FactWrite, PersonWriter } from './registry.writer';

export interface DeathRecord {
  key: PersonKey;
  deathDate: string;
  sourceType: FactSourceType;
  sourceDepartment: string | null;
  sourceRef: string | null;
}

export function createLifeEvents(deps: { clock: Clock; events: EventBus; writer: PersonWriter }) {
  const { clock, events, writer } = deps;

  async function insertEvents(
    ex: Executor,
    actor: Actor,
    rows: Array<{ key: PersonKey; type: LifeEventType; date: string; details: unknown; sourceType: string; sourceDepartment: string | null; sourceRef: string | null }>,
  ) {
    if (rows.length === 0) return;
    await sql`insert into person_events (county_code, person_id, type, effective_date, details, source_type, source_department, source_ref, recorded_at, recorded_by)
      select c, p, t, d, x::jsonb, st, sd, sr, ${clock.now()}, ${actor.userId}::uuid
      from unnest(${rows.map((r) => r.key.county_code)}::text[], ${rows.map((r) => r.key.id)}::uuid[], ${rows.map((r) => r.type)}::text[],
                  ${rows.map((r) => r.date)}::date[], ${rows.map((r) => JSON.stringify(r.details ?? {}))}::text[], ${rows.map((r) => r.sourceType)}::text[],
                  ${rows.map((r) => r.sourceDepartment)}::text[], ${rows.map((r) => r.sourceRef)}::text[]) as e(c, p, t, d, x, st, sd, sr)`.execute(ex);
  }

  /**
   * Record deaths (batch-capable: the death-records import uses it too). A person already
   * recorded dead on the same date is a no-op; a corrected date updates the record but does not
   * publish person.died again. Returns the ids whose record changed.
   */
  async function recordDeaths(ex: Executor, actor: Actor, deaths: DeathRecord[]): Promise<Set<string>> {
    const changed = new Set<string>();
    if (deaths.length === 0) return changed;
    const r = await sql<{ id: string; county_code: string; region_code: string; tags: string[]; was_alive: boolean }>`
      with d(c, p, dd) as (select * from unnest(${deaths.map((x) => x.key.county_code)}::text[], ${deaths.map((x) => x.key.id)}::uuid[], ${deaths.map((x) => x.deathDate)}::date[])),
      old as (select p.county_code, p.id, p.alive from persons p join d on p.county_code = d.c and p.id = d.p for update of p)
      update persons p set alive = false, death_date = d.dd, status = case when p.status = 'merged' then p.status else 'deceased' end,
        tags = '{}', updated_at = ${clock.now()}, version = p.version + 1
      from d, old
      where p.county_code = d.c and p.id = d.p and old.county_code = d.c and old.id = d.p
        and (p.alive or p.death_date is distinct from d.dd)
      returning p.id, p.county_code, p.region_code, p.tags, old.alive as was_alive`.execute(ex);
    const byId = new Map(deaths.map((d) => [d.key.id, d]));
    await insertEvents(
      ex,
      actor,
      r.rows.map((row) => {
        const d = byId.get(row.id)!;
        return { key: d.key, type: 'death' as const, date: d.deathDate, details: {}, sourceType: d.sourceType, sourceDepartment: d.sourceDepartment, sourceRef: d.sourceRef };
      }),
    );
    const died = r.rows.filter((row) => row.was_alive);
    await events.publishMany(
      ex,
      'person.died',
      died.map((row) => ({ payload: { county_code: row.county_code, person_id: row.id, death_date: byId.get(row.id)!.deathDate }, key: row.id, regionCode: row.region_code })),
    );
    await events.publishMany(
      ex,
      'person.changed',
      r.rows.map((row) => ({
        payload: { county_code: row.county_code, person_id: row.id, region_code: row.region_code, tags: [], alive: false, status: 'deceased' },
        key: `${row.id}:${randomUUID()}`,
        regionCode: row.region_code,
      })),
    );
    for (const row of r.rows) changed.add(row.id);
    return changed;
  }

  /**
   * One staff-recorded life event. Facts are written valid from the effective date; the caller
   * has checked permission and scope on the person (a move may leave the caller's scope: the
   * record then belongs to the new region's staff, which is the point of a move).
   */
  async function apply(ex: Executor, actor: Actor, key: PersonKey, input: LifeEventInput): Promise<{ key: PersonKey; changed: boolean }> {
    if (input.effective_date > clock.today()) throw invalid('EVENT_DATE_FUTURE', '生效日期不能晚于今天');
    const src = { sourceType: 'event' as const, sourceDepartment: input.source_department ?? null, sourceRef: actor.userId };
    if (input.type === 'death') {
      const changed = await recordDeaths(ex, actor, [{ key, deathDate: input.effective_date, ...src }]);
      return { key, changed: changed.size > 0 };
    }
    const writes: FactWrite[] = [];
    const w = (fact: FactWrite['fact'], value: unknown) => writes.push({ key, fact, value, validFrom: input.effective_date, ...src });
    let details: Record<string, unknown> = {};
    switch (input.type) {
      case 'move':
        w('residence_region', input.to_region);
        details = { to_region: input.to_region };
        break;
      case 'hukou_transfer':
        w('hukou_region', input.to_region);
        details = { to_region: input.to_region };
        break;
      case 'enter_institution':
        w('living_arrangement', 'institution');
        w('institution_id', input.institution);
        details = { institution: input.institution };
        break;
      case 'leave_institution':
        w('living_arrangement', input.living_arrangement);
        w('institution_id', null);
        details = { living_arrangement: input.living_arrangement };
        break;
      case 'economic_status':
        w('economic_status', input.economic_status);
        details = { economic_status: input.economic_status };
        break;
    }
    if (input.note) details.note = input.note;
    const r = await writer.writeFacts(ex, actor, writes);
    if (r.changed.size === 0) return { key, changed: false };
    await insertEvents(ex, actor, [{ key, type: input.type, date: input.effective_date, details, ...src }]);
    const keys = await writer.refreshPersons(ex, [key], { moveDates: new Map([[key.id, input.effective_date]]) });
    return { key: keys.get(key.id) ?? key, changed: true };
  }

  return { recordDeaths, apply, insertEvents };
}
export type LifeEvents = ReturnType<typeof createLifeEvents>;
