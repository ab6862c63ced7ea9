/**
 * Idempotent submissions (security target 23; the IETF `Idempotency-Key` header draft): a route
 * declares `config: { idempotent: true }`; a client that sends `Idempotency-Key: <key>` with it gets
 * the first response again for every repeat of the same request — a retry after a lost answer, a
 * double tap on a phone, twenty parallel submits — and the action happens once.
 *
 * - Keys are per signed-in user; a key is kept 24 hours.
 * - The same key with a different request (method, URL or body) is refused: 400 IDEMPOTENCY_KEY_REUSED.
 * - A repeat that arrives while the first is still running waits for it (up to 10 s), then answers
 *   with its result; if it is still running then, 409 IDEMPOTENCY_IN_PROGRESS (retry later).
 * - Responses with status ≥ 500 are not kept: the client may retry with the same key.
 * - Without the header the route behaves as before (the header is optional).
 */
import { createHash } from 'node:crypto';
import { conflict, invalid } from '@yiyang/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Clock } from '../platform/clock';
import './idempotency.tables';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAY_HEADER = 'idempotent-replayed';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/; // visible ASCII, as the draft allows
const KEEP_MS = 24 * 3600_000;
const WAIT_MS = 10_000;
const POLL_MS = 50;

interface Held {
  region_code: string;
  user_id: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** POST routes whose effect must happen once per `Idempotency-Key`. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: Held | null;
  }
}

function requestHash(req: FastifyRequest): string {
  const h = createHash('sha256').update(`${req.method} ${req.url}\n`);
  const body = req.body;
  if (Buffer.isBuffer(body)) h.update(body);
  else if (typeof body === 'string') h.update(body);
  else if (body !== undefined) h.update(JSON.stringify(body));
  return h.digest('hex');
}

export function installIdempotency(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  const { db, clock } = deps;
  app.decorateRequest('idempotency', null);
  // The OpenAPI document says which routes honour the header.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    schema['x-idempotent'] = true;
  });

  app.addHook('preHandler', async (req, reply) => {
    if (!req.routeOptions.config?.idempotent) return;
    const raw = req.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw[0]! : raw;
    if (!KEY_PATTERN.test(key)) throw invalid('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 须为 1–200 个可见 ASCII 字符');
    const actor = req.actor;
    if (!actor?.userId) return; // only signed-in users reach these routes
    const held: Held = { region_code: actor.regionCode, user_id: actor.userId, key };
    const route = `${req.method} ${req.routeOptions.url}`;
    const hash = requestHash(req);
    const now = clock.now();
    // A key older than the keeping period starts afresh.
    await db
      .deleteFrom('idempotency_keys')
      .where('region_code', '=', held.region_code)
      .where('user_id', '=', held.user_id)
      .where('key', '=', key)
      .where('created_at', '<', new Date(now.getTime() - KEEP_MS))
      .execute();
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({ ...held, route, request_hash: hash, status: 'in_progress', status_code: null, content_type: null, response_body: null, created_at: now, completed_at: null })
      .onConflict((oc) => oc.columns(['region_code', 'user_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) {
      req.idempotency = held;
      return;
    }
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const row = await db.selectFrom('idempotency_keys').selectAll().where('region_code', '=', held.region_code).where('user_id', '=', held.user_id).where('key', '=', key).executeTakeFirst();
      if (!row) {
        // The first attempt failed (≥ 500) and released the key: this repeat is a plain retry.
        const again = await db
          .insertInto('idempotency_keys')
          .values({ ...held, route, request_hash: hash, status: 'in_progress', status_code: null, content_type: null, response_body: null, created_at: clock.now(), completed_at: null })
          .onConflict((oc) => oc.columns(['region_code', 'user_id', 'key']).doNothing())
          .returning('key')
          .executeTakeFirst();
        if (again) {
          req.idempotency = held;
          return;
        }
        continue;
      }
      if (row.request_hash !== hash) {
        throw invalid('IDEMPOTENCY_KEY_REUSED', `该 Idempotency-Key 已用于另一请求（${row.route}），请为新的提交使用新的键`);
      }
      if (row.status === 'done') {
        reply.header(REPLAY_HEADER, 'true');
        if (row.content_type) reply.header('content-type', row.content_type);
        return reply.status(row.status_code ?? 200).send(row.response_body ?? '');
      }
      if (Date.now() >= deadline) throw conflict('IDEMPOTENCY_IN_PROGRESS', '相同的提交正在处理中，请稍后重试');
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const held = req.idempotency;
    if (!held) return payload;
    req.idempotency = null;
    const where = sql`region_code = ${held.region_code} and user_id = ${held.user_id}::uuid and key = ${held.key}`;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    if (reply.statusCode >= 500 || body === null) {
      // Not kept: a server failure (the client retries with the same key) or a stream.
      await sql`delete from idempotency_keys where ${where}`.execute(db);
      return payload;
    }
    const type = reply.getHeader('content-type');
    await sql`update idempotency_keys set status = 'done', status_code = ${reply.statusCode}, content_type = ${typeof type === 'string' ? type : null},
      response_body = ${body}, completed_at = ${clock.now()} where ${where}`.execute(db);
    return payload;
  });
}
