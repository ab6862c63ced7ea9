/**
 * Eligibility public contract (issue 5 item 4) and "services find people" work lists (item 5):
 * 应享未享 (entitled_not_receiving) and 不应享而享 (receiving_not_entitled).
 */
import { z } from 'zod';
import { PlainDateString, RegionCode, Uuid } from '../contracts/common';

export const EvaluatePerson = z
  .object({
    id_number: z.string().trim().min(15).max(18),
  })
  .catchall(z.unknown())
  .meta({ description: 'id_number plus any person facts (PersonFacts names); facts not supplied take their neutral value' });

export const EvaluateRequest = z.object({
  region: RegionCode,
  as_of: PlainDateString,
  persons: z.array(EvaluatePerson).min(1).max(1000),
  explain: z.boolean().optional(),
});
export type EvaluateRequest = z.infer<typeof EvaluateRequest>;

export const EntitledItem = z.object({
  code: z.string(),
  name: z.string(),
  monthly_cash_fen: z.number().int().nullable(),
});
export const ItemExplanationOut = z.object({
  code: z.string(),
  name: z.string(),
  eligible: z.boolean(),
  condition: z.string(),
  facts: z.record(z.string(), z.unknown()),
  excluded_by: z.string().nullable(),
  error: z.string().nullable(),
  citation: z.string(),
  benefit_kind: z.string(),
  monthly_cash_fen: z.number().int().nullable(),
  blocked_parameters: z.array(z.string()),
});
export type ItemExplanationOut = z.infer<typeof ItemExplanationOut>;

export const EvaluateResult = z.object({
  id_number: z.string(),
  items: z.array(EntitledItem),
  age: z.number().int().nullable().optional(),
  explanation: z.array(ItemExplanationOut).optional(),
});
export const EvaluateResponse = z.object({ results: z.array(EvaluateResult) });

export const EntitlementsQuery = z.object({ as_of: PlainDateString.optional() });
export const PersonEntitlements = z.object({
  person_id: Uuid,
  region_code: z.string(),
  as_of: z.string(),
  pack_code: z.string(),
  catalogue_version_no: z.number().int(),
  items: z.array(EntitledItem.extend({ blocked_parameters: z.array(z.string()) })),
  explanation: z.array(ItemExplanationOut),
});

export const WORKLIST_KIND_VALUES = ['entitled_not_receiving', 'receiving_not_entitled'] as const;
export const WORKLIST_STATUS_VALUES = ['open', 'in_progress', 'resolved', 'dismissed'] as const;
export const WorklistQuery = z.object({
  region: RegionCode.optional(),
  kind: z.enum(WORKLIST_KIND_VALUES).optional(),
  status: z.enum(WORKLIST_STATUS_VALUES).optional(),
  item_code: z.string().max(20).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});
export const WorklistEntry = z.object({
  id: Uuid,
  person_id: Uuid,
  person_name: z.string().nullable(),
  region_code: z.string(),
  street_code: z.string(),
  street_name: z.string().nullable(),
  kind: z.enum(WORKLIST_KIND_VALUES),
  item_code: z.string(),
  item_name: z.string(),
  monthly_cash_fen: z.number().int().nullable(),
  status: z.enum(WORKLIST_STATUS_VALUES),
  explanation: z.record(z.string(), z.unknown()),
  found_at: z.string(),
  resolution: z.string().nullable(),
  note: z.string().nullable(),
  handled_by: z.string().nullable(),
  handled_at: z.string().nullable(),
  version: z.number().int(),
});
export type WorklistEntry = z.infer<typeof WorklistEntry>;
export const UpdateWorklistEntry = z.object({
  version: z.number().int(),
  status: z.enum(WORKLIST_STATUS_VALUES),
  note: z.string().max(1000).optional(),
});

export const PopulationRunRequest = z.object({ region: RegionCode, as_of: PlainDateString.optional() });
export const RunRecord = z.object({
  id: Uuid,
  region_code: z.string(),
  kind: z.enum(['population', 'simulation']),
  trigger: z.string(),
  as_of: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  persons: z.number().int(),
  entitlements: z.number().int(),
  opened: z.number().int(),
  closed: z.number().int(),
  unchanged: z.number().int(),
  result: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  started_by: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
});
export type RunRecord = z.infer<typeof RunRecord>;

export const SimulationRequest = z.object({
  version_id: Uuid,
  region: RegionCode.optional(),
  as_of: PlainDateString.optional(),
});
export const SimulationItemChange = z.object({
  code: z.string(),
  name: z.string(),
  gains: z.number().int(),
  losses: z.number().int(),
  before_persons: z.number().int(),
  after_persons: z.number().int(),
  before_monthly_fen: z.number().int(),
  after_monthly_fen: z.number().int(),
  cost_change_fen: z.number().int(),
});
export const SimulationRegionChange = z.object({
  region_code: z.string(),
  region_name: z.string().nullable(),
  persons: z.number().int(),
  before_monthly_fen: z.number().int(),
  after_monthly_fen: z.number().int(),
  cost_change_fen: z.number().int(),
});
export const SimulationResult = z.object({
  run_id: Uuid,
  version_id: Uuid,
  baseline_version_id: Uuid.nullable(),
  region_code: z.string(),
  as_of: z.string(),
  persons: z.number().int(),
  items: z.array(SimulationItemChange),
  regions: z.array(SimulationRegionChange),
  before_monthly_fen: z.number().int(),
  after_monthly_fen: z.number().int(),
  cost_change_fen: z.number().int(),
  examples: z.array(z.object({ person_id: Uuid, name: z.string().nullable(), item_code: z.string(), change: z.enum(['gain', 'loss']) })),
});
export type SimulationResult = z.infer<typeof SimulationResult>;
