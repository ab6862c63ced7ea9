/** Wire contracts of department imports, conflicts, duplicates and tag counts. */
import { z } from 'zod';
import { RegionCode, Uuid } from '../contracts/common';
import { IMPORT_SOURCE_KEYS } from './import-sources';

export const ImportSourceParam = z.enum(IMPORT_SOURCE_KEYS);

export const ImportQuery = z.object({
  source: ImportSourceParam,
  /** File name shown in the import history (the body carries no name). */
  file_name: z.string().trim().max(200).optional(),
  /** `async` queues the import as a job even for a small file (the wizard always does). */
  mode: z.enum(['auto', 'async']).default('auto'),
});

export const ImportRowErrorOut = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});

/** The synchronous answer (issue #3 contract) plus counts of what changed. */
export const ImportResult = z
  .object({
    accepted: z.number().int(),
    rejected: z.number().int(),
    errors: z.array(ImportRowErrorOut),
    errors_truncated: z.boolean(),
    batch_id: Uuid,
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    conflicts: z.number().int(),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportQueued = z.object({ batch_id: Uuid, job_id: z.number().int(), status: z.literal('queued') });

export const ImportBatch = z
  .object({
    id: Uuid,
    source: ImportSourceParam,
    region_code: z.string(),
    file_name: z.string().nullable(),
    file_sha256: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    bytes_total: z.number().int().nullable(),
    bytes_done: z.number().int(),
    rows_done: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    conflicts: z.number().int(),
    error_message: z.string().nullable(),
    errors: z.array(ImportRowErrorOut),
    created_by_name: z.string().nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'ImportBatch' });
export type ImportBatch = z.infer<typeof ImportBatch>;

export const ImportBatchQuery = z.object({
  region: RegionCode.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});

export const FactConflict = z
  .object({
    id: z.number().int(),
    person_id: Uuid,
    person_name: z.string(),
    id_number: z.string().meta({ description: '脱敏' }),
    region_code: z.string(),
    fact: z.string(),
    incoming_value: z.unknown(),
    incoming_source: z.string(),
    incoming_valid_from: z.string(),
    current_value: z.unknown(),
    current_source: z.string(),
    outcome: z.enum(['kept', 'applied']),
    status: z.enum(['open', 'resolved']),
    resolution: z.string().nullable(),
    batch_id: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'FactConflict' });
export type FactConflict = z.infer<typeof FactConflict>;

export const ConflictQuery = z.object({
  region: RegionCode.optional(),
  status: z.enum(['open', 'resolved']).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});

export const ResolveConflict = z.object({
  /** keep = the outcome stands; use_incoming / use_current = staff decide the value from now on. */
  decision: z.enum(['keep', 'use_incoming', 'use_current']),
  note: z.string().trim().max(200).optional(),
});

export const DuplicatePair = z
  .object({
    id: z.number().int(),
    reason: z.enum(['same_name_birth', 'id_one_digit']),
    status: z.enum(['open', 'merged', 'dismissed']),
    a: z.object({ id: Uuid, name: z.string(), id_number: z.string(), birth_date: z.string().nullable(), region_code: z.string(), region_name: z.string(), status: z.string() }),
    b: z.object({ id: Uuid, name: z.string(), id_number: z.string(), birth_date: z.string().nullable(), region_code: z.string(), region_name: z.string(), status: z.string() }),
    detected_at: z.string(),
  })
  .meta({ id: 'DuplicatePair' });
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DuplicateQuery = z.object({
  region: RegionCode.optional(),
  status: z.enum(['open', 'merged', 'dismissed']).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});

export const MergeDuplicate = z.object({ keep: Uuid, reason: z.string().trim().min(2, '请填写合并原因').max(200) });

export const TagCountsQuery = z.object({ region: RegionCode.optional() });
export const TagCountRow = z.object({
  region_code: z.string(),
  region_name: z.string(),
  total: z.number().int(),
  tags: z.record(z.string(), z.number().int()),
});
export const TagCounts = z.object({ region_code: z.string(), rows: z.array(TagCountRow), totals: TagCountRow }).meta({ id: 'TagCounts' });
