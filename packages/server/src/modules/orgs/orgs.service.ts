/**
 * Organisations (组织机构) placed in the region tree: bureaus, street offices, community
 * committees, assessment agencies, providers, institutions. An organisation's region is the
 * data scope of every user it holds.
 */
import {
  conflict,
  invalid,
  notFound,
  type Organisation,
  type OrgType,
} from '@yiyang/core';
import type { z } from 'zod';
import type { CreateOrganisation, UpdateOrganisation } from '@yiyang/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { assertRecordInScope, assertRegionInScope, effectiveRegion, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import type { RegionService } from '../regions';
import { createOrgRepository, type OrgRow } from './orgs.repository';

function toOrg(r: OrgRow): Organisation {
  return {
    id: r.id,
    name: r.name,
    type: r.type as OrgType,
    region_code: r.region_code,
    region_name: r.region_name,
    parent_id: r.parent_id,
    unified_credit_code: r.unified_credit_code,
    contact_phone: r.contact_phone,
    status: r.status,
    version: r.version,
    created_at: r.created_at.toISOString(),
  };
}

export function createOrgService(deps: { db: Db; audit: AuditService; regions: RegionService }) {
  const { db, audit, regions } = deps;
  const repo = createOrgRepository(db);

  async function checkRegionAndParent(actor: Actor, regionCode: string, parentId: string | null | undefined) {
    assertRegionInScope(actor, regionCode);
    if (!(await regions.exists(regionCode))) throw invalid('REGION_NOT_FOUND', `区划代码${regionCode}不存在`);
    if (parentId) {
      const parent = await repo.find(parentId);
      if (!parent || !regions.canAccess(actor, parent.region_code)) {
        throw invalid('ORG_PARENT_INVALID', '上级机构不存在或不在您的数据权限范围内');
      }
    }
  }

  return {
    async list(actor: Actor, f: { region?: string | undefined; type?: string | undefined; q?: string | undefined; page: number; page_size: number }) {
      requirePermission(actor, 'orgs:read');
      const scopeRegion = effectiveRegion(actor, f.region);
      const { rows, total } = await repo.list({
        scopeRegion,
        type: f.type,
        q: f.q,
        limit: f.page_size,
        offset: (f.page - 1) * f.page_size,
      });
      return { items: rows.map(toOrg), total };
    },

    async get(actor: Actor, id: string): Promise<Organisation> {
      requirePermission(actor, 'orgs:read');
      const r = await repo.find(id);
      assertRecordInScope(actor, r?.region_code ?? null, '机构');
      return toOrg(r!);
    },

    /** Internal lookup without scope (used by the users module to place a user). */
    async findInternal(id: string): Promise<Organisation | undefined> {
      const r = await repo.find(id);
      return r ? toOrg(r) : undefined;
    },

    async create(actor: Actor, input: z.infer<typeof CreateOrganisation>): Promise<Organisation> {
      requirePermission(actor, 'orgs:write');
      await checkRegionAndParent(actor, input.region_code, input.parent_id);
      return db.transaction().execute(async (trx) => {
        const txRepo = createOrgRepository(trx);
        if (await txRepo.findByNameInRegion(input.region_code, input.name, trx)) {
          throw conflict('ORG_NAME_TAKEN', `该区划下已有名为“${input.name}”的机构`);
        }
        const id = await txRepo.insert({
          name: input.name,
          type: input.type,
          region_code: input.region_code,
          parent_id: input.parent_id ?? null,
          unified_credit_code: input.unified_credit_code ?? null,
          contact_phone: input.contact_phone ?? null,
        }, trx);
        const org = toOrg((await txRepo.find(id, trx))!);
        await audit.record(trx, actor, {
          action: 'orgs.create',
          entityType: 'organisation',
          entityId: id,
          regionCode: org.region_code,
          after: org,
        });
        return org;
      });
    },

    async update(actor: Actor, id: string, input: z.infer<typeof UpdateOrganisation>): Promise<Organisation> {
      requirePermission(actor, 'orgs:write');
      const before = await repo.find(id);
      assertRecordInScope(actor, before?.region_code ?? null, '机构');
      if (input.region_code || input.parent_id) {
        await checkRegionAndParent(actor, input.region_code ?? before!.region_code, input.parent_id);
      }
      return db.transaction().execute(async (trx) => {
        const txRepo = createOrgRepository(trx);
        const { version, ...changes } = input;
        const ok = await txRepo.update(id, version, changes, trx);
        if (!ok) throw conflict('VERSION_CONFLICT', '该机构已被他人修改，请刷新后重试');
        const after = toOrg((await txRepo.find(id, trx))!);
        await audit.record(trx, actor, {
          action: 'orgs.update',
          entityType: 'organisation',
          entityId: id,
          regionCode: after.region_code,
          before: toOrg(before!),
          after,
        });
        return after;
      });
    },

    /** Find or create an organisation by name in a region (seeding and CLI). */
    async ensure(actor: Actor, input: { name: string; type: OrgType; region_code: string; parent_id?: string | null }): Promise<Organisation> {
      const existing = await repo.findByNameInRegion(input.region_code, input.name);
      if (existing) return toOrg((await repo.find(existing.id))!);
      return this.create(actor, input);
    },

    notFoundError: () => notFound('ORG_NOT_FOUND', '机构不存在'),
  };
}
export type OrgService = ReturnType<typeof createOrgService>;
