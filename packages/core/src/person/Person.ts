/** Wire contracts of the registry (老年人档案). `id_number` and `phone` are always masked here. */
import { z } from 'zod';
import { PlainDateString, RegionCode, Uuid } from '../contracts/common';
import { EconomicStatus, LivingArrangement } from './facts';

export const ID_TYPES = ['resident', 'hk_mo_permit', 'tw_permit', 'passport', 'foreign_permanent', 'other'] as const;
export const IdType = z.enum(ID_TYPES);
export const ID_TYPE_LABELS: Record<(typeof ID_TYPES)[number], string> = {
  resident: '居民身份证',
  hk_mo_permit: '港澳居民居住证/通行证',
  tw_permit: '台湾居民居住证/通行证',
  passport: '护照',
  foreign_permanent: '外国人永久居留身份证',
  other: '其他证件',
};

/**
 * Names: up to 50 characters counted in code points (民委发〔2016〕33号), any GB 18030 character
 * including supplementary-plane hanzi; the separator of minority names is "·" (U+00B7).
 */
export const PersonName = z
  .string()
  .trim()
  .refine((s) => Array.from(s).length >= 1, '请输入姓名')
  .refine((s) => Array.from(s).length <= 50, '姓名不超过50个字')
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), '姓名含有不可见字符');

export const Sex = z.enum(['male', 'female']);
export const PersonStatus = z.enum(['active', 'deceased', 'moved_out', 'merged']);

export const PersonSummary = z
  .object({
    id: Uuid,
    name: z.string(),
    sex: Sex.nullable(),
    birth_date: z.string().nullable(),
    age: z.number().int().nullable(),
    id_type: IdType,
    id_number: z.string().meta({ description: '脱敏：前6位+星号+后4位' }),
    phone: z.string().nullable(),
    region_code: z.string(),
    region_name: z.string(),
    hukou_region_code: z.string().nullable(),
    economic_status: z.string(),
    capability_grade: z.number().int().nullable(),
    living_arrangement: z.string(),
    disability_level: z.number().int().nullable(),
    tags: z.array(z.string()),
    alive: z.boolean(),
    status: PersonStatus,
  })
  .meta({ id: 'PersonSummary' });
export type PersonSummary = z.infer<typeof PersonSummary>;

export const CurrentFact = z.object({
  value: z.unknown(),
  valid_from: z.string(),
  source_type: z.string(),
  source_department: z.string().nullable(),
});

export const PersonDetail = PersonSummary.extend({
  address: z.string().nullable(),
  death_date: z.string().nullable(),
  facts: z.record(z.string(), CurrentFact),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: 'PersonDetail' });
export type PersonDetail = z.infer<typeof PersonDetail>;

export const CreatePerson = z.object({
  id_type: IdType.default('resident'),
  id_number: z.string().trim().min(1, '请输入证件号码').max(40),
  name: PersonName,
  phone: z.string().trim().max(30).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  region_code: RegionCode,
  hukou_region_code: RegionCode.nullable().optional(),
  /** Only for ID types other than the resident ID (whose number gives them). */
  sex: Sex.nullable().optional(),
  birth_date: PlainDateString.nullable().optional(),
});
export type CreatePerson = z.infer<typeof CreatePerson>;

export const UpdatePerson = z.object({
  name: PersonName.optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  version: z.number().int(),
});

export const FactRecord = z
  .object({
    id: z.number().int(),
    fact: z.string(),
    value: z.unknown(),
    valid_from: z.string(),
    valid_to: z.string().nullable(),
    source_type: z.string(),
    source_department: z.string().nullable(),
    source_ref: z.string().nullable(),
    recorded_at: z.string(),
    recorded_by: z.string().nullable(),
    superseded_at: z.string().nullable(),
  })
  .meta({ id: 'FactRecord' });
export type FactRecord = z.infer<typeof FactRecord>;

export const RecordFact = z.object({
  fact: z.string(),
  value: z.unknown(),
  valid_from: PlainDateString,
  source_department: z.string().max(40).nullable().optional(),
  note: z.string().max(200).optional(),
});

export const RevealRequest = z.object({ reason: z.string().trim().min(2, '请填写查看原因').max(200) });
export const RevealResponse = z.object({ id_number: z.string(), phone: z.string().nullable() });

export const PersonQuery = z.object({
  q: z.string().trim().max(40).optional(),
  region: RegionCode.optional(),
  sex: Sex.optional(),
  age_min: z.coerce.number().int().min(0).max(150).optional(),
  age_max: z.coerce.number().int().min(0).max(150).optional(),
  economic_status: EconomicStatus.optional(),
  capability_grade: z.coerce.number().int().min(0).max(4).optional(),
  living_arrangement: LivingArrangement.optional(),
  tag: z.string().max(30).optional(),
  status: PersonStatus.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});
export type PersonQuery = z.infer<typeof PersonQuery>;
