/**
 * API contracts of the service catalogue (基本养老服务清单): versions with a life cycle
 * draft → proposed → approved → published (000 三(一)1–3; 002 二(一)1–2), the readable diff,
 * parameter status and the public list.
 */
import { z } from 'zod';
import { PlainDateString, RegionCode, Uuid } from '../contracts/common';

export const CATALOGUE_VERSION_STATUSES = ['draft', 'proposed', 'approved', 'published', 'superseded', 'withdrawn'] as const;
export const CatalogueVersionStatus = z.enum(CATALOGUE_VERSION_STATUSES);

export const ParameterStatusEntry = z.object({
  name: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  status: z.enum(['set', 'unset', 'expired']),
});

export const CatalogueVersionSummary = z.object({
  id: Uuid,
  region_code: z.string(),
  region_name: z.string().nullable(),
  pack_code: z.string(),
  name: z.string(),
  level: z.enum(['national', 'province', 'city', 'county']),
  extends_code: z.string().nullable(),
  version_no: z.number().int(),
  status: CatalogueVersionStatus,
  item_count: z.number().int(),
  based_on: Uuid.nullable(),
  note: z.string().nullable(),
  document_number: z.string().nullable(),
  effective_from: z.string().nullable(),
  created_by: z.string(),
  created_at: z.string(),
  proposed_by: z.string().nullable(),
  proposed_at: z.string().nullable(),
  approved_by: z.string().nullable(),
  approved_at: z.string().nullable(),
  published_by: z.string().nullable(),
  published_at: z.string().nullable(),
  version: z.number().int(),
});
export type CatalogueVersionSummary = z.infer<typeof CatalogueVersionSummary>;

export const CatalogueVersionDetail = CatalogueVersionSummary.extend({
  /** The pack as stored (this level only; `resolved_items` adds the inherited ones). */
  content: z.record(z.string(), z.unknown()),
  resolved_items: z.array(z.record(z.string(), z.unknown())),
  parameter_status: z.array(ParameterStatusEntry),
  compile_issues: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type CatalogueVersionDetail = z.infer<typeof CatalogueVersionDetail>;

export const CatalogueQuery = z.object({
  region: RegionCode.optional(),
  status: CatalogueVersionStatus.optional(),
});

export const CreateDraft = z.object({
  /** Copy of this version; default: the pack's latest published version. */
  from_version_id: Uuid.optional(),
  pack_code: z.string().min(1).max(20),
  note: z.string().max(500).optional(),
  /** Only for a new list (no version of pack_code yet): the pack as JSON. */
  content: z.record(z.string(), z.unknown()).optional(),
});
export const UpdateDraft = z.object({
  version: z.number().int(),
  content: z.record(z.string(), z.unknown()),
  note: z.string().max(500).optional(),
});
export const SetParameter = z.object({
  version: z.number().int(),
  from: PlainDateString,
  to: PlainDateString.nullable().optional(),
  value: z.number().int().nullable(),
  note: z.string().max(500).optional(),
});
export const TransitionBody = z.object({ version: z.number().int(), note: z.string().max(500).optional() });
export const PublishBody = z.object({
  version: z.number().int(),
  document_number: z.string().trim().min(2, '请填写发布文号').max(100),
  effective_from: PlainDateString,
});

export const InheritanceFinding = z.object({
  item_code: z.string(),
  item_name: z.string(),
  problem: z.enum(['missing', 'narrower', 'lower', 'unproven']),
  message: z.string(),
  parent: z.string().nullable(),
  child: z.string().nullable(),
  example: z.record(z.string(), z.unknown()).nullable(),
});
export const InheritanceReport = z.object({
  ok: z.boolean(),
  parent_pack: z.string().nullable(),
  checked_items: z.number().int(),
  findings: z.array(InheritanceFinding),
});
export type InheritanceReport = z.infer<typeof InheritanceReport>;

export const DiffChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const CatalogueDiff = z.object({
  from: Uuid,
  to: Uuid,
  added: z.array(z.object({ code: z.string(), name: z.string() })),
  removed: z.array(z.object({ code: z.string(), name: z.string() })),
  changed: z.array(z.object({ code: z.string(), name: z.string(), changes: z.array(DiffChange) })),
  parameters: z.array(z.object({ name: z.string(), label: z.string(), change: z.enum(['added', 'removed', 'changed']), before: z.unknown(), after: z.unknown() })),
  settings: z.array(DiffChange),
  summary: z.string(),
});
export type CatalogueDiff = z.infer<typeof CatalogueDiff>;

export const PublicCatalogueItem = z.object({
  code: z.string(),
  name: z.string(),
  target_group: z.string(),
  service_types: z.array(z.string()),
  content: z.string(),
  departments: z.array(z.string()),
  benefit: z.string(),
  requires_application: z.boolean(),
  citation: z.string(),
  from_pack: z.string(),
});
export const PublicCatalogue = z.object({
  region_code: z.string(),
  region_name: z.string().nullable(),
  pack_code: z.string(),
  name: z.string(),
  version_no: z.number().int(),
  document_number: z.string().nullable(),
  effective_from: z.string().nullable(),
  published_at: z.string().nullable(),
  items: z.array(PublicCatalogueItem),
  parameters: z.array(ParameterStatusEntry),
  targets: z.array(z.record(z.string(), z.unknown())),
});
export type PublicCatalogue = z.infer<typeof PublicCatalogue>;
