/**
 * Keeps the visit roster in line with the registry: everyone alive with a special-hardship tag is
 * on it (000 三(二)7: 及时排查…特殊困难老年人; 004 二(二)4), a lost tag or a death takes them off
 * (the row and its history stay). Fed by the registry events and by a full rebuild that reads
 * `registry.iterateRefs`, so the roster is right even for changes no event reported.
 */
import { randomUUID } from 'node:crypto';
import { HARDSHIP_TAG_CODES, isInRegion, visitFrequencyFor, type PlainDate, type VisitPolicy } from '@yiyang/core';
import type { Db, Executor } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { RegistryService } from '../registry';
import type { VisitPolicyProvider } from './visit-policy';
import type { RosterRow, VisitsRepository } from './visits.repository';

/** What the registry tells us about a person (the `person.changed` payload). */
export interface PersonState {
  county_code: string;
  person_id: string;
  region_code: string;
  tags: string[];
  alive: boolean;
  status: string;
}

type RemovalReason = NonNullable<RosterRow['removed_reason']>;

const HARDSHIP = new Set<string>(HARDSHIP_TAG_CODES);

export function hardshipTags(tags: readonly string[]): string[] {
  return [...new Set(tags.filter((t) => HARDSHIP.has(t)))].sort();
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function removalReason(s: PersonState): RemovalReason {
  if (!s.alive || s.status === 'deceased') return 'died';
  if (s.status === 'merged') return 'merged';
  if (s.status === 'moved_out') return 'moved_out';
  return 'tags_lost';
}

/** The assigned visitor keeps a person who moves within their area; a move elsewhere hands over. */
function keepsVisitor(oldRegion: string, newRegion: string): boolean {
  return isInRegion(newRegion, oldRegion) || isInRegion(oldRegion, newRegion);
}

export interface SyncResult {
  enrolled: number;
  removed: number;
  updated: number;
  unchanged: number;
}

export function createRosterSync(deps: { db: Db; repo: VisitsRepository; registry: RegistryService; policy: VisitPolicyProvider; clock: Clock }) {
  const { db, repo, registry, policy, clock } = deps;

  async function policyCached(cache: Map<string, VisitPolicy>, county: string, today: PlainDate, ex: Executor): Promise<VisitPolicy> {
    let p = cache.get(county);
    if (!p) {
      p = await policy.forCounty(county, today, ex);
      cache.set(county, p);
    }
    return p;
  }

  /**
   * Bring one person's roster row in line with their registry state. Returns what changed.
   * `actorName` goes into the roster history (e.g. `event:person.changed`, `job:rebuild`).
   */
  async function apply(
    trx: Executor,
    s: PersonState,
    o: { actorName: string; existing?: RosterRow | undefined; cache?: Map<string, VisitPolicy>; syncRun?: string; removedOn?: PlainDate; reason?: RemovalReason },
  ): Promise<keyof SyncResult> {
    const today = clock.today();
    const row = o.existing ?? (await repo.findRoster(s.person_id, trx, true));
    const tags = hardshipTags(s.tags);
    const eligible = s.alive && s.status === 'active' && tags.length > 0 && !o.reason;
    const key = { county_code: row?.county_code ?? s.county_code, person_id: s.person_id };
    const history: Array<{ change: string; details: unknown }> = [];

    if (eligible) {
      const pol = await policyCached(o.cache ?? new Map(), s.county_code, today, trx);
      if (!row) {
        const frequency = visitFrequencyFor(pol, tags, 'low');
        await repo.insertRoster(
          { county_code: s.county_code, person_id: s.person_id, region_code: s.region_code, grid: null, tags, frequency, enrolled_on: today, removed_on: null, removed_reason: null, willingness_on: null, visitor_id: null, visitor_name: null, assigned_at: null, last_visited_on: null, last_visit_at: null, sync_run: o.syncRun ?? null },
          trx,
        );
        await repo.addHistory(trx, [{ ...key, change: 'enrolled', details: { tags, region_code: s.region_code, frequency }, actor: o.actorName }]);
        return 'enrolled';
      }
      const frequency = visitFrequencyFor(pol, tags, row.risk_tier);
      const values: Record<string, unknown> = {};
      let outcome: keyof SyncResult = 'updated';
      if (!row.active) {
        Object.assign(values, { active: true, enrolled_on: today, removed_on: null, removed_reason: null });
        history.push({ change: 'enrolled', details: { tags, region_code: s.region_code, frequency, re_enrolled: true } });
        outcome = 'enrolled';
      }
      if (!sameTags(row.tags, tags)) {
        values.tags = tags;
        history.push({ change: 'tags', details: { from: row.tags, to: tags } });
      }
      if (row.region_code !== s.region_code) {
        values.region_code = s.region_code;
        history.push({ change: 'region', details: { from: row.region_code, to: s.region_code } });
        if (row.visitor_id && !keepsVisitor(row.region_code, s.region_code)) {
          Object.assign(values, { visitor_id: null, visitor_name: null, assigned_at: null });
          history.push({ change: 'unassigned', details: { visitor_id: row.visitor_id, visitor_name: row.visitor_name, reason: 'moved' } });
        }
      }
      if (row.frequency !== frequency) {
        values.frequency = frequency;
        history.push({ change: 'frequency', details: { from: row.frequency, to: frequency } });
      }
      if (o.syncRun) values.sync_run = o.syncRun;
      // Unchanged rows are marked seen by the caller, in bulk.
      if (history.length === 0) return 'unchanged';
      await repo.updateRoster(key, values, trx);
      await repo.addHistory(trx, history.map((h) => ({ ...key, ...h, actor: o.actorName })));
      return outcome;
    }

    if (!row) return 'unchanged';
    if (!row.active) {
      // Keep the region current so the history stays in the right scope.
      if (row.region_code !== s.region_code && s.region_code) await repo.updateRoster(key, { region_code: s.region_code, ...(o.syncRun ? { sync_run: o.syncRun } : {}) }, trx);
      return 'unchanged';
    }
    const reason = o.reason ?? removalReason(s);
    const removedOn = o.removedOn && o.removedOn < today ? o.removedOn : today;
    await repo.updateRoster(
      key,
      { active: false, removed_on: removedOn, removed_reason: reason, tags, visitor_id: null, visitor_name: null, assigned_at: null, ...(o.syncRun ? { sync_run: o.syncRun } : {}) },
      trx,
    );
    await repo.addHistory(trx, [{ ...key, change: 'removed', details: { reason, removed_on: removedOn, tags, visitor_id: row.visitor_id, visitor_name: row.visitor_name }, actor: o.actorName }]);
    if (reason === 'died') {
      await repo.resolveAlerts(key, ['danger', 'unreachable', 'overdue'], { at: clock.now(), by: null, resolution: '老人已故，预警关闭', visitId: null }, trx);
    }
    return 'removed';
  }

  /** The current registry state of one person (for stale rows the batch reader did not return). */
  async function stateOf(personId: string): Promise<PersonState | null> {
    // One row read: this runs for every person.changed event (a bulk import publishes one per person).
    const ref = await registry.findTaggedRef(personId);
    if (!ref) return null;
    return { county_code: ref.county_code, person_id: ref.id, region_code: ref.region_code, tags: ref.tags, alive: ref.alive, status: ref.status };
  }

  return {
    apply,

    /**
     * `person.changed`. The payload is a snapshot taken when the event was published; the queue
     * may deliver it after later changes (a creation event drained after the person was tagged),
     * and applying the stale snapshot would drop the person from the roster and lose their
     * visitor. So the event only says *who* changed: the state is read from the registry now.
     */
    async onPersonChanged(s: PersonState): Promise<keyof SyncResult> {
      const current = await stateOf(s.person_id);
      if (!current) return 'unchanged'; // gone from the registry: the next rebuild retires the row
      return db.transaction().execute((trx) => apply(trx, current, { actorName: 'event:person.changed' }));
    },

    /** `person.died` */
    async onPersonDied(p: { county_code: string; person_id: string; death_date?: string | null }): Promise<keyof SyncResult> {
      return db.transaction().execute(async (trx) => {
        const row = await repo.findRoster(p.person_id, trx, true);
        if (!row) return 'unchanged';
        return apply(trx, { county_code: row.county_code, person_id: p.person_id, region_code: row.region_code, tags: row.tags, alive: false, status: 'deceased' }, {
          actorName: 'event:person.died',
          existing: row,
          reason: 'died',
          ...(p.death_date ? { removedOn: p.death_date } : {}),
        });
      });
    },

    /** `person.moved`: the region changes; outside the visitor's area the assignment is handed over. */
    async onPersonMoved(p: { person_id: string; to_region: string }): Promise<keyof SyncResult> {
      return db.transaction().execute(async (trx) => {
        const row = await repo.findRoster(p.person_id, trx, true);
        if (!row || row.region_code === p.to_region) return 'unchanged';
        return apply(trx, { county_code: row.county_code, person_id: p.person_id, region_code: p.to_region, tags: row.tags, alive: true, status: row.active ? 'active' : 'moved_out' }, {
          actorName: 'event:person.moved',
          existing: row,
        });
      });
    },

    /**
     * Full rebuild of a region's roster from the registry: enrol, update, recompute frequencies
     * (after a policy change) and remove whoever the registry no longer tags. Idempotent.
     */
    async rebuild(region: string, onProgress?: (done: number) => Promise<void>): Promise<SyncResult & { seen: number }> {
      const run = randomUUID();
      const cache = new Map<string, VisitPolicy>();
      const result: SyncResult & { seen: number } = { enrolled: 0, removed: 0, updated: 0, unchanged: 0, seen: 0 };
      let batch: PersonState[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const states = batch;
        batch = [];
        await db.transaction().execute(async (trx) => {
          const existing = new Map((await repo.findRosterMany(states.map((s) => s.person_id), trx)).map((r) => [r.person_id, r]));
          const seen = [];
          for (const s of states) {
            const outcome = await apply(trx, s, { actorName: 'job:visits.rebuild_roster', existing: existing.get(s.person_id), cache, syncRun: run });
            result[outcome]++;
            if (outcome === 'unchanged') seen.push({ county_code: s.county_code, person_id: s.person_id });
          }
          await repo.markSeen(seen, run, trx);
        });
        result.seen += states.length;
        if (onProgress) await onProgress(result.seen);
      };
      for await (const p of registry.iterateRefs(region, { anyTags: [...HARDSHIP_TAG_CODES], aliveOnly: true })) {
        batch.push({ county_code: p.county_code, person_id: p.id, region_code: p.region_code, tags: p.tags, alive: p.alive, status: p.status });
        if (batch.length >= 1000) await flush();
      }
      await flush();
      // Rows the reader did not return: tag lost, died, moved away or gone from the registry.
      for (;;) {
        const stale = await repo.staleActive(region, run, 200);
        if (stale.length === 0) break;
        for (const row of stale) {
          const s = await stateOf(row.person_id);
          const outcome = await db.transaction().execute((trx) =>
            s
              ? apply(trx, s, { actorName: 'job:visits.rebuild_roster', existing: row, cache, syncRun: run })
              : apply(trx, { county_code: row.county_code, person_id: row.person_id, region_code: row.region_code, tags: [], alive: true, status: 'active' }, { actorName: 'job:visits.rebuild_roster', existing: row, syncRun: run, reason: 'left_registry' }),
          );
          result[outcome]++;
          // Still on the roster (tagged after the reader passed, or moved within the region): seen.
          if (outcome !== 'removed') await repo.markSeen([{ county_code: row.county_code, person_id: row.person_id }], run, db);
        }
      }
      return result;
    },
  };
}
export type RosterSync = ReturnType<typeof createRosterSync>;
