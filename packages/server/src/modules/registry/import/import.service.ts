/**
 * Department imports (000 三(二)6; 004 二(二)5): a file of one source → validated rows → the
 * registry's set-based write path (registry.writer.ts), in chunks of CHUNK rows, each chunk one
 * transaction with its audit entry. Good rows are kept, bad rows reported with Excel's row
 * number, column and a code per kind of problem; re-importing the same file changes nothing
 * (upsert by the ID number's keyed hash; equal facts are no-ops). Files above
 * IMPORT_LIMITS.syncBytes (or `mode=async`) are spooled and imported by the job `registry.import`
 * with progress. See docs/registry-import.md.
 */
import {
  checkImportHeaders,
  invalid,
  isDomainError,
  IMPORT_SOURCES,
  isInRegion,
  maskIdNumber,
  maskPhone,
  validateImportRow,
  type FactName,
  type ImportBatch,
  type ImportResult,
  type ImportRowValues,
  type ImportSource,
  type ImportSourceKey,
} from '@yiyang/core';
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { sql } from 'kysely';
import type { FieldCrypto } from '../../../crypto/field-crypto';
import type { Db } from '../../../db/database';
import type { EventBus } from '../../../jobs/events';
import type { JobQueue } from '../../../jobs/queue';
import type { Actor } from '../../../platform/actor';
import type { Clock } from '../../../platform/clock';
import { assertRecordInScope, assertRegionInScope, hasPermission, regionSubtree, requirePermission } from '../../../platform/scope';
import type { Selectable } from 'kysely';
import type { PersonImportBatchesTable } from '../registry.tables';
import { errorReportWorkbook, templateWorkbook } from './import-workbooks';
import type { AuditService } from '../../audit';
import type { RegionService } from '../../regions';
import type { LifeEvents } from '../registry.life-events';
import type { PersonWriter, FactWrite } from '../registry.writer';
import { IMPORT_LIMITS, openImport, type ImportRow } from './import-file';
import { readSpool, removeSpool, spoolPath, spoolUpload } from './import-spool';

const CHUNK = 10_000;
/** Row errors returned in the JSON answer; all of them are in the XLSX report. */
const MAX_ERRORS_IN_RESPONSE = 1000;

interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

interface Counts {
  accepted: number;
  rejected: number;
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  rows: number;
}

interface ValidRow {
  row: number;
  cells: ImportRow['cells'];
  v: ImportRowValues;
  hmac: string;
  /** Encrypted identifiers, prepared while the previous chunk is being written. */
  enc?: Sealed;
}

interface Sealed {
  idEnc: string;
  idMasked: string;
  phoneEnc: string | null;
  phoneHmac: string | null;
  phoneMasked: string | null;
}

export interface ImportDeps {
  db: Db;
  audit: AuditService;
  regions: RegionService;
  crypto: FieldCrypto;
  clock: Clock;
  jobs: JobQueue;
  events: EventBus;
  writer: PersonWriter;
  lifeEvents: LifeEvents;
  dataDir: string;
  spoolKey: Buffer;
}

