/**
 * Monthly payroll (发放): cycle per county, programme and month — compute → review (diff against
 * last month) → approve (finance reviewer ≠ preparer, target 24) → bank roster export → bank
 * return import (failed lines re-issued only as new attempts linked to the original, target 25)
 * → close. Never pay twice (target 22): one cycle per (county, programme, month); one live line
 * per (county, person, programme, month) by a unique index.
 * 000 三(三)8–9; 002 二(一)4 and 附件 第7–11项; A.4 (一卡通 flow, 公示).
 */
import { createHash } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import {
  addMonths,
  conflict,
  cycleDiff,
  forbidden,
  invalid,
  isDomainError,
  isPlainMonth,
  monthOf,
  notFound,
  type CreateCycle,
  type CycleDetail,
  type CycleReview,
  type CycleSummary,
  type PaymentLine,
  type ReturnImportResult,
} from '@yiyang/core';
import { sql } from 'kysely';
import type { FieldCrypto } from '../../crypto/field-crypto';
import type { Db } from '../../db/database';
import type { JobQueue } from '../../jobs/queue';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { assertRecordInScope, assertRegionInScope, effectiveRegion, requirePermission, regionSubtree } from '../../platform/scope';
import type { AuditService } from '../audit';
import type { BenefitsService } from '../benefits';
import type { RegionService } from '../regions';
import { openImport, type RegistryService } from '../registry';
import { computeCycle, type ComputeHooks } from './payroll.compute';
import type { PayrollCyclesTable } from './payroll.tables';
import { writeBankRoster, writePublicRoster, type PublicRow, type RosterRow } from './roster-export';

export const PAYROLL_COMPUTE_JOB = 'payroll.compute';
const RETURN_MAX_BYTES = 20 * 1024 * 1024;
type CycleRow = { [K in keyof PayrollCyclesTable]: PayrollCyclesTable[K] extends import('kysely').Generated<infer T> ? T : PayrollCyclesTable[K] };

