/**
 * Life events (动态管理, 000 三(二)6): what happened to a person, with the date it took effect.
 * Each event writes facts or status with provenance and publishes domain events (person.died,
 * person.moved, person.changed) for the modules downstream.
 */
import { z } from 'zod';
import { PlainDateString, RegionCode } from '../contracts/common';
import { EconomicStatus, LivingArrangement } from './facts';

const base = {
  effective_date: PlainDateString,
  source_department: z.string().max(40).nullable().optional(),
  note: z.string().trim().max(200).optional(),
};

export const LIFE_EVENT_TYPES = ['death', 'move', 'hukou_transfer', 'enter_institution', 'leave_institution', 'economic_status'] as const;
export type LifeEventType = (typeof LIFE_EVENT_TYPES)[number];

export const LIFE_EVENT_LABELS: Record<LifeEventType, string> = {
  death: '死亡',
  move: '居住地迁移',
  hukou_transfer: '户籍迁移',
  enter_institution: '入住养老机构',
  leave_institution: '离开养老机构',
  economic_status: '经济状况变更',
};

export const LifeEventInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('death'), ...base }),
  z.object({ type: z.literal('move'), to_region: RegionCode, ...base }),
  z.object({ type: z.literal('hukou_transfer'), to_region: RegionCode, ...base }),
  z.object({ type: z.literal('enter_institution'), institution: z.string().trim().min(1, '请填写机构').max(100), ...base }),
  z.object({ type: z.literal('leave_institution'), living_arrangement: LivingArrangement.exclude(['institution']), ...base }),
  z.object({ type: z.literal('economic_status'), economic_status: EconomicStatus, ...base }),
]);
export type LifeEventInput = z.infer<typeof LifeEventInput>;

export const LifeEventRecord = z
  .object({
    id: z.number().int(),
    type: z.enum(LIFE_EVENT_TYPES),
    effective_date: z.string(),
    details: z.record(z.string(), z.unknown()),
    source_type: z.string(),
    source_department: z.string().nullable(),
    source_ref: z.string().nullable(),
    recorded_at: z.string(),
    recorded_by: z.string().nullable(),
  })
  .meta({ id: 'LifeEventRecord' });
export type LifeEventRecord = z.infer<typeof LifeEventRecord>;