export function createImportService(d: ImportDeps) {
  const { db, audit, crypto, clock, writer, lifeEvents } = d;

  /** Region codes that exist (cached per import run). */
  function regionChecker() {
    const known = new Map<string, boolean>();
    return async (codes: string[]) => {
      const unknown = [...new Set(codes)].filter((c) => !known.has(c));
      if (unknown.length) {
        const names = await d.regions.namesOf(unknown);
        for (const c of unknown) known.set(c, names.has(c));
      }
      return (c: string) => known.get(c) === true;
    };
  }

  function seal(r: ValidRow): Sealed {
    if (r.enc) return r.enc;
    const phone = (r.v.phone as string | null) ?? null;
    r.enc = {
      idEnc: crypto.encrypt(r.v.id_number as string),
      idMasked: maskIdNumber(r.v.id_number as string)!,
      phoneEnc: phone ? crypto.encrypt(phone) : null,
      phoneHmac: phone ? crypto.blindIndex('phone', phone) : null,
      phoneMasked: maskPhone(phone),
    };
    return r.enc;
  }

  /** Write one chunk of valid rows; returns row errors found against the database. */
  async function applyChunk(actor: Actor, source: ImportSource, batchId: string, rows: ValidRow[], counts: Counts, regionExists: ReturnType<typeof regionChecker>): Promise<RowError[]> {
    const errors: RowError[] = [];
    const today = clock.today();
    const reject = (r: ValidRow, column: string, code: string, message: string) => errors.push({ row: r.row, column, code, message });
    if (source.createsPersons) {
      const exists = await regionExists(rows.flatMap((r) => [r.v.residence_region as string, ...(r.v.hukou_region ? [r.v.hukou_region as string] : [])]));
      rows = rows.filter((r) => {
        const res = r.v.residence_region as string;
        if (!isInRegion(res, actor.regionCode)) return reject(r, '居住地区划代码', 'REGION_OUT_OF_SCOPE', '居住地不在您的数据权限范围内'), false;
        if (!exists(res)) return reject(r, '居住地区划代码', 'REGION_NOT_FOUND', `区划代码${res}不存在（请先加载该地区的区划）`), false;
        if (r.v.hukou_region && !exists(r.v.hukou_region as string)) return reject(r, '户籍地区划代码', 'REGION_NOT_FOUND', `区划代码${String(r.v.hukou_region)}不存在`), false;
        return true;
      });
    }
    await db.transaction().execute(async (trx) => {
      const found = rows.length
        ? await trx
            .selectFrom('persons')
            .select(['county_code', 'id', 'region_code', 'name', 'id_number_hmac', 'phone_hmac', 'address', 'status'])
            .where('id_type', '=', 'resident')
            // One array parameter instead of one parameter per row.
            .where(sql<boolean>`id_number_hmac = any(${rows.map((r) => r.hmac)}::text[])`)
            .execute()
        : [];
      const byHmac = new Map(found.map((p) => [p.id_number_hmac, p]));
      const ok: Array<ValidRow & { person?: (typeof found)[number] }> = [];
      for (const r of rows) {
        const p = byHmac.get(r.hmac);
        if (p && !isInRegion(p.region_code, actor.regionCode)) {
          // Same answer whether the number is unknown or belongs elsewhere (no existence leak for
          // non-population sources); population data cannot take over another region's record.
          if (source.createsPersons) reject(r, '身份证号', 'PERSON_OUT_OF_SCOPE', '该身份证号已在其他辖区建档；如已迁入，请由原辖区办理迁移');
          else reject(r, '身份证号', 'PERSON_NOT_FOUND', '该身份证号在本辖区尚未建档，请先导入人口信息');
          continue;
        }
        if (!p && !source.createsPersons) {
          reject(r, '身份证号', 'PERSON_NOT_FOUND', '该身份证号在本辖区尚未建档，请先导入人口信息');
          continue;
        }
        if (p && !source.createsPersons && p.name !== r.v.name) {
          reject(r, '姓名', 'NAME_MISMATCH', `姓名与档案不一致（档案为“${p.name}”），请核对身份证号`);
          continue;
        }
        if (p?.status === 'merged') {
          reject(r, '身份证号', 'PERSON_MERGED', '该档案已合并到另一档案');
          continue;
        }
        ok.push(p ? { ...r, person: p } : r);
      }
      const fresh = new Set<string>();
      const writes: FactWrite[] = [];
      const touched = new Map<string, { county_code: string; id: string }>();
      const ref = batchId;
      const fact = (key: { county_code: string; id: string }, f: FactName, value: unknown, validFrom: string) =>
        writes.push({ key, fact: f, value, validFrom, sourceType: 'import', sourceDepartment: source.department, sourceRef: ref });
      let rowsUpdated = new Set<string>();
      const createdPersons: Array<{ id: string; county_code: string; region_code: string; tags: string[] }> = [];
      if (source.createsPersons) {
        const newRows = ok.filter((r) => !r.person);
        if (newRows.length) {
          const col = <T>(f: (r: ValidRow) => T) => newRows.map(f);
          const tagMemo = new Map<ValidRow, string[]>();
          const tagsOf = (r: ValidRow) => {
            let t = tagMemo.get(r);
            if (!t) tagMemo.set(r, (t = tagsFromFacts(r)));
            return t;
          };
          const tagsFromFacts = (r: ValidRow) =>
            writer.tagsFor(r.v.residence_region as string, [{ fact: 'residence_region', value: r.v.residence_region }, ...(r.v.hukou_region ? [{ fact: 'hukou_region', value: r.v.hukou_region }] : [])], {
              birth_date: r.v.birth_date as string,
              sex: r.v.sex as 'male' | 'female',
            });
          const inserted = await sql<{ id: string; county_code: string; id_number_hmac: string }>`
            insert into persons (county_code, region_code, hukou_region_code, id_type, id_number_enc, id_number_hmac, id_number_masked, name, sex, birth_date,
                                 phone_enc, phone_hmac, phone_masked, address, tags, created_at, updated_at)
            select left(rc, 6), rc, hr, 'resident', ie, ih, im, n, s, b, pe, ph, pm, a, case when tg = '' then '{}'::text[] else string_to_array(tg, ',') end, ${clock.now()}, ${clock.now()}
            from unnest(${col((r) => r.v.residence_region)}::text[], ${col((r) => r.v.hukou_region)}::text[], ${col((r) => seal(r).idEnc)}::text[],
                        ${col((r) => r.hmac)}::text[], ${col((r) => seal(r).idMasked)}::text[], ${col((r) => r.v.name)}::text[],
                        ${col((r) => r.v.sex)}::text[], ${col((r) => r.v.birth_date)}::date[],
                        ${col((r) => seal(r).phoneEnc)}::text[], ${col((r) => seal(r).phoneHmac)}::text[],
                        ${col((r) => seal(r).phoneMasked)}::text[], ${col((r) => r.v.address)}::text[], ${col((r) => tagsOf(r).join(','))}::text[])
              as t(rc, hr, ie, ih, im, n, s, b, pe, ph, pm, a, tg)
            on conflict (id_type, id_number_hmac) do nothing
            returning id, county_code, id_number_hmac`.execute(trx);
          const newByHmac = new Map(inserted.rows.map((p) => [p.id_number_hmac, p]));
          for (const r of newRows) {
            const p = newByHmac.get(r.hmac);
            if (p) createdPersons.push({ id: p.id, county_code: p.county_code, region_code: r.v.residence_region as string, tags: tagsOf(r) });
            if (!p) {
              // Created concurrently by another import: treat as a conflict of this row.
              reject(r, '身份证号', 'PERSON_CONCURRENT', '该人员正被另一导入同时建档，请稍后重新导入该行');
              continue;
            }
            fresh.add(p.id);
            touched.set(p.id, p);
            fact(p, 'residence_region', r.v.residence_region, today);
            if (r.v.hukou_region) fact(p, 'hukou_region', r.v.hukou_region, today);
          }
          counts.created += inserted.rows.length;
        }
        const existing = ok.filter((r) => r.person);
        if (existing.length) {
          // Name, phone and address are not facts: the population register's current values win.
          const col = <T>(f: (r: ValidRow) => T) => existing.map(f);
          const upd = await sql<{ id: string }>`
            update persons p set name = t.n, phone_enc = t.pe, phone_hmac = t.ph, phone_masked = t.pm, address = t.a, version = p.version + 1, updated_at = ${clock.now()}
            from unnest(${existing.map((r) => r.person!.county_code)}::text[], ${existing.map((r) => r.person!.id)}::uuid[], ${col((r) => r.v.name)}::text[],
                        ${col((r) => seal(r).phoneEnc)}::text[], ${col((r) => seal(r).phoneHmac)}::text[],
                        ${col((r) => seal(r).phoneMasked)}::text[], ${col((r) => r.v.address)}::text[]) as t(c, i, n, pe, ph, pm, a)
            where p.county_code = t.c and p.id = t.i and (p.name, p.phone_hmac, p.address) is distinct from (t.n, t.ph, t.a)
            returning p.id`.execute(trx);
          rowsUpdated = new Set(upd.rows.map((x) => x.id));
          for (const r of existing) {
            const p = r.person!;
            touched.set(p.id, p);
            fact(p, 'residence_region', r.v.residence_region, today);
            if (r.v.hukou_region) fact(p, 'hukou_region', r.v.hukou_region, today);
          }
        }
      } else if (source.key === 'death') {
        const deaths = ok.map((r) => ({
          key: { county_code: r.person!.county_code, id: r.person!.id },
          deathDate: r.v.death_date as string,
          sourceType: 'import' as const,
          sourceDepartment: (r.v.death_source as string | null) ?? source.department,
          sourceRef: batchId,
        }));
        rowsUpdated = await lifeEvents.recordDeaths(trx, actor, deaths);
      } else {
        for (const r of ok) {
          const p = r.person!;
          touched.set(p.id, p);
          const validFrom = (source.dateColumn ? (r.v[source.dateColumn] as string | null) : null) ?? today;
          for (const c of source.columns) if (c.fact && r.v[c.key] !== null && r.v[c.key] !== undefined) fact(p, c.fact, r.v[c.key], validFrom);
        }
      }
      const w = await writer.writeFacts(trx, actor, writes, { fresh, batchId });
      const existingChanged = [...w.changed].filter((id) => !fresh.has(id)).map((id) => touched.get(id)!);
      await writer.refreshPersons(trx, existingChanged);
      // Creation is a change too (person.changed contract, docs/developing-a-module.md).
      await d.events.publishMany(
        trx,
        'person.changed',
        createdPersons.map((p) => ({
          payload: { county_code: p.county_code, person_id: p.id, region_code: p.region_code, tags: p.tags, alive: true, status: 'active' },
          key: `${p.id}:created`,
          regionCode: p.region_code,
        })),
      );
      const changedPersons = new Set([...w.changed].filter((id) => !fresh.has(id)));
      for (const id of rowsUpdated) changedPersons.add(id);
      const accepted = ok.length - errors.filter((e) => e.code === 'PERSON_CONCURRENT').length;
      counts.accepted += accepted;
      counts.updated += changedPersons.size;
      counts.unchanged += Math.max(0, accepted - changedPersons.size - fresh.size);
      counts.conflicts += w.conflicts;
      if (fresh.size || changedPersons.size || w.conflicts) {
        await audit.record(trx, actor, {
          action: 'persons.import',
          entityType: 'person_import_batch',
          entityId: batchId,
          regionCode: actor.regionCode,
          details: { source: source.key, rows: rows.length, created: fresh.size, updated: changedPersons.size, conflicts: w.conflicts },
        });
      }
    });
    return errors;
  }

  async function saveErrors(batchId: string, rows: Array<{ row: number; cells: ImportRow['cells']; errors: RowError[] }>) {
    if (rows.length === 0) return;
    await sql`insert into person_import_errors (batch_id, row_number, errors, cells_enc)
      select ${batchId}::uuid, r, e::jsonb, c from unnest(${rows.map((r) => r.row)}::int[], ${rows.map((r) => JSON.stringify(r.errors.map(({ column, code, message }) => ({ column, code, message }))))}::text[],
        ${rows.map((r) => crypto.encrypt(JSON.stringify(r.cells)))}::text[]) as t(r, e, c)
      on conflict (batch_id, row_number) do update set errors = excluded.errors, cells_enc = excluded.cells_enc`.execute(db);
  }

  /** Run an import of one stream into an existing batch row; returns the final counts. */
  async function run(actor: Actor, batchId: string, sourceKey: ImportSourceKey, body: Readable, contentType: string | undefined, onProgress?: (bytes: number, counts: Counts) => Promise<void>): Promise<{ counts: Counts; errors: RowError[]; truncated: boolean }> {
    const source = IMPORT_SOURCES[sourceKey];
    const counts: Counts = { accepted: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, conflicts: 0, rows: 0 };
    let bytes = 0;
    const file = await openImport(body, contentType, { onBytes: (n) => (bytes = n) });
    const h = checkImportHeaders(source, file.headers);
    if (h.missing.length) throw invalid('IMPORT_HEADER_MISSING', `缺少必填列：${h.missing.join('、')}（请使用“${source.label}”模板）`);
    if (h.unknown.length) throw invalid('IMPORT_HEADER_UNKNOWN', `无法识别的列：${h.unknown.join('、')}（请使用“${source.label}”模板）`);
    const today = clock.today();
    const regionExists = regionChecker();
    const seen = new Map<string, number>();
    const response: RowError[] = [];
    let truncated = false;
    let chunk: ValidRow[] = [];
    let bad: Array<{ row: number; cells: ImportRow['cells']; errors: RowError[] }> = [];
    const note = (row: number, cells: ImportRow['cells'], errs: RowError[]) => {
      counts.rejected++;
      bad.push({ row, cells, errors: errs });
      for (const e of errs) {
        if (response.length < MAX_ERRORS_IN_RESPONSE) response.push(e);
        else truncated = true;
      }
    };
    // One chunk is written while the next is parsed and validated (bounded: at most one pending).
    let pending: Promise<void> | null = null;
    const write = async (rows: ValidRow[], rejected: typeof bad) => {
      if (rows.length) {
        const dbErrors = await applyChunk(actor, source, batchId, rows, counts, regionExists);
        const byRow = new Map<number, RowError[]>();
        for (const e of dbErrors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
        // Noted into the current `bad`: saved with the next chunk (or at the end).
        for (const r of rows) if (byRow.has(r.row)) note(r.row, r.cells, byRow.get(r.row)!);
      }
      await saveErrors(batchId, rejected);
      await onProgress?.(bytes, counts);
    };
    const flush = async () => {
      // Encrypt this chunk's identifiers while the previous chunk is still being written.
      if (source.createsPersons) for (const r of chunk) seal(r);
      if (pending) await pending;
      const rows = chunk;
      chunk = [];
      const rejected = bad;
      bad = [];
      pending = write(rows, rejected);
      pending.catch(() => undefined);
    };
    for await (const { row, cells } of file.rows) {
      counts.rows++;
      const { values, errors } = validateImportRow(source, cells, today);
      if (errors.length) {
        note(row, cells, errors.map((e) => ({ row, ...e })));
      } else {
        const hmac = crypto.blindIndex('id_number', values.id_number as string);
        const first = seen.get(hmac);
        if (first !== undefined) {
          note(row, cells, [{ row, column: '身份证号', code: 'DUPLICATE_IN_FILE', message: `与第${first}行身份证号重复` }]);
        } else {
          seen.set(hmac, row);
          chunk.push({ row, cells, v: values, hmac });
        }
      }
      if (chunk.length >= CHUNK || bad.length >= CHUNK) await flush();
    }
    await flush();
    await pending;
    // Database-level rejections of the last chunk were noted after its errors were saved.
    await saveErrors(batchId, bad);
    response.sort((a, b) => a.row - b.row);
    return { counts, errors: response, truncated };
  }



  function toBatch(b: BatchRow, errors: RowError[], userName: string | null): ImportBatch {
    return {
      id: b.id,
      source: b.source as ImportSourceKey,
      region_code: b.region_code,
      file_name: b.file_name,
      file_sha256: b.file_sha256,
      status: b.status as ImportBatch['status'],
      bytes_total: b.bytes_total,
      bytes_done: b.bytes_done,
      rows_done: b.rows_done,
      accepted: b.accepted,
      rejected: b.rejected,
      created: b.created,
      updated: b.updated,
      unchanged: b.unchanged,
      conflicts: b.conflicts,
      error_message: b.error_message,
      errors,
      created_by_name: userName,
      created_at: b.created_at.toISOString(),
      finished_at: b.finished_at ? b.finished_at.toISOString() : null,
    };
  }

  async function saveCounts(batchId: string, bytes: number, c: Counts, extra: Record<string, unknown> = {}) {
    await db
      .updateTable('person_import_batches')
      .set({ bytes_done: bytes, rows_done: c.rows, accepted: c.accepted, rejected: c.rejected, created: c.created, updated: c.updated, unchanged: c.unchanged, conflicts: c.conflicts, ...extra })
      .where('id', '=', batchId)
      .execute();
  }

  async function scopedBatch(actor: Actor, id: string): Promise<BatchRow> {
    const b = await db.selectFrom('person_import_batches').selectAll().where('id', '=', id).executeTakeFirst();
    assertRecordInScope(actor, b?.region_code ?? null, '导入批次');
    return b!;
  }

  /** A sha256-computing pass-through (the synchronous path reads the body once). */
  function hashing(): { t: Transform; digest: () => string } {
    const h = createHash('sha256');
    const t = new Transform({
      transform(chunk: Buffer, _e, cb) {
        h.update(chunk);
        cb(null, chunk);
      },
    });
    return { t, digest: () => h.digest('hex') };
  }

  async function finishFailed(batchId: string, e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    await db.updateTable('person_import_batches').set({ status: 'failed', error_message: message.slice(0, 500), finished_at: clock.now() }).where('id', '=', batchId).execute();
  }

  return {
    run,

    /**
     * Start an import. Small bodies (≤ IMPORT_LIMITS.syncBytes, declared length) are imported in
     * the request and answer the JSON contract; larger ones (or mode=async) are spooled and
     * queued as a job, answering the batch id to poll.
     */
    async start(
      actor: Actor,
      q: { source: ImportSourceKey; file_name?: string | undefined; mode: 'auto' | 'async' },
      body: Readable,
      contentType: string | undefined,
      contentLength: number | undefined,
    ): Promise<{ kind: 'done'; result: ImportResult } | { kind: 'queued'; batch_id: string; job_id: number; status: 'queued' }> {
      requirePermission(actor, 'persons:import');
      // Without a declared length (chunked upload) the body is read in the request as well.
      const sync = q.mode === 'auto' && (contentLength === undefined || contentLength <= IMPORT_LIMITS.syncBytes);
      const batch = await db
        .insertInto('person_import_batches')
        .values({
          region_code: actor.regionCode,
          source: q.source,
          file_name: q.file_name ?? null,
          file_sha256: '',
          content_type: (contentType ?? '').split(';')[0]!,
          status: sync ? 'running' : 'queued',
          bytes_total: contentLength ?? null,
          created_by: actor.userId,
          created_at: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!sync) {
        const path = spoolPath(d.dataDir, batch.id);
        try {
          const { bytes, sha256 } = await spoolUpload(body, path, d.spoolKey, IMPORT_LIMITS.csvBytes);
          await db.updateTable('person_import_batches').set({ file_sha256: sha256, bytes_total: bytes }).where('id', '=', batch.id).execute();
        } catch (e) {
          await finishFailed(batch.id, e);
          throw e;
        }
        const jobId = await db.transaction().execute(async (trx) => {
          const id = await d.jobs.enqueue(trx, { type: 'registry.import', payload: { batch_id: batch.id }, idempotencyKey: `registry.import:${batch.id}`, regionCode: actor.regionCode, createdBy: actor.userId, maxAttempts: 3 });
          await trx.updateTable('person_import_batches').set({ job_id: id }).where('id', '=', batch.id).execute();
          await audit.record(trx, actor, { action: 'persons.import_queued', entityType: 'person_import_batch', entityId: batch.id, regionCode: actor.regionCode, details: { source: q.source, file_name: q.file_name ?? null } });
          return id;
        });
        d.jobs.poke();
        return { kind: 'queued', batch_id: batch.id, job_id: jobId, status: 'queued' };
      }
      const h = hashing();
      body.on('error', (e) => h.t.destroy(e));
      try {
        const r = await run(actor, batch.id, q.source, body.pipe(h.t), contentType);
        await saveCounts(batch.id, contentLength ?? 0, r.counts, { status: 'done', finished_at: clock.now(), file_sha256: h.digest() });
        await audit.record(db, actor, {
          action: 'persons.import_done',
          entityType: 'person_import_batch',
          entityId: batch.id,
          regionCode: actor.regionCode,
          details: { source: q.source, file_name: q.file_name ?? null, ...r.counts },
        });
        return {
          kind: 'done',
          result: {
            accepted: r.counts.accepted,
            rejected: r.counts.rejected,
            errors: r.errors,
            errors_truncated: r.truncated,
            batch_id: batch.id,
            created: r.counts.created,
            updated: r.counts.updated,
            unchanged: r.counts.unchanged,
            conflicts: r.counts.conflicts,
          },
        };
      } catch (e) {
        await finishFailed(batch.id, e);
        throw e;
      }
    },

    /** Job handler body: import a spooled file (re-runs are no-ops for rows already applied). */
    async runJob(batchId: string, actorFor: (b: BatchRow) => Actor, progress: (p: unknown) => Promise<void>): Promise<Counts> {
      const b = await db.selectFrom('person_import_batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
      if (b.status === 'done') return { accepted: b.accepted, rejected: b.rejected, created: b.created, updated: b.updated, unchanged: b.unchanged, conflicts: b.conflicts, rows: b.rows_done };
      await db.updateTable('person_import_batches').set({ status: 'running' }).where('id', '=', batchId).execute();
      await db.deleteFrom('person_import_errors').where('batch_id', '=', batchId).execute();
      const path = spoolPath(d.dataDir, batchId);
      try {
        const { stream } = await readSpool(path, d.spoolKey);
        const ct = b.content_type || undefined;
        const r = await run(actorFor(b), batchId, b.source as ImportSourceKey, stream, ct, async (bytes, c) => {
          await saveCounts(batchId, bytes, c);
          await progress({ bytes_done: bytes, bytes_total: b.bytes_total, rows_done: c.rows });
        });
        await saveCounts(batchId, b.bytes_total ?? 0, r.counts, { status: 'done', finished_at: clock.now() });
        await audit.record(db, actorFor(b), { action: 'persons.import_done', entityType: 'person_import_batch', entityId: batchId, regionCode: b.region_code, details: { source: b.source, file_name: b.file_name, ...r.counts } });
        await removeSpool(path);
        return r.counts;
      } catch (e) {
        // File-level problems (bad header, too many rows…) will not improve on a retry.
        if (isDomainError(e)) {
          await finishFailed(batchId, e);
          await removeSpool(path);
          return { accepted: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, conflicts: 0, rows: 0 };
        }
        throw e;
      }
    },

    async getBatch(actor: Actor, id: string): Promise<ImportBatch> {
      requirePermission(actor, 'persons:import');
      const b = await scopedBatch(actor, id);
      const errs = await db.selectFrom('person_import_errors').select(['row_number', 'errors']).where('batch_id', '=', id).orderBy('row_number').limit(MAX_ERRORS_IN_RESPONSE).execute();
      const user = b.created_by ? await db.selectFrom('users').select('display_name').where('id', '=', b.created_by).executeTakeFirst() : undefined;
      return toBatch(
        b,
        errs.flatMap((e) => (e.errors as Array<Omit<RowError, 'row'>>).map((x) => ({ row: e.row_number, ...x }))),
        user?.display_name ?? null,
      );
    },

    async listBatches(actor: Actor, q: { region?: string | undefined; page: number; page_size: number }): Promise<{ items: ImportBatch[]; total: number }> {
      requirePermission(actor, 'persons:import');
      const region = q.region ?? actor.regionCode;
      if (q.region) assertRegionInScope(actor, q.region);
      const base = db.selectFrom('person_import_batches').where(regionSubtree('region_code', region));
      const [rows, n] = await Promise.all([
        base.selectAll().orderBy('created_at', 'desc').limit(q.page_size).offset((q.page - 1) * q.page_size).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((b) => toBatch(b, [], null)), total: Number(n.n) };
    },

    /** The rejected rows as uploaded, bad cells marked (audited: it carries the uploaded values). */
    async errorReport(actor: Actor, id: string): Promise<{ file: Buffer; name: string }> {
      requirePermission(actor, 'persons:import');
      const b = await scopedBatch(actor, id);
      const rows = await db.selectFrom('person_import_errors').select(['row_number', 'errors', 'cells_enc']).where('batch_id', '=', id).orderBy('row_number').execute();
      // The uploaded values come back in full only to roles that may see them (security target 5).
      const full = hasPermission(actor, 'pii:reveal');
      const mask = (cells: Record<string, string | number | null>) => {
        if (full) return cells;
        const out = { ...cells };
        for (const [k, v] of Object.entries(out)) {
          if (v === null || v === undefined) continue;
          if (k === '身份证号') out[k] = maskIdNumber(String(v));
          else if (k === '联系电话') out[k] = maskPhone(String(v));
        }
        return out;
      };
      const file = await errorReportWorkbook(
        b.source as ImportSourceKey,
        rows.map((r) => ({ row: r.row_number, cells: mask(JSON.parse(crypto.decrypt(r.cells_enc)) as Record<string, string | number | null>), errors: r.errors as RowError[] })),
      );
      await audit.record(db, actor, { action: 'persons.import_report', entityType: 'person_import_batch', entityId: id, regionCode: b.region_code, details: { rows: rows.length, unmasked: full } });
      return { file, name: `导入错误报告-${IMPORT_SOURCES[b.source as ImportSourceKey].label}-${b.created_at.toISOString().slice(0, 10)}.xlsx` };
    },

    async template(actor: Actor, source: ImportSourceKey): Promise<{ file: Buffer; name: string }> {
      requirePermission(actor, 'persons:import');
      return { file: await templateWorkbook(source), name: `${IMPORT_SOURCES[source].label}导入模板.xlsx` };
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
type BatchRow = Selectable<PersonImportBatchesTable>;

