/**
 * Hash chain of the audit trail: hash_n = HMAC-SHA256(key, hash_{n-1} ‖ canonical(entry_n)).
 * Keyed, so someone with write access to the database alone cannot rebuild a valid chain after
 * editing a row. Canonical JSON sorts object keys, so jsonb's key reordering does not matter.
 */
import { createHmac } from 'node:crypto';
import type { AuditLogTable } from './audit.tables';

/** Every column of an audit row except the chain itself. */
export type ChainedFields = Omit<AuditLogTable, 'prev_hash' | 'hash'>;

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const keys = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainHash(key: Buffer, prevHash: string, f: ChainedFields): string {
  const payload = canonicalJson({ ...f, at: f.at.toISOString() });
  return createHmac('sha256', key).update(prevHash).update('\n').update(payload).digest('hex');
}
