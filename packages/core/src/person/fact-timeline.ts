/**
 * Bitemporal fact timeline arithmetic, shared by the single-fact write (staff entry, life event)
 * and the batched import: given the live (not superseded) records of one fact of one person and
 * an incoming value valid from a date, decide what to write. Pure, so both paths behave the same.
 *
 * Valid time is [valid_from, valid_to). A different value supersedes the record covering the date
 * (kept for "what did we know then"), re-inserting its earlier part with an end date, and runs
 * until the next recorded change (or the covering record's end).
 */
import type { FactName } from './facts';
import { outranks, precedenceSourceOf } from './precedence';

export interface LiveFact {
  id: number;
  value: unknown;
  valid_from: string;
  valid_to: string | null;
  source_type: string;
  source_department: string | null;
  source_ref: string | null;
}

export interface IncomingFact {
  fact: FactName;
  value: unknown;
  validFrom: string;
  sourceType: string;
  sourceDepartment: string | null;
  sourceRef: string | null;
}

export type NewFactRow = Omit<LiveFact, 'id'>;

export type FactPlan =
  /** The value is already in force on that date: nothing to write (re-imports are no-ops). */
  | { kind: 'same' }
  /** An import disagrees with a more authoritative source: keep the current value, list it. */
  | { kind: 'kept'; current: LiveFact }
  /** Write: supersede these ids and insert these rows; `overridden` = a different source's value replaced. */
  | { kind: 'apply'; supersede: number[]; inserts: NewFactRow[]; overridden: LiveFact | null };

/** Canonical JSON (values are scalars here, but keep key order stable for objects). */
export function canonicalValue(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalValue).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalValue(o[k])}`).join(',')}}`;
}

export function planFactChange(live: readonly LiveFact[], incoming: IncomingFact): FactPlan {
  const d = incoming.validFrom;
  const covering = live.find((r) => r.valid_from <= d && (r.valid_to === null || r.valid_to > d)) ?? null;
  const value = canonicalValue(incoming.value);
  if (covering && canonicalValue(covering.value) === value) return { kind: 'same' };
  const incomingSource = precedenceSourceOf(incoming.sourceType, incoming.sourceDepartment);
  if (covering && incoming.sourceType === 'import') {
    const currentSource = precedenceSourceOf(covering.source_type, covering.source_department);
    if (outranks(incoming.fact, currentSource, incomingSource)) return { kind: 'kept', current: covering };
  }
  // Deliberate writes (life events, staff entries) state the value "from this date on": records
  // that start later — e.g. the residence recorded when the file was created, before a move dated
  // earlier was known — are superseded. Dated imports slot into the timeline instead.
  const openEnded = incoming.sourceType === 'event' || incoming.sourceType === 'user';
  const later = openEnded ? live.filter((r) => r.valid_from > d) : [];
  let next: LiveFact | null = null;
  if (!openEnded) for (const r of live) if (r.valid_from > d && (next === null || r.valid_from < next.valid_from)) next = r;
  const inserts: NewFactRow[] = [];
  if (covering && covering.valid_from < d) {
    inserts.push({
      value: covering.value,
      valid_from: covering.valid_from,
      valid_to: d,
      source_type: covering.source_type,
      source_department: covering.source_department,
      source_ref: covering.source_ref,
    });
  }
  inserts.push({
    value: incoming.value,
    valid_from: d,
    valid_to: openEnded ? null : next ? next.valid_from : covering ? covering.valid_to : null,
    source_type: incoming.sourceType,
    source_department: incoming.sourceDepartment,
    source_ref: incoming.sourceRef,
  });
  const overridden =
    covering && precedenceSourceOf(covering.source_type, covering.source_department) !== incomingSource ? covering : null;
  return { kind: 'apply', supersede: [...(covering ? [covering.id] : []), ...later.map((r) => r.id)], inserts, overridden };
}
