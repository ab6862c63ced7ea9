import { z } from 'zod';
import { PlainDateString } from './common';

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor_id: z.string().nullable(),
    actor_username: z.string().nullable(),
    actor_org_id: z.string().nullable(),
    region_code: z.string().nullable(),
    region_name: z.string().nullable(),
    action: z.string(),
    entity_type: z.string().nullable(),
    entity_id: z.string().nullable(),
    outcome: z.enum(['success', 'failure']),
    ip: z.string().nullable(),
    request_id: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    details: z.unknown().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  entity_type: z.string().max(64).optional(),
  entity_id: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: PlainDateString.optional(),
  to: PlainDateString.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
});