export function createPayrollService(deps: { db: Db; audit: AuditService; registry: RegistryService; benefits: BenefitsService; regions: RegionService; crypto: FieldCrypto; clock: Clock; jobs: JobQueue; hooks?: ComputeHooks }) {
  const { db, audit, registry, benefits, crypto, clock, jobs } = deps;

  async function findCycle(id: string): Promise<CycleRow | undefined> {
    return db.selectFrom('payroll_cycles').selectAll().where('id', '=', id).executeTakeFirst() as Promise<CycleRow | undefined>;
  }
  async function scoped(actor: Actor, id: string): Promise<CycleRow> {
    const c = await findCycle(id);
    assertRecordInScope(actor, c?.county_code ?? null, '发放批次');
    return c!;
  }
  /**
   * A cycle is the county's; street (乡镇) staff read it too, narrowed to their street: the figures,
   * lines and review cover the people living there (`prefix`); acting on it stays with the county.
   */
  async function readable(actor: Actor, id: string): Promise<{ c: CycleRow; prefix: string }> {
    const found = await findCycle(id);
    if (found && actor.regionCode.length > 6 && actor.regionCode.startsWith(found.county_code)) return { c: found, prefix: actor.regionCode };
    return { c: await scoped(actor, id), prefix: '' };
  }
  const summary = (c: CycleRow): CycleSummary => ({ id: c.id, status: c.status, payment_count: Number(c.payment_count), total_fen: Number(c.total_fen) });

  async function detail(c: CycleRow, prefix = ''): Promise<CycleDetail> {
    const inStreet = prefix ? sql`and region_code like ${prefix + '%'}` : sql``;
    const adjInStreet = prefix ? sql`and exists (select 1 from payment_lines l where l.county_code = a.county_code and l.id = a.line_id and l.region_code like ${prefix + '%'})` : sql``;
    const s = await sql<{ n: number; total: number; arrears: number; failed: number; paid: number; rec_n: number; rec_fen: number }>`
      select (select count(*)::int from payment_lines where county_code = ${c.county_code} and cycle_id = ${c.id}::uuid ${inStreet}) as n,
             (select coalesce(sum(amount_fen), 0)::bigint from payment_lines where county_code = ${c.county_code} and cycle_id = ${c.id}::uuid ${inStreet}) as total,
             (select count(*)::int from payment_lines where county_code = ${c.county_code} and cycle_id = ${c.id}::uuid and kind = 'arrears' ${inStreet}) as arrears,
             (select count(*)::int from payment_lines where county_code = ${c.county_code} and cycle_id = ${c.id}::uuid and status = 'failed' ${inStreet}) as failed,
             (select count(*)::int from payment_lines where county_code = ${c.county_code} and cycle_id = ${c.id}::uuid and status = 'paid' ${inStreet}) as paid,
             (select count(*)::int from payment_adjustments a where county_code = ${c.county_code} and cycle_id = ${c.id}::uuid ${adjInStreet}) as rec_n,
             (select coalesce(sum(amount_fen), 0)::bigint from payment_adjustments a where county_code = ${c.county_code} and cycle_id = ${c.id}::uuid ${adjInStreet}) as rec_fen`.execute(db).then((r) => r.rows[0]!);
    let name: string | null = null;
    try {
      name = (await benefits.programmeOf(c.county_code, c.programme, `${c.month}-01`)).p.name;
    } catch (e) {
      // A cycle outlives its list: the item may be gone from the version in force now.
      if (!(isDomainError(e) && (e.code === 'PROGRAMME_NOT_FOUND' || e.code === 'CATALOGUE_NOT_FOUND'))) throw e;
    }
    return {
      ...summary(c), ...(prefix ? { payment_count: s.n, total_fen: Number(s.total) } : {}), region: c.county_code, programme: c.programme, programme_name: name, month: c.month,
      arrears_count: s.arrears, recovery_count: s.rec_n, recovery_fen: Number(s.rec_fen), failed_count: s.failed, paid_count: s.paid,
      prepared_by: c.prepared_by, approved_by: c.approved_by, content_hash: c.content_hash,
      computed_at: c.computed_at?.toISOString() ?? null, approved_at: c.approved_at?.toISOString() ?? null, closed_at: c.closed_at?.toISOString() ?? null, version: c.version,
    };
  }

  /** Content hash of the line set (frozen at approval). */
  async function contentHash(c: CycleRow): Promise<string> {
    const h = createHash('sha256');
    let after = 0;
    for (;;) {
      const rows = await sql<{ id: number; person_id: string; period_month: string; amount_fen: number; attempt: number }>`
        select id, person_id, period_month, amount_fen, attempt from payment_lines
        where county_code = ${c.county_code} and cycle_id = ${c.id}::uuid and id > ${after} order by id limit 20000`.execute(db).then((r) => r.rows);
      for (const r of rows) h.update(`${r.person_id}|${r.period_month}|${r.amount_fen}|${r.attempt}\n`);
      if (rows.length < 20000) break;
      after = rows[rows.length - 1]!.id;
    }
    return h.digest('hex');
  }

  async function transition(actor: Actor, c: CycleRow, to: CycleRow['status'], from: CycleRow['status'][], extra: Record<string, unknown>, action: string, lineFrom?: string, lineTo?: string): Promise<CycleRow> {
    if (!from.includes(c.status)) throw conflict('CYCLE_STATUS', `发放批次当前状态为“${STATUS_LABELS[c.status]}”，不能执行该操作`);
    return db.transaction().execute(async (trx) => {
      const u = await trx.updateTable('payroll_cycles').set({ ...extra, status: to, version: c.version + 1 } as never)
        .where('county_code', '=', c.county_code).where('id', '=', c.id).where('version', '=', c.version).returningAll().executeTakeFirst();
      if (!u) throw conflict('VERSION_CONFLICT', '发放批次已被他人处理，请刷新后重试');
      if (lineFrom && lineTo) await sql`update payment_lines set status = ${lineTo} where county_code = ${c.county_code} and cycle_id = ${c.id}::uuid and status = ${lineFrom}`.execute(trx);
      await audit.record(trx, actor, { action, entityType: 'payroll_cycle', entityId: c.id, regionCode: c.county_code, before: { status: c.status }, after: { status: to, ...extra } });
      return u as CycleRow;
    });
  }

  /** Pages of roster rows for the lines in `statuses`, payee details decrypted. */
  async function* rosterPages(c: CycleRow, statuses: string[], decrypt: boolean, regionPrefix = ''): AsyncGenerator<Array<RosterRow & { region_name?: string }>> {
    const PAGE_LINES = 10_000;
    const fetchPage = async (after: number) => {
      const lines = await sql<{ id: number; person_id: string; region_code: string; period_month: string; kind: 'regular' | 'arrears'; amount_fen: number; attempt: number }>`
        select id, person_id, region_code, period_month, kind, amount_fen, attempt from payment_lines
        where county_code = ${c.county_code} and cycle_id = ${c.id}::uuid and status = any(${statuses}::text[]) and id > ${after}
          and region_code like ${regionPrefix + '%'}
        order by id limit ${PAGE_LINES}`.execute(db).then((r) => r.rows);
      const payees = lines.length ? new Map((await benefits.repo.payees(c.county_code, [...new Set(lines.map((l) => l.person_id))])).map((p) => [p.person_id, p])) : new Map();
      return { lines, payees };
    };
    // The next page is read while the writer works on this one.
    let next = fetchPage(0);
    for (;;) {
      const { lines, payees } = await next;
      if (lines.length === 0) return;
      if (lines.length === PAGE_LINES) {
        next = fetchPage(lines[lines.length - 1]!.id);
        // Marked handled only so that a reader who stops early does not crash the process; a
        // failure still throws at the `await next` above when the reader goes on.
        next.catch(() => undefined);
      }
      yield lines.map((l) => {
        const p = payees.get(l.person_id);
        return {
          line_id: l.id, name: p?.name ?? '', id_number: p ? (decrypt ? crypto.decrypt(p.id_number_enc) : p.id_number_masked) : '',
          bank: p?.bank ?? null, account: p?.account_enc ? (decrypt ? crypto.decrypt(p.account_enc) : p.account_masked) : null,
          region_code: l.region_code, period_month: l.period_month, kind: l.kind, amount_fen: Number(l.amount_fen), attempt: l.attempt,
        };
      });
      if (lines.length < PAGE_LINES) return;
    }
  }

  const service = {
    /** POST /payroll/cycles: create and compute, or answer the existing cycle unchanged. */
    async createCycle(actor: Actor, input: CreateCycle): Promise<CycleSummary> {
      requirePermission(actor, 'payroll:prepare');
      assertRegionInScope(actor, input.region);
      if (!isPlainMonth(input.month)) throw invalid('MONTH_INVALID', '月份格式应为YYYY-MM');
      if (input.month > addMonths(monthOf(clock.today()), 1)) throw invalid('MONTH_IN_FUTURE', '只能编制本月或下月的发放名册');
      const existing = await db.selectFrom('payroll_cycles').selectAll().where('county_code', '=', input.region).where('programme', '=', input.programme).where('month', '=', input.month).executeTakeFirst();
      if (existing) return summary(existing as CycleRow);
      const { p } = await benefits.programmeOf(input.region, input.programme, `${input.month}-01`);
      if (p.benefit_kind !== 'cash') throw invalid('NOT_CASH_PROGRAMME', `${p.name}是服务券项目，按月记入服务账户，不编制银行发放名册`);
      const created = await db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('payroll_cycles').values({ county_code: input.region, programme: input.programme, month: input.month, status: 'computing', content_hash: null, prepared_by: actor.userId, approved_by: null, computed_at: null, approved_at: null, exported_at: null, closed_at: null })
          .onConflict((oc) => oc.columns(['county_code', 'programme', 'month']).doNothing()).returningAll().executeTakeFirst();
        if (!row) return undefined;
        // The job resumes the computation if this process dies before finishing it.
        await jobs.enqueue(trx, { type: PAYROLL_COMPUTE_JOB, payload: { cycle_id: row.id }, idempotencyKey: `${PAYROLL_COMPUTE_JOB}:${row.id}`, regionCode: input.region });
        await audit.record(trx, actor, { action: 'payroll.create', entityType: 'payroll_cycle', entityId: row.id, regionCode: input.region, after: { programme: input.programme, month: input.month } });
        return row as CycleRow;
      });
      if (!created) {
        const again = await db.selectFrom('payroll_cycles').selectAll().where('county_code', '=', input.region).where('programme', '=', input.programme).where('month', '=', input.month).executeTakeFirstOrThrow();
        return summary(again as CycleRow);
      }
      await computeCycle({ db, registry, benefits }, created.id, deps.hooks);
      return summary((await findCycle(created.id))!);
    },

    /** Resume (or recompute before approval) a cycle: restarts from a clean slate to the same result. */
    async recompute(actor: Actor, id: string): Promise<CycleSummary> {
      requirePermission(actor, 'payroll:prepare');
      const c = await scoped(actor, id);
      if (c.status !== 'computing' && c.status !== 'computed') throw conflict('CYCLE_STATUS', '已批准的发放批次不能重新计算');
      if (c.status === 'computed') {
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('payroll_cycles').set({ status: 'computing', prepared_by: actor.userId, version: c.version + 1 }).where('county_code', '=', c.county_code).where('id', '=', id).where('status', '=', 'computed').execute();
          await audit.record(trx, actor, { action: 'payroll.recompute', entityType: 'payroll_cycle', entityId: id, regionCode: c.county_code });
        });
      }
      await computeCycle({ db, registry, benefits }, id, deps.hooks);
      return summary((await findCycle(id))!);
    },

    /** Job entry point (no actor): finish a cycle left in `computing`. */
    async resume(id: string, hooks?: ComputeHooks) {
      return computeCycle({ db, registry, benefits }, id, hooks ?? deps.hooks);
    },

    async list(actor: Actor, q: { region?: string | undefined; programme?: string | undefined; month?: string | undefined; page: number; page_size: number }) {
      requirePermission(actor, 'benefits:read');
      const region = effectiveRegion(actor, q.region);
      // Below the county (a street): the county's cycles, with the street's figures.
      const prefix = region.length > 6 ? region : '';
      let base = prefix
        ? db.selectFrom('payroll_cycles').where('county_code', '=', region.slice(0, 6))
        : db.selectFrom('payroll_cycles').where((eb) => eb.or([regionSubtree('county_code', region), eb('county_code', '=', region.slice(0, 6))]));
      if (q.programme) base = base.where('programme', '=', q.programme);
      if (q.month) base = base.where('month', '=', q.month);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('month', 'desc').orderBy('programme').limit(q.page_size).offset((q.page - 1) * q.page_size).execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: await Promise.all(rows.map((r) => detail(r as CycleRow, prefix))), total: Number(total.n) };
    },

    async get(actor: Actor, id: string): Promise<CycleDetail> {
      requirePermission(actor, 'benefits:read');
      const { c, prefix } = await readable(actor, id);
      return detail(c, prefix);
    },

    async lines(actor: Actor, id: string, q: { status?: string | undefined; page: number; page_size: number }): Promise<{ items: PaymentLine[]; total: number }> {
      requirePermission(actor, 'benefits:read');
      const { c, prefix } = await readable(actor, id);
      let base = db.selectFrom('payment_lines').where('county_code', '=', c.county_code).where('cycle_id', '=', id);
      if (prefix) base = base.where('region_code', 'like', `${prefix}%`);
      if (q.status) base = base.where('status', '=', q.status as PaymentLine['status']);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('id').limit(q.page_size).offset((q.page - 1) * q.page_size).execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const payees = new Map((await benefits.repo.payees(c.county_code, [...new Set(rows.map((r) => r.person_id))])).map((p) => [p.person_id, p]));
      return {
        items: rows.map((r) => ({
          id: Number(r.id), person_id: r.person_id, name: payees.get(r.person_id)?.name ?? '', id_number: payees.get(r.person_id)?.id_number_masked ?? null, region_code: r.region_code,
          period_month: r.period_month, kind: r.kind, amount_fen: Number(r.amount_fen), attempt: r.attempt, original_line_id: r.original_line_id === null ? null : Number(r.original_line_id),
          status: r.status, fail_reason: r.fail_reason, reason: r.reason,
        })),
        total: Number(total.n),
      };
    },

    /** Review: new, stopped and changed people against last month's cycle, with reasons. */
    async review(actor: Actor, id: string): Promise<CycleReview> {
      requirePermission(actor, 'benefits:read');
      const { c, prefix } = await readable(actor, id);
      const prev = await db.selectFrom('payroll_cycles').select('id').where('county_code', '=', c.county_code).where('programme', '=', c.programme).where('month', '=', addMonths(c.month, -1)).executeTakeFirst();
      const linesOf = async (cid: string) => sql<{ person_id: string; amount_fen: number }>`
        select person_id, sum(amount_fen)::bigint as amount_fen from payment_lines where county_code = ${c.county_code} and cycle_id = ${cid}::uuid and status <> 'failed'
          ${prefix ? sql`and region_code like ${prefix + '%'}` : sql``} group by person_id`.execute(db).then((r) => r.rows.map((x) => ({ person_id: x.person_id, amount_fen: Number(x.amount_fen) })));
      const current = await linesOf(id);
      const previous = prev ? await linesOf(prev.id) : [];
      let skips = await db.selectFrom('payroll_skips').selectAll().where('county_code', '=', c.county_code).where('cycle_id', '=', id).execute();
      const arrears = await db.selectFrom('payment_lines').select(['person_id', 'period_month']).where('county_code', '=', c.county_code).where('cycle_id', '=', id).where('kind', '=', 'arrears').execute();
      let recoveries = await db.selectFrom('payment_adjustments').selectAll().where('county_code', '=', c.county_code).where('cycle_id', '=', id).execute();
      if (prefix) {
        // Skips and recoveries carry no region: where the person lives now decides.
        const where = await registry.labelsOf([...new Set([...skips, ...recoveries].map((r) => r.person_id))].map((pid) => ({ county_code: c.county_code, id: pid })));
        const inStreet = (pid: string) => where.get(pid)?.region_code.startsWith(prefix) ?? false;
        skips = skips.filter((r) => inStreet(r.person_id));
        recoveries = recoveries.filter((r) => inStreet(r.person_id));
      }
      const reasons = new Map<string, string>();
      for (const s of skips) reasons.set(s.person_id, s.reason);
      for (const a of arrears) reasons.set(a.person_id, `${reasons.get(a.person_id) ? reasons.get(a.person_id) + '；' : ''}含补发${a.period_month}`);
      const diff = cycleDiff(previous, current, reasons);
      const ids = [...new Set([...diff.map((d) => d.person_id), ...skips.map((s) => s.person_id), ...recoveries.map((r) => r.person_id)])];
      const names = new Map((await benefits.repo.payees(c.county_code, ids)).map((p) => [p.person_id, p.name]));
      // A stopped person with no skip row left the enrolment list (terminated): say so.
      return {
        previous_cycle_id: prev?.id ?? null,
        items: diff.map((d) => ({ ...d, name: names.get(d.person_id) ?? '', reason: d.change === 'stopped' && !reasons.has(d.person_id) ? '享受已终止或暂停' : d.reason })),
        skipped: skips.map((s) => ({ person_id: s.person_id, name: names.get(s.person_id) ?? '', code: s.code, reason: s.reason })),
        recoveries: recoveries.map((r) => ({ person_id: r.person_id, name: names.get(r.person_id) ?? '', period_month: r.period_month, amount_fen: Number(r.amount_fen), reason: r.reason })),
      };
    },

    /** Maker-checker: the approver holds payroll:approve and is not the preparer (target 24). */
    async approve(actor: Actor, id: string, version?: number): Promise<CycleDetail> {
      requirePermission(actor, 'payroll:approve');
      const c = await scoped(actor, id);
      if (version !== undefined && version !== c.version) throw conflict('VERSION_CONFLICT', '发放批次已变化，请刷新后重新复核');
      if (!actor.userId || actor.userId === c.prepared_by) throw forbidden('MAKER_CHECKER', '复核批准人不能与名册编制人为同一人（不相容岗位分离）');
      const hash = await contentHash(c);
      const u = await transition(actor, c, 'approved', ['computed'], { approved_by: actor.userId, approved_at: new Date(), content_hash: hash }, 'payroll.approve', 'computed', 'approved');
      return detail(u);
    },

    /** Bank roster (XLSX streamed): approved or re-issued lines; the first export marks them exported. */
    async exportRoster(actor: Actor, id: string, out: Writable): Promise<void> {
      requirePermission(actor, 'payroll:prepare');
      const c = await scoped(actor, id);
      if (!['approved', 'exported', 'returned'].includes(c.status)) throw conflict('CYCLE_NOT_APPROVED', '发放名册须经财务复核批准后才能导出');
      if (c.content_hash && c.status === 'approved' && (await contentHash(c)) !== c.content_hash) throw conflict('CONTENT_CHANGED', '名册内容与批准时不一致，拒绝导出');
      const statuses = c.status === 'returned' ? ['approved'] : ['approved', 'exported'];
      await audit.record(db, actor, { action: 'payroll.export_roster', entityType: 'payroll_cycle', entityId: id, regionCode: c.county_code, details: { statuses } });
      await writeBankRoster(out, { title: `${c.county_code} ${c.programme} ${c.month} 发放名册` }, rosterPages(c, statuses, true));
      if (c.status === 'approved' || c.status === 'returned') {
        await transition(actor, c, 'exported', ['approved', 'returned'], { exported_at: new Date() }, 'payroll.exported', 'approved', 'exported');
      }
    },

    /** 公示版: de-identified (masked names, village, month, amount); street staff get their street's part. */
    async exportPublic(actor: Actor, id: string, out: Writable): Promise<void> {
      requirePermission(actor, 'benefits:read');
      const { c, prefix } = await readable(actor, id);
      if (c.status === 'computing') throw conflict('CYCLE_STATUS', '名册尚未计算完成');
      const regionNames = new Map<string, string>();
      const { regions } = deps;
      async function* pages(): AsyncGenerator<PublicRow[]> {
        for await (const page of rosterPages(c, ['computed', 'approved', 'exported', 'paid'], false, prefix)) {
          const out: PublicRow[] = [];
          for (const r of page) {
            if (!regionNames.has(r.region_code)) regionNames.set(r.region_code, (await regions.nameOf(r.region_code)) ?? r.region_code);
            out.push({ name: r.name, region_name: regionNames.get(r.region_code)!, period_month: r.period_month, amount_fen: r.amount_fen });
          }
          yield out;
        }
      }
      await audit.record(db, actor, { action: 'payroll.export_public', entityType: 'payroll_cycle', entityId: id, regionCode: c.county_code });
      await writePublicRoster(out, `${c.month} 发放名单公示`, pages());
    },

    /**
     * Bank return (CSV or XLSX; columns 行号, 结果 成功/失败, 失败原因). Exported lines become paid or
     * failed; the same file twice changes nothing (recognised by its hash).
     */
    async importReturn(actor: Actor, id: string, body: AsyncIterable<Uint8Array> | undefined, contentType: string | undefined, fileName?: string): Promise<ReturnImportResult> {
      requirePermission(actor, 'payroll:prepare');
      const c = await scoped(actor, id);
      if (!['exported', 'returned'].includes(c.status)) throw conflict('CYCLE_NOT_EXPORTED', '名册导出并送银行后才能导入回盘文件');
      if (!body) throw invalid('RETURN_EMPTY', '请上传银行回盘文件');
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const ch of body) {
        size += ch.length;
        if (size > RETURN_MAX_BYTES) throw invalid('RETURN_TOO_LARGE', '回盘文件超过20MB');
        chunks.push(Buffer.from(ch));
      }
      const buf = Buffer.concat(chunks);
      const sha = createHash('sha256').update(buf).digest('hex');
      const seen = await db.selectFrom('payroll_returns').selectAll().where('county_code', '=', c.county_code).where('cycle_id', '=', id).where('sha256', '=', sha).executeTakeFirst();
      if (seen) return { duplicate: true, rows: seen.rows, paid: seen.paid, failed: seen.failed, status: c.status };
      const file = await openImport(Readable.from([buf]), contentType);
      const col = (names: string[]) => file.headers.findIndex((h) => names.includes(String(h).trim()));
      const iLine = col(['行号', 'line_id']), iResult = col(['结果', '发放结果', 'result']), iReason = col(['失败原因', '原因', 'reason']);
      if (iLine < 0 || iResult < 0) throw invalid('RETURN_COLUMNS', '回盘文件须包含“行号”和“结果”两列');
      const paid: number[] = [], failed: number[] = [], reasons: string[] = [];
      const problems: Array<{ row: number; message: string }> = [];
      for await (const r of file.rows) {
        const cells = Object.values(r.cells);
        const lineId = Number(String(r.cells[file.headers[iLine]!] ?? cells[iLine] ?? '').trim());
        const result = String(r.cells[file.headers[iResult]!] ?? '').trim();
        const reason = iReason >= 0 ? String(r.cells[file.headers[iReason]!] ?? '').trim() : '';
        if (!Number.isSafeInteger(lineId) || lineId <= 0) problems.push({ row: r.row, message: '行号无效' });
        else if (['成功', 'success', 'S', '0'].includes(result)) paid.push(lineId);
        else if (['失败', 'fail', 'failed', 'F', '1'].includes(result)) {
          failed.push(lineId);
          reasons.push(reason || '银行退回');
        } else problems.push({ row: r.row, message: `结果“${result}”无法识别（应为成功或失败）` });
      }
      if (problems.length) throw invalid('RETURN_ROWS', `回盘文件有${problems.length}行无法识别：${problems.slice(0, 5).map((p) => `第${p.row}行${p.message}`).join('；')}`, problems.slice(0, 50).map((p) => ({ field: `row ${p.row}`, message: p.message })));
      return db.transaction().execute(async (trx) => {
        const p = await sql`update payment_lines set status = 'paid' where county_code = ${c.county_code} and cycle_id = ${id}::uuid and status = 'exported' and id = any(${paid}::bigint[])`.execute(trx);
        const f = await sql`update payment_lines l set status = 'failed', fail_reason = t.reason
          from unnest(${failed}::bigint[], ${reasons}::text[]) as t(id, reason)
          where l.county_code = ${c.county_code} and l.cycle_id = ${id}::uuid and l.status = 'exported' and l.id = t.id`.execute(trx);
        const out = { rows: paid.length + failed.length, paid: Number(p.numAffectedRows ?? 0), failed: Number(f.numAffectedRows ?? 0) };
        await trx.insertInto('payroll_returns').values({ county_code: c.county_code, cycle_id: id, sha256: sha, file_name: fileName ?? null, rows: out.rows, paid: out.paid, failed: out.failed, imported_by: actor.userId }).onConflict((oc) => oc.doNothing()).execute();
        await trx.updateTable('payroll_cycles').set({ status: 'returned', version: c.version + 1 }).where('county_code', '=', c.county_code).where('id', '=', id).execute();
        await audit.record(trx, actor, { action: 'payroll.import_return', entityType: 'payroll_cycle', entityId: id, regionCode: c.county_code, details: { sha256: sha, ...out } });
        return { duplicate: false, ...out, status: 'returned' as const };
      });
    },

    /**
     * Re-issue failed lines (after the payee's account was corrected) as new attempts linked to
     * the original; the unique indexes allow one re-issue per failed line and one live line per
     * person and month.
     */
    async reissue(actor: Actor, id: string, lineIds?: number[]): Promise<{ reissued: number; line_ids: number[] }> {
      requirePermission(actor, 'payroll:prepare');
      const c = await scoped(actor, id);
      if (c.status !== 'returned') throw conflict('CYCLE_STATUS', '只有已导入回盘的批次可以重发失败记录');
      return db.transaction().execute(async (trx) => {
        const r = await sql<{ id: number }>`
          insert into payment_lines (county_code, cycle_id, person_id, region_code, programme, period_month, kind, amount_fen, attempt, original_line_id, status, reason)
          select l.county_code, l.cycle_id, l.person_id, l.region_code, l.programme, l.period_month, l.kind, l.amount_fen, l.attempt + 1, l.id, 'approved', '重发：' || l.fail_reason
          from payment_lines l
          where l.county_code = ${c.county_code} and l.cycle_id = ${id}::uuid and l.status = 'failed'
            and (${lineIds ?? null}::bigint[] is null or l.id = any(${lineIds ?? null}::bigint[]))
            and not exists (select 1 from payment_lines n where n.county_code = l.county_code and n.original_line_id = l.id)
          order by l.id
          on conflict do nothing
          returning id`.execute(trx);
        const ids = r.rows.map((x) => Number(x.id));
        await audit.record(trx, actor, { action: 'payroll.reissue', entityType: 'payroll_cycle', entityId: id, regionCode: c.county_code, details: { line_ids: ids } });
        return { reissued: ids.length, line_ids: ids };
      });
    },

    async close(actor: Actor, id: string): Promise<CycleDetail> {
      requirePermission(actor, 'payroll:prepare');
      const c = await scoped(actor, id);
      const open = await sql<{ n: number }>`select count(*)::int as n from payment_lines where county_code = ${c.county_code} and cycle_id = ${id}::uuid and status in ('approved','exported')`.execute(db).then((r) => r.rows[0]!.n);
      if (open > 0) throw conflict('CYCLE_OPEN_LINES', `还有${open}条记录未回盘（或重发未导出），不能结束批次`);
      return detail(await transition(actor, c, 'closed', ['returned'], { closed_at: new Date() }, 'payroll.close'));
    },
  };
  return service;
}
export type PayrollService = ReturnType<typeof createPayrollService>;

export const STATUS_LABELS: Record<CycleRow['status'], string> = {
  computing: '计算中', computed: '待复核', approved: '已批准', exported: '已导出', returned: '已回盘', closed: '已结束',
};
