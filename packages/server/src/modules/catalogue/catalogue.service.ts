/**
 * The service catalogue (基本养老服务清单): versions of each locality's list with the life cycle
 * draft → proposed → approved → published (who, when, 文号), the readable diff, parameter status,
 * the public list, and the compiled pack in force for a region (consumed by eligibility and payroll).
 * 000 三(一)1–3 (清单制定、动态调整、不低于上级); 002 二(一)1–2 and its attached list; 004 二(一)1.
 *
 * Scope: a user reads the lists of their region subtree and of the levels above them (a county
 * follows its city's list); they change only lists inside their subtree.
 */
import {
  checkInheritance,
  compilePack,
  conflict,
  forbidden,
  invalid,
  isInRegion,
  notFound,
  parsePack,
  resolvePack,
  type CatalogueDiff,
  type CatalogueVersionDetail,
  type CatalogueVersionSummary,
  type CompiledPack,
  type InheritanceReport,
  type PackItem,
  type PlainDate,
  type PolicyPack,
  type PublicCatalogue,
  type ResolvedPack,
} from '@yiyang/core';
import type { z } from 'zod';
import type { CreateDraft, PublishBody, SetParameter, TransitionBody, UpdateDraft } from '@yiyang/core';
import type { Db, Executor } from '../../db/database';
import type { EventBus } from '../../jobs/events';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { canAccessRegion, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import type { RegionService } from '../regions';
import { describePackDiff } from './catalogue-diff';
import { createCatalogueRepository, type VersionRow } from './catalogue.repository';
import { loadPackDirectory } from './pack-files';

/** Published when a catalogue version is published (eligibility re-runs the population). */
export const CATALOGUE_PUBLISHED_EVENT = 'catalogue.published';
export interface CataloguePublishedEvent {
  region_code: string;
  pack_code: string;
  version_id: string;
  effective_from: string;
}

/** Effective date of the versions seeded from policies/ (the packs' own parameters carry dates). */
export const SEED_EFFECTIVE_FROM = '2000-01-01';

export function createCatalogueService(deps: { db: Db; audit: AuditService; regions: RegionService; clock: Clock; events: EventBus; policiesDir?: string }) {
  const { db, audit, regions, clock, events } = deps;
  const repo = createCatalogueRepository(db);

  // ---- in-force resolution (cached until the next publish) ------------------------------------

  let publishedCache: Promise<VersionRow[]> | null = null;
  const compiledCache = new Map<string, CompiledPack>();
  function published(): Promise<VersionRow[]> {
    publishedCache ??= repo.publishedAll().catch((e: unknown) => {
      publishedCache = null;
      throw e;
    });
    return publishedCache;
  }
  function invalidate() {
    publishedCache = null;
    compiledCache.clear();
  }

  /** The published version of each pack in force on `asOf` (latest effective_from ≤ asOf). */
  async function inForce(asOf: PlainDate): Promise<Map<string, VersionRow>> {
    const out = new Map<string, VersionRow>();
    for (const r of await published()) {
      if (r.effective_from! > asOf) continue;
      const cur = out.get(r.pack_code);
      if (!cur || r.effective_from! > cur.effective_from! || (r.effective_from === cur.effective_from && r.version_no > cur.version_no)) out.set(r.pack_code, r);
    }
    return out;
  }

  /** The pack for a region: the county's, else the city's (contract: "county (or city) containing region"). */
  function packRowFor(region: string, byCode: Map<string, VersionRow>): VersionRow | undefined {
    const rows = [...byCode.values()];
    const county = region.slice(0, 6);
    const city = region.slice(0, 4) + '00';
    return rows.find((r) => r.region_code === county && r.level === 'county') ?? rows.find((r) => r.region_code === city) ?? rows.find((r) => r.region_code === county);
  }

  function packOf(row: VersionRow): PolicyPack {
    return row.content as PolicyPack;
  }

  function issuesText(issues: ReadonlyArray<{ path?: string; message: string }>): string {
    return issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('；');
  }

  /** Resolve and compile `row` with the in-force versions of its ancestors on `asOf`. */
  function compileWith(row: VersionRow, byCode: Map<string, VersionRow>): { resolved: ResolvedPack; compiled: CompiledPack } {
    const packs = new Map<string, PolicyPack>([...byCode.values()].map((r) => [r.pack_code, packOf(r)]));
    packs.set(row.pack_code, packOf(row));
    const resolved = resolvePack(row.pack_code, packs);
    if (!resolved.ok) throw invalid('CATALOGUE_INVALID', `清单 ${row.pack_code} 第${row.version_no}版无法解析：${issuesText(resolved.error)}`, resolved.error.map((i) => ({ ...i })));
    const compiled = compilePack(resolved.value);
    if (!compiled.ok) throw invalid('CATALOGUE_INVALID', `清单 ${row.pack_code} 第${row.version_no}版编译失败：${issuesText(compiled.error)}`, compiled.error.map((i) => ({ ...i })));
    return { resolved: resolved.value, compiled: compiled.value };
  }

  async function compiledFor(region: string, asOf: PlainDate): Promise<CompiledPack> {
    const byCode = await inForce(asOf);
    const row = packRowFor(region, byCode);
    if (!row) throw notFound('CATALOGUE_NOT_FOUND', `区划 ${region} 在 ${asOf} 没有已发布的基本养老服务清单`);
    const chain = chainOf(row, byCode).map((r) => r.id).join(',');
    const hit = compiledCache.get(chain);
    if (hit) return hit;
    const { compiled } = compileWith(row, byCode);
    compiledCache.set(chain, compiled);
    return compiled;
  }

  /** The row and its ancestors (in force), child first. */
  function chainOf(row: VersionRow, byCode: Map<string, VersionRow>): VersionRow[] {
    const out = [row];
    let code = row.extends_code;
    while (code && out.length < 10) {
      const p = byCode.get(code);
      if (!p) break;
      out.push(p);
      code = p.extends_code;
    }
    return out;
  }

  // ---- scope -----------------------------------------------------------------------------------

  /** Readable: inside the actor's subtree, or a level above it (the lists the actor's own extends). */
  function canRead(actor: Actor, regionCode: string): boolean {
    return canAccessRegion(actor, regionCode) || isInRegion(actor.regionCode, regionCode);
  }

  async function visibleRow(actor: Actor, id: string): Promise<VersionRow> {
    requirePermission(actor, 'catalogue:read');
    const row = await repo.find(id);
    if (!row || !canRead(actor, row.region_code)) throw notFound('CATALOGUE_VERSION_NOT_FOUND', '清单版本不存在或不在您的数据权限范围内');
    return row;
  }

  async function changeableRow(actor: Actor, id: string, ex: Executor, permission: 'catalogue:write' | 'catalogue:approve' | 'catalogue:publish'): Promise<VersionRow> {
    requirePermission(actor, permission);
    const row = await repo.findForUpdate(id, ex);
    if (!row || !canRead(actor, row.region_code)) throw notFound('CATALOGUE_VERSION_NOT_FOUND', '清单版本不存在或不在您的数据权限范围内');
    if (!canAccessRegion(actor, row.region_code)) throw forbidden('CATALOGUE_SCOPE', '只能修改本级及下级的清单，上级清单由上级部门维护');
    return row;
  }

  function expectStatus(row: VersionRow, status: VersionRow['status'], action: string) {
    if (row.status !== status) throw conflict('CATALOGUE_STATE', `清单版本当前状态为“${STATUS_LABEL[row.status]}”，不能${action}`);
  }

  function expectVersion(row: VersionRow, version: number) {
    if (row.version !== version) throw conflict('VERSION_CONFLICT', '清单已被他人修改，请刷新后重试');
  }

  /**
   * One step of the life cycle draft → proposed → approved → published (and back to draft): lock
   * the row, check permission, scope, state and optimistic version, run the step's own check,
   * write the new state and the audit entry in one transaction.
   */
  async function transition(
    actor: Actor,
    id: string,
    version: number,
    step: {
      permission: 'catalogue:write' | 'catalogue:approve' | 'catalogue:publish';
      from: Array<VersionRow['status']>;
      /** What the user tried, for the refusal message (“不能发布”). */
      verb: string;
      to: VersionRow['status'];
      action: string;
      check?: (row: VersionRow, trx: Executor) => void | Promise<void>;
      set: (row: VersionRow) => Partial<VersionRow>;
      after?: Record<string, unknown>;
      details?: Record<string, unknown>;
      then?: (row: VersionRow, trx: Executor) => Promise<void>;
    },
  ): Promise<CatalogueVersionDetail> {
    const updated = await db.transaction().execute(async (trx) => {
      const row = await changeableRow(actor, id, trx, step.permission);
      if (!step.from.includes(row.status)) throw conflict('CATALOGUE_STATE', `清单版本当前状态为“${STATUS_LABEL[row.status]}”，不能${step.verb}`);
      expectVersion(row, version);
      await step.check?.(row, trx);
      const next = (await repo.update(id, { ...step.set(row), status: step.to }, trx, version))!;
      await step.then?.(row, trx);
      await audit.record(trx, actor, {
        action: step.action, entityType: 'catalogue_version', entityId: id, regionCode: row.region_code,
        before: { status: row.status }, after: { status: step.to, ...step.after }, ...(step.details ? { details: step.details } : {}),
      });
      return next;
    });
    return detail(updated);
  }

  // ---- presentation ----------------------------------------------------------------------------

  const iso = (d: Date | null) => (d ? d.toISOString() : null);

  function summary(r: VersionRow, regionName: string | undefined): CatalogueVersionSummary {
    const p = packOf(r);
    return {
      id: r.id,
      region_code: r.region_code,
      region_name: regionName ?? null,
      pack_code: r.pack_code,
      name: p.name,
      level: r.level,
      extends_code: r.extends_code,
      version_no: r.version_no,
      status: r.status,
      item_count: Array.isArray(p.items) ? p.items.length : 0,
      based_on: r.based_on,
      note: r.note,
      document_number: r.document_number,
      effective_from: r.effective_from,
      created_by: r.created_by,
      created_at: r.created_at.toISOString(),
      proposed_by: r.proposed_by,
      proposed_at: iso(r.proposed_at),
      approved_by: r.approved_by,
      approved_at: iso(r.approved_at),
      published_by: r.published_by,
      published_at: iso(r.published_at),
      version: r.version,
    };
  }

  function regionNameKey(code: string) {
    return code === '000000' ? '000000' : code;
  }

  async function detail(r: VersionRow): Promise<CatalogueVersionDetail> {
    const names = await regions.namesOf([regionNameKey(r.region_code)]);
    const asOf = clock.today();
    let resolvedItems: PackItem[] = [];
    let parameterStatus: CatalogueVersionDetail['parameter_status'] = [];
    let issues: CatalogueVersionDetail['compile_issues'] = [];
    try {
      const { resolved, compiled } = compileWith(r, await inForce(asOf));
      resolvedItems = [...resolved.items];
      parameterStatus = compiled.parameterStatus(asOf);
    } catch (e) {
      const d = (e as { details?: Array<{ path?: string; message: string }> }).details ?? [{ message: String((e as Error).message) }];
      issues = d.map((i) => ({ path: i.path ?? '', message: i.message }));
    }
    return {
      ...summary(r, names.get(r.region_code)),
      content: r.content as Record<string, unknown>,
      resolved_items: resolvedItems as unknown as Array<Record<string, unknown>>,
      parameter_status: parameterStatus,
      compile_issues: issues,
    };
  }

  /** Zod validation of an edited pack; clear errors naming the path. */
  function validatePack(content: unknown, row: { pack_code: string; region_code: string; level: string } | null): PolicyPack {
    const parsed = parsePack(content);
    if (!parsed.ok) {
      const details = parsed.error.slice(0, 20).map((i) => ({ path: i.path ?? '', code: i.code, message: i.message }));
      throw invalid('CATALOGUE_CONTENT_INVALID', `清单内容不符合格式：${issuesText(details)}`, details);
    }
    const pack = parsed.value;
    if (row && (pack.code !== row.pack_code || pack.region !== row.region_code || pack.level !== row.level)) {
      throw invalid('CATALOGUE_IDENTITY', '清单代码、区划和层级不能在草案中修改');
    }
    return pack;
  }

  // ---- seeding -----------------------------------------------------------------------------------

  /**
   * Seed the catalogue from policies/ as published version 1 of each pack not yet present
   * (idempotent: a pack already in the table is left alone; later changes go through drafts).
   */
  async function ensureSeeded(): Promise<{ seeded: string[] }> {
    const { packs } = await loadPackDirectory(deps.policiesDir);
    const seeded: string[] = [];
    await db.transaction().execute(async (trx) => {
      for (const p of packs) {
        const existing = await repo.byPack(p.code, trx);
        if (existing.length) continue;
        await repo.insert(
          {
            region_code: p.region,
            pack_code: p.code,
            version_no: 1,
            level: p.level,
            extends_code: p.extends,
            status: 'published',
            content: p,
            based_on: null,
            note: '由 policies/ 政策包初始化',
            document_number: p.document?.number ?? '（政策包初始版本）',
            effective_from: SEED_EFFECTIVE_FROM,
            created_by: 'system',
            published_by: 'system',
            published_at: clock.now(),
          },
          trx,
        );
        seeded.push(p.code);
      }
      if (seeded.length) await audit.record(trx, { kind: 'system', userId: null, username: 'system', orgId: null, regionCode: '000000', permissions: new Set(), roles: [] }, { action: 'catalogue.seed', entityType: 'catalogue', details: { packs: seeded } });
    });
    if (seeded.length) invalidate();
    return { seeded };
  }

  // ---- inheritance check on publish ------------------------------------------------------------

  /**
   * The list a version must contain: the in-force list of the nearest region above it (city for a
   * county, province for a city, then national) — whatever its `extends` says, so a county list
   * that stops extending its city's list is still checked against it.
   */
  function parentRowOf(row: VersionRow, byCode: Map<string, VersionRow>): VersionRow | undefined {
    const code = row.region_code;
    const ups = [...new Set([code.slice(0, 4) + '00', code.slice(0, 2) + '0000', '000000'])].filter((c) => c !== code);
    const rows = [...byCode.values()].filter((r) => r.pack_code !== row.pack_code);
    for (const up of ups) {
      const hit = rows.find((r) => r.region_code === up);
      if (hit) return hit;
    }
    return undefined;
  }

  async function inheritanceReport(row: VersionRow, asOf: PlainDate): Promise<InheritanceReport> {
    const byCode = await inForce(asOf);
    const child = compileWith(row, byCode);
    const parentRow = parentRowOf(row, byCode);
    if (!parentRow) return { ok: true, parent_pack: null, checked_items: 0, findings: [] };
    const parent = compileWith(parentRow, byCode);
    return checkInheritance(parent.compiled, child.compiled, asOf);
  }

  return {
    ensureSeeded,
    compiledFor,
    /** Items paid monthly (cash → payroll, service_credit → service account) in force for the region. */
    async programmes(region: string, asOf: PlainDate): Promise<PackItem[]> {
      const c = await compiledFor(region, asOf);
      return c.pack.items.filter((i) => i.benefit.kind === 'cash' || i.benefit.kind === 'service_credit');
    },

    /** The published version row in force for the region (id and number for records). */
    async versionFor(region: string, asOf: PlainDate): Promise<{ id: string; pack_code: string; version_no: number; region_code: string } | undefined> {
      const row = packRowFor(region, await inForce(asOf));
      return row ? { id: row.id, pack_code: row.pack_code, version_no: row.version_no, region_code: row.region_code } : undefined;
    },

    /** Compile any version (a draft too) against the ancestors in force on `asOf` (simulation). */
    async compileVersion(actor: Actor, id: string, asOf: PlainDate): Promise<{ row: CatalogueVersionSummary; compiled: CompiledPack; baseline: CompiledPack | null; baselineId: string | null }> {
      const row = await visibleRow(actor, id);
      const byCode = await inForce(asOf);
      const { compiled } = compileWith(row, byCode);
      const current = byCode.get(row.pack_code);
      const baseline = current ? compileWith(current, byCode).compiled : null;
      return { row: summary(row, undefined), compiled, baseline, baselineId: current?.id ?? null };
    },

    async list(actor: Actor, q: { region?: string | undefined; status?: VersionRow['status'] | undefined }): Promise<{ items: CatalogueVersionSummary[]; total: number }> {
      requirePermission(actor, 'catalogue:read');
      if (q.region && !canRead(actor, q.region)) throw forbidden('SCOPE_FORBIDDEN', '该区划不在您的数据权限范围内');
      const rows = (await repo.list({ ...(q.status ? { status: q.status } : {}) })).filter((r) => canRead(actor, r.region_code) && (!q.region || isInRegion(r.region_code, q.region) || isInRegion(q.region, r.region_code)));
      const names = await regions.namesOf(rows.map((r) => r.region_code));
      return { items: rows.map((r) => summary(r, names.get(r.region_code))), total: rows.length };
    },

    async get(actor: Actor, id: string): Promise<CatalogueVersionDetail> {
      return detail(await visibleRow(actor, id));
    },

    async createDraft(actor: Actor, input: z.infer<typeof CreateDraft>): Promise<CatalogueVersionDetail> {
      requirePermission(actor, 'catalogue:write');
      const row = await db.transaction().execute(async (trx) => {
        const versions = await repo.byPack(input.pack_code, trx);
        if (versions.length === 0 && input.content) {
          // A new list (e.g. a county starting its own list under the city's).
          const pack = validatePack(input.content, null);
          if (pack.code !== input.pack_code) throw invalid('CATALOGUE_IDENTITY', '清单代码与 pack_code 不一致');
          if (!canAccessRegion(actor, pack.region)) throw forbidden('CATALOGUE_SCOPE', '只能为本级及下级区划建立清单');
          const created = await repo.insert({ region_code: pack.region, pack_code: pack.code, version_no: 1, level: pack.level, extends_code: pack.extends, status: 'draft', content: pack, based_on: null, note: input.note ?? null, document_number: null, effective_from: null, created_by: actor.username }, trx);
          await audit.record(trx, actor, { action: 'catalogue.draft_create', entityType: 'catalogue_version', entityId: created.id, regionCode: created.region_code, details: { pack_code: created.pack_code, version_no: 1, new_list: true } });
          return created;
        }
        const source = input.from_version_id ? versions.find((v) => v.id === input.from_version_id) : versions.find((v) => v.status === 'published');
        if (!source || !canRead(actor, source.region_code)) throw notFound('CATALOGUE_VERSION_NOT_FOUND', `清单 ${input.pack_code} 不存在或不在您的数据权限范围内`);
        if (!canAccessRegion(actor, source.region_code)) throw forbidden('CATALOGUE_SCOPE', '只能修改本级及下级的清单，上级清单由上级部门维护');
        const open = versions.find((v) => v.status === 'draft' || v.status === 'proposed' || v.status === 'approved');
        if (open) throw conflict('CATALOGUE_DRAFT_EXISTS', `清单 ${input.pack_code} 已有未发布的第${open.version_no}版（${STATUS_LABEL[open.status]}），请先处理该版本`);
        const created = await repo.insert(
          {
            region_code: source.region_code,
            pack_code: source.pack_code,
            version_no: await repo.nextVersionNo(source.pack_code, trx),
            level: source.level,
            extends_code: source.extends_code,
            status: 'draft',
            content: source.content,
            based_on: source.id,
            note: input.note ?? null,
            document_number: null,
            effective_from: null,
            created_by: actor.username,
          },
          trx,
        );
        await audit.record(trx, actor, { action: 'catalogue.draft_create', entityType: 'catalogue_version', entityId: created.id, regionCode: created.region_code, details: { pack_code: created.pack_code, version_no: created.version_no, based_on: source.id } });
        return created;
      });
      return detail(row);
    },

    async updateDraft(actor: Actor, id: string, input: z.infer<typeof UpdateDraft>): Promise<CatalogueVersionDetail> {
      const row = await db.transaction().execute(async (trx) => {
        const row = await changeableRow(actor, id, trx, 'catalogue:write');
        expectStatus(row, 'draft', '编辑');
        expectVersion(row, input.version);
        const pack = validatePack(input.content, row);
        compileWith({ ...row, content: pack, extends_code: pack.extends }, await inForce(clock.today()));
        const updated = await repo.update(id, { content: pack, extends_code: pack.extends, ...(input.note !== undefined ? { note: input.note } : {}) }, trx, input.version);
        if (!updated) throw conflict('VERSION_CONFLICT', '清单已被他人修改，请刷新后重试');
        const diff = describePackDiff(packOf(row), pack, row.id, id);
        await audit.record(trx, actor, { action: 'catalogue.draft_update', entityType: 'catalogue_version', entityId: id, regionCode: row.region_code, details: { summary: diff.summary } });
        return updated;
      });
      return detail(row);
    },

    /** Set a dated value of a parameter in a draft (e.g. a provincial rate a seed left to another document). */
    async setParameter(actor: Actor, id: string, name: string, input: z.infer<typeof SetParameter>): Promise<CatalogueVersionDetail> {
      const row = await db.transaction().execute(async (trx) => {
        const row = await changeableRow(actor, id, trx, 'catalogue:write');
        expectStatus(row, 'draft', '设置参数');
        expectVersion(row, input.version);
        const pack = structuredClone(packOf(row));
        const param = pack.parameters[name];
        if (!param) throw notFound('PARAMETER_NOT_FOUND', `本级清单没有参数“${name}”（继承的参数请在其所在的上级清单中设置）`);
        if (input.to && input.to <= input.from) throw invalid('PARAMETER_DATES', '参数的截止日期应晚于起始日期');
        const kept = param.values.filter((v) => v.from !== input.from);
        kept.push({ from: input.from, to: input.to ?? null, value: input.value });
        kept.sort((a, b) => (a.from < b.from ? -1 : 1));
        param.values = kept;
        if (input.note) param.note = input.note;
        compileWith({ ...row, content: pack }, await inForce(clock.today()));
        const updated = await repo.update(id, { content: pack }, trx, input.version);
        if (!updated) throw conflict('VERSION_CONFLICT', '清单已被他人修改，请刷新后重试');
        await audit.record(trx, actor, { action: 'catalogue.parameter_set', entityType: 'catalogue_version', entityId: id, regionCode: row.region_code, details: { parameter: name, from: input.from, to: input.to ?? null, value: input.value } });
        return updated;
      });
      return detail(row);
    },

    async propose(actor: Actor, id: string, input: z.infer<typeof TransitionBody>): Promise<CatalogueVersionDetail> {
      return transition(actor, id, input.version, {
        permission: 'catalogue:write', from: ['draft'], verb: '提交审批', to: 'proposed', action: 'catalogue.propose',
        check: async (row) => void compileWith(row, await inForce(clock.today())),
        set: () => ({ proposed_by: actor.username, proposed_at: clock.now(), ...(input.note ? { note: input.note } : {}) }),
      });
    },

    /** Back to draft (the approver returns it, or the maker withdraws the proposal). */
    async returnToDraft(actor: Actor, id: string, input: z.infer<typeof TransitionBody>): Promise<CatalogueVersionDetail> {
      return transition(actor, id, input.version, {
        permission: 'catalogue:write', from: ['proposed', 'approved'], verb: '退回', to: 'draft', action: 'catalogue.return',
        set: () => ({ approved_by: null, approved_at: null, ...(input.note ? { note: input.note } : {}) }),
        details: { note: input.note ?? null },
      });
    },

    /** Maker–checker: the approver is not the person who drafted or proposed the version. */
    async approve(actor: Actor, id: string, input: z.infer<typeof TransitionBody>): Promise<CatalogueVersionDetail> {
      return transition(actor, id, input.version, {
        permission: 'catalogue:approve', from: ['proposed'], verb: '审批', to: 'approved', action: 'catalogue.approve',
        check: (row) => {
          if (actor.username === row.proposed_by || actor.username === row.created_by) throw forbidden('CATALOGUE_SAME_PERSON', '审批人不能是本版本的起草人或提交人');
        },
        set: () => ({ approved_by: actor.username, approved_at: clock.now() }),
      });
    },

    /** The publish check (inheritance from the parent list) for a version, without publishing. */
    async checkVersion(actor: Actor, id: string, asOf?: PlainDate): Promise<InheritanceReport> {
      const row = await visibleRow(actor, id);
      return inheritanceReport(row, asOf ?? clock.today());
    },

    async publish(actor: Actor, id: string, input: z.infer<typeof PublishBody>): Promise<CatalogueVersionDetail> {
      const published = await transition(actor, id, input.version, {
        permission: 'catalogue:publish', from: ['approved'], verb: '发布', to: 'published', action: 'catalogue.publish',
        check: async (row) => {
          const report = await inheritanceReport(row, input.effective_from);
          if (report.ok) return;
          throw invalid(
            'CATALOGUE_INHERITANCE',
            `不能发布：本清单未能证明涵盖上级清单 ${report.parent_pack}（${countFindings(report)}）。请逐项修改后重新提交。`,
            report.findings.map((f) => ({ path: f.item_code, code: f.problem, message: f.message, parent: f.parent, child: f.child, example: f.example })),
          );
        },
        set: () => ({ document_number: input.document_number, effective_from: input.effective_from, published_by: actor.username, published_at: clock.now() }),
        after: { document_number: input.document_number, effective_from: input.effective_from },
        then: async (row, trx) => {
          await repo.supersedeOthers(row.pack_code, id, trx);
          const ev: CataloguePublishedEvent = { region_code: row.region_code, pack_code: row.pack_code, version_id: id, effective_from: input.effective_from };
          await events.publish(trx, CATALOGUE_PUBLISHED_EVENT, ev, `${CATALOGUE_PUBLISHED_EVENT}:${id}`);
        },
      });
      invalidate();
      return published;
    },

    async diff(actor: Actor, fromId: string, toId: string): Promise<CatalogueDiff> {
      const [a, b] = await Promise.all([visibleRow(actor, fromId), visibleRow(actor, toId)]);
      return describePackDiff(packOf(a), packOf(b), a.id, b.id);
    },

    /** The current published list of a region, without login (issue 5 item 3). */
    async publicList(region: string): Promise<PublicCatalogue> {
      const asOf = clock.today();
      const byCode = await inForce(asOf);
      const row = region === '000000' ? byCode.get([...byCode.values()].find((r) => r.level === 'national')?.pack_code ?? '') : packRowFor(region, byCode) ?? [...byCode.values()].find((r) => r.region_code === region);
      if (!row) throw notFound('CATALOGUE_NOT_FOUND', `区划 ${region} 没有已发布的基本养老服务清单`);
      const { resolved, compiled } = compileWith(row, byCode);
      const origin = (code: string) => resolved.origin[code] ?? row.pack_code;
      const names = await regions.namesOf([row.region_code]);
      return {
        region_code: row.region_code,
        region_name: names.get(row.region_code) ?? null,
        pack_code: row.pack_code,
        name: packOf(row).name,
        version_no: row.version_no,
        document_number: row.document_number,
        effective_from: row.effective_from,
        published_at: iso(row.published_at),
        items: resolved.items.map((i) => ({
          code: i.code,
          name: i.name,
          target_group: i.target_group,
          service_types: [...i.service_types],
          content: i.content,
          departments: [...i.departments],
          benefit: benefitText(i),
          requires_application: i.requires_application,
          citation: i.citation,
          from_pack: origin(i.code),
        })),
        parameters: compiled.parameterStatus(asOf),
        targets: (resolved.targets ?? []) as unknown as Array<Record<string, unknown>>,
      };
    },

    invalidate,
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;

export const STATUS_LABEL: Record<VersionRow['status'], string> = {
  draft: '草案',
  proposed: '待审批',
  approved: '已审批',
  published: '已发布',
  superseded: '已被替代',
  withdrawn: '已撤回',
};

function countFindings(r: InheritanceReport): string {
  const n = (p: string) => r.findings.filter((f) => f.problem === p).length;
  const parts = [
    n('missing') && `缺少上级事项${n('missing')}项`,
    n('narrower') && `条件收窄${n('narrower')}项`,
    n('lower') && `标准降低${n('lower')}项`,
    n('unproven') && `无法证明${n('unproven')}项`,
  ].filter(Boolean);
  return parts.join('，');
}

export function benefitText(i: PackItem): string {
  const b = i.benefit;
  switch (b.kind) {
    case 'cash':
      return `现金补贴（按月，公式 ${b.monthly_fen}）`;
    case 'service_credit':
      return `服务补贴（按月计入服务账户，公式 ${b.monthly_fen}）`;
    case 'in_kind':
      return `${b.service}：${b.quota}${b.unit}/${b.frequency === 'once' ? '一次' : b.frequency === 'monthly' ? '月' : '年'}`;
    case 'right':
      return b.description;
  }
}

