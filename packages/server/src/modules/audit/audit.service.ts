/**
 * The audit trail (审计日志): every write, login, failed login and reveal of sensitive data.
 * Entries are written in the caller's transaction, so the business change and its audit row
 * commit together or not at all (security target 11).
 */
import type { AuditEntry, AuditQuery, AuditVerifyResult } from '@yiyang/core';
import type { z } from 'zod';
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { regionSubtree } from '../../platform/scope';
import type { Clock } from '../../platform/clock';
import { chainHash, type ChainedFields } from './audit-chain';
import { maskForAudit } from './audit-masking';
import type { AuditLogTable } from './audit.tables';

export interface AuditRecord {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  /** Region of the record acted on; decides who may read the entry. Defaults to the actor's region. */
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
  outcome?: 'success' | 'failure';
}

export type AuditQueryInput = z.infer<typeof AuditQuery>;
export type VerifyResult = z.infer<typeof AuditVerifyResult>;

export interface AuditService {
  record(executor: Executor, actor: Actor, rec: AuditRecord): Promise<void>;
  list(actor: Actor, q: AuditQueryInput): Promise<{ items: AuditEntry[]; total: number }>;
  iterate(actor: Actor, q: Omit<AuditQueryInput, 'page' | 'page_size'>): AsyncGenerator<AuditEntry>;
  verify(): Promise<VerifyResult>;
}

function toEntry(r: AuditLogTable & { region_name?: string | null }): AuditEntry {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actor_id: r.actor_id,
    actor_username: r.actor_username,
    actor_org_id: r.actor_org_id,
    region_code: r.region_code,
    region_name: r.region_name ?? null,
    action: r.action,
    entity_type: r.entity_type,
    entity_id: r.entity_id,
    outcome: r.outcome,
    ip: r.ip,
    request_id: r.request_id,
    before: r.before ?? null,
    after: r.after ?? null,
    details: r.details ?? null,
  };
}

/** Start of a China-time calendar day as an instant. */
function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function createAuditService(deps: { db: Db; key: Buffer; clock: Clock }): AuditService {
  const { db, key, clock } = deps;

  async function append(trx: Executor, actor: Actor, rec: AuditRecord): Promise<void> {
    // The chain head row is the serialisation point: seq stays contiguous and each hash sees its predecessor.
    const head = await trx
      .selectFrom('audit_chain_head')
      .select(['last_seq', 'last_hash'])
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const fields: ChainedFields = {
      seq: head.last_seq + 1,
      at: clock.now(),
      actor_id: actor.userId,
      actor_username: actor.username,
      actor_org_id: actor.orgId,
      region_code: rec.regionCode === undefined ? actor.regionCode : rec.regionCode,
      action: rec.action,
      entity_type: rec.entityType ?? null,
      entity_id: rec.entityId ?? null,
      outcome: rec.outcome ?? 'success',
      ip: actor.ip ?? null,
      request_id: actor.requestId ?? null,
      // Round-trip through JSON so the hashed value equals what jsonb gives back.
      before: normalise(maskForAudit(rec.before)),
      after: normalise(maskForAudit(rec.after)),
      details: normalise(maskForAudit(rec.details)),
    };
    const hash = chainHash(key, head.last_hash, fields);
    await trx
      .insertInto('audit_log')
      .values({
        ...fields,
        outcome: fields.outcome as 'success' | 'failure',
        before: jsonb(fields.before),
        after: jsonb(fields.after),
        details: jsonb(fields.details),
        prev_hash: head.last_hash,
        hash,
      })
      .execute();
    await trx
      .updateTable('audit_chain_head')
      .set({ last_seq: fields.seq, last_hash: hash })
      .where('id', '=', 1)
      .execute();
  }

  function filtered(actor: Actor, q: Omit<AuditQueryInput, 'page' | 'page_size'>) {
    let query = db.selectFrom('audit_log').where(regionSubtree('region_code', actor.regionCode));
    if (actor.regionCode !== '000000') query = query.where('region_code', 'is not', null);
    if (q.actor) query = query.where('actor_username', '=', q.actor);
    if (q.action) query = query.where('action', 'like', `${q.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (q.entity_type) query = query.where('entity_type', '=', q.entity_type);
    if (q.entity_id) query = query.where('entity_id', '=', q.entity_id);
    if (q.outcome) query = query.where('outcome', '=', q.outcome);
    if (q.from) query = query.where('at', '>=', chinaDayStart(q.from));
    if (q.to) query = query.where('at', '<', new Date(chinaDayStart(q.to).getTime() + 86_400_000));
    return query;
  }

  return {
    async record(executor, actor, rec) {
      if (executor.isTransaction) return append(executor, actor, rec);
      await executor.transaction().execute((trx) => append(trx, actor, rec));
    },

    async list(actor, q) {
      const base = filtered(actor, q);
      const [rows, count] = await Promise.all([
        base
          .leftJoin('regions', 'regions.code', 'audit_log.region_code')
          .selectAll('audit_log')
          .select('regions.name as region_name')
          .orderBy('seq', 'desc')
          .limit(q.page_size)
          .offset((q.page - 1) * q.page_size)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toEntry), total: Number(count.n) };
    },

    async *iterate(actor, q) {
      let after = Number.MAX_SAFE_INTEGER;
      for (;;) {
        const rows = await filtered(actor, q)
          .leftJoin('regions', 'regions.code', 'audit_log.region_code')
          .selectAll('audit_log')
          .select('regions.name as region_name')
          .where('seq', '<', after)
          .orderBy('seq', 'desc')
          .limit(1000)
          .execute();
        for (const r of rows) yield toEntry(r);
        if (rows.length < 1000) return;
        after = rows[rows.length - 1]!.seq;
      }
    },

    async verify() {
      const problems: VerifyResult['problems'] = [];
      let expectedSeq = 1;
      let prevHash = 'genesis';
      let checked = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '>=', expectedSeq)
          .orderBy('seq')
          .limit(2000)
          .execute();
        if (rows.length === 0) break;
        for (const r of rows) {
          if (r.seq !== expectedSeq) {
            problems.push({ seq: expectedSeq, problem: `缺少第${expectedSeq}至${r.seq - 1}条记录（已被删除）` });
          }
          if (r.prev_hash !== prevHash) {
            problems.push({ seq: r.seq, problem: '前序哈希不一致（记录被删除或篡改）' });
          }
          const { prev_hash: _p, hash, ...fields } = r;
          const recomputed = chainHash(key, r.prev_hash, fields);
          if (recomputed !== hash) problems.push({ seq: r.seq, problem: '记录内容与哈希不符（已被篡改）' });
          prevHash = hash;
          expectedSeq = r.seq + 1;
          checked++;
        }
      }
      const head = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirst();
      if (!head) problems.push({ seq: 0, problem: '链头记录缺失' });
      else if (head.last_seq !== expectedSeq - 1 || head.last_hash !== prevHash) {
        problems.push({ seq: head.last_seq, problem: `链头指向第${head.last_seq}条，但日志止于第${expectedSeq - 1}条（末尾记录被删除或篡改）` });
      }
      return { ok: problems.length === 0, checked, problems };
    },
  };
}

function normalise(v: unknown): unknown {
  return v === null || v === undefined ? null : JSON.parse(JSON.stringify(v));
}

/** Bind a JS value as jsonb (both drivers would otherwise send arrays as PG arrays). */
function jsonb(v: unknown) {
  return v === null ? null : sql`${JSON.stringify(v)}::jsonb`;
}

