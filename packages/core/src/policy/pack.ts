/**
 * The policy pack format (issue #5 point 1): a locality's basic elderly care service list
 * (基本养老服务清单) as data — items with CEL eligibility and benefit formulas, dated parameters,
 * settings (definitions, care tiers, visit frequencies, re-assessment intervals) and targets.
 * Packs live as YAML under policies/<region>-<name>/pack.yaml; this schema validates them and
 * reports problems in Chinese with stable codes (PackIssue).
 */
import { z } from 'zod';
import { isPlainDate } from '../lib/dates';
import { err, ok, type Result } from '../lib/result';

export const SERVICE_TYPES = ['material_aid', 'care_service', 'caring_service', 'medical_service'] as const; // 物质帮助/照护服务/关爱服务/医疗服务
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  material_aid: '物质帮助',
  care_service: '照护服务',
  caring_service: '关爱服务',
  medical_service: '医疗服务',
};

export const PACK_LEVELS = ['national', 'province', 'city', 'county'] as const;
export type PackLevel = (typeof PACK_LEVELS)[number];
export const PARAMETER_UNITS = ['fen', 'years', 'months', 'days', 'count', 'percent'] as const;
export type ParameterUnit = (typeof PARAMETER_UNITS)[number];
export const START_RULES = ['month_after_eligible', 'month_of_eligible', 'month_of_approval'] as const;
export type StartRule = (typeof START_RULES)[number];

/** Stable problem codes of pack validation and compilation. */
export type PackIssueCode =
  | 'PACK_SCHEMA'
  | 'PACK_NOT_FOUND'
  | 'PACK_EXTENDS_UNKNOWN'
  | 'PACK_EXTENDS_CYCLE'
  | 'PACK_DUPLICATE_ITEM'
  | 'PACK_REPLACES_UNKNOWN'
  | 'PACK_NOT_WITH_UNKNOWN'
  | 'PACK_NOT_WITH_CYCLE'
  | 'PACK_PARAMETER_DATES'
  | 'CEL_SYNTAX'
  | 'CEL_UNKNOWN_FACT'
  | 'CEL_UNKNOWN_PARAMETER'
  | 'CEL_UNKNOWN_DEFINITION';

export interface PackIssue {
  code: PackIssueCode;
  message: string; // Chinese, for people
  pack?: string;
  path?: string; // e.g. items[3].eligibility
  item?: string; // item code or definition name
  expression?: string;
}

// ---------------------------------------------------------------------------------------------
// Types (policy-contract.md "Core types")

export type Benefit =
  | { kind: 'cash'; monthly_fen: string } // CEL → int fen per month (paid by payroll)
  | { kind: 'service_credit'; monthly_fen: string } // CEL → int fen credited monthly to a service account
  | { kind: 'in_kind'; service: string; quota: number; unit: string; frequency: 'once' | 'monthly' | 'yearly' }
  | { kind: 'right'; description: string };

export interface PackItem {
  code: string;
  name: string;
  target_group: string;
  service_types: ServiceType[];
  content: string;
  departments: string[]; // lead first
  eligibility: string; // CEL → bool
  benefit: Benefit;
  not_with: string[]; // this item is not granted while any of these is granted (不重复享受)
  start_rule: StartRule;
  requires_application: boolean; // false → 免申即享 candidate
  citation: string; // e.g. "002 附件 第7项"
  /** Parent-pack item codes this item implements (re-declares under the child's own code). */
  replaces?: string[];
  note?: string;
}

export interface DatedValue {
  from: string;
  to?: string | null;
  value: number | null; // null = declared but unset
}

export interface Parameter {
  label: string;
  unit: ParameterUnit;
  values: DatedValue[];
  citation: string;
  note?: string;
}

/** A named CEL boolean (经济困难, special-hardship categories…), bound as `d.<name>`. */
export interface Definition {
  label: string;
  expression: string;
  citation: string;
  group?: 'economic' | 'special_hardship' | 'other';
}

/** Capability grade → 不能自理 tier; each tier is also bound as the definition `d.<code>`. */
export interface CareTier {
  code: string;
  label: string;
  grades: number[];
  citation: string;
}

export interface VisitRule {
  category: string; // definition name (special-hardship category) or 'all'
  frequency: 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'unspecified'; // unspecified: the seed names the group but no frequency
  citation: string;
}

export interface ReassessmentRule {
  condition: string; // CEL → bool
  interval_months: number;
  free: boolean;
  citation: string;
}

export interface PackSettings {
  definitions: Record<string, Definition>;
  care_tiers: CareTier[];
  visit_policy: VisitRule[];
  reassessment: ReassessmentRule[];
}

export interface PackTarget {
  indicator: string;
  label: string;
  value: number;
  unit: string;
  date: string;
  citation: string;
}

export interface PolicyPack {
  code: string;
  name: string;
  region: string; // 6 digits; '000000' national
  level: PackLevel;
  extends: string | null; // parent pack code
  document?: { number: string | null; title: string; date: string | null };
  settings: PackSettings;
  parameters: Record<string, Parameter>;
  items: PackItem[];
  targets: PackTarget[];
}

// ---------------------------------------------------------------------------------------------
// Schema

const nonEmpty = (label: string) => z.string({ error: `${label}必须是文本` }).trim().min(1, `${label}不能为空`);
const date = (label: string) =>
  z.string({ error: `${label}必须是日期文本` }).refine(isPlainDate, `${label}应为有效日期 YYYY-MM-DD`);
const identifier = (label: string) =>
  z.string({ error: `${label}必须是文本` }).regex(/^[a-z][a-z0-9_]*$/, `${label}只能用小写字母、数字和下划线，并以字母开头`);
export const ITEM_CODE_RE = /^[A-Z]{2,4}-\d{2}[A-Z0-9]*$/;
const itemCode = z.string({ error: '项目编号必须是文本' }).regex(ITEM_CODE_RE, '项目编号格式应为“前缀-两位序号”，如 LX-07、LX-07A');

const BenefitSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('cash'), monthly_fen: nonEmpty('现金金额公式') }).strict(),
    z.object({ kind: z.literal('service_credit'), monthly_fen: nonEmpty('服务额度公式') }).strict(),
    z
      .object({
        kind: z.literal('in_kind'),
        service: nonEmpty('实物服务名称'),
        quota: z.number({ error: '服务数量必须是数字' }).int('服务数量应为整数').min(0, '服务数量不能为负'),
        unit: nonEmpty('服务单位'),
        frequency: z.enum(['once', 'monthly', 'yearly'], { error: '服务频次应为 once、monthly 或 yearly' }),
      })
      .strict(),
    z.object({ kind: z.literal('right'), description: nonEmpty('权益说明') }).strict(),
  ],
  { error: '待遇类型(kind)应为 cash、service_credit、in_kind 或 right' },
);

const ItemSchema = z
  .object({
    code: itemCode,
    name: nonEmpty('项目名称'),
    target_group: nonEmpty('服务对象'),
    service_types: z
      .array(z.enum(SERVICE_TYPES, { error: '服务类型应为 material_aid、care_service、caring_service 或 medical_service' }))
      .min(1, '至少要有一个服务类型'),
    content: nonEmpty('服务内容'),
    departments: z.array(nonEmpty('责任单位')).min(1, '至少要有一个责任单位（牵头部门在前）'),
    eligibility: nonEmpty('享受条件'),
    benefit: BenefitSchema,
    not_with: z.array(itemCode).default([]),
    start_rule: z.enum(START_RULES, { error: '起始规则应为 month_after_eligible、month_of_eligible 或 month_of_approval' }),
    requires_application: z.boolean({ error: '是否需要申请(requires_application)应为 true 或 false' }),
    citation: nonEmpty('政策出处'),
    replaces: z.array(itemCode).optional(),
    note: z.string().optional(),
  })
  .strict();

const DatedValueSchema = z
  .object({
    from: date('生效日期'),
    to: date('失效日期').nullable().optional(),
    value: z.number({ error: '参数值必须是数字或 null（未设定）' }).nullable(),
  })
  .strict();

const ParameterSchema = z
  .object({
    label: nonEmpty('参数名称'),
    unit: z.enum(PARAMETER_UNITS, { error: '参数单位应为 fen、years、months、days、count 或 percent' }),
    values: z.array(DatedValueSchema).min(1, '参数至少要有一个取值（未设定时写 value: null）'),
    citation: nonEmpty('参数出处'),
    note: z.string().optional(),
  })
  .strict();

const DefinitionSchema = z
  .object({
    label: nonEmpty('定义名称'),
    expression: nonEmpty('定义表达式'),
    citation: nonEmpty('定义出处'),
    group: z.enum(['economic', 'special_hardship', 'other']).optional(),
  })
  .strict();

const SettingsSchema = z
  .object({
    definitions: z.record(identifier('定义名'), DefinitionSchema).default({}),
    care_tiers: z
      .array(
        z
          .object({
            code: identifier('护理档次代码'),
            label: nonEmpty('护理档次名称'),
            grades: z.array(z.number().int().min(0, '能力等级为0–4').max(4, '能力等级为0–4')).min(1, '至少一个能力等级'),
            citation: nonEmpty('护理档次出处'),
          })
          .strict(),
      )
      .default([]),
    visit_policy: z
      .array(
        z
          .object({
            category: nonEmpty('探访对象类别'),
            frequency: z.enum(['weekly', 'biweekly', 'monthly', 'quarterly', 'unspecified'], { error: '探访频次应为 weekly、biweekly、monthly、quarterly 或 unspecified' }),
            citation: nonEmpty('探访频次出处'),
          })
          .strict(),
      )
      .default([]),
    reassessment: z
      .array(
        z
          .object({
            condition: nonEmpty('复评条件'),
            interval_months: z.number().int().min(1, '复评间隔至少1个月'),
            free: z.boolean().default(true),
            citation: nonEmpty('复评出处'),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

const TargetSchema = z
  .object({
    indicator: identifier('指标代码'),
    label: nonEmpty('指标名称'),
    value: z.number({ error: '目标值必须是数字' }),
    unit: nonEmpty('目标单位'),
    date: date('目标日期'),
    citation: nonEmpty('目标出处'),
  })
  .strict();

export const PolicyPackSchema = z
  .object({
    code: z.string({ error: '清单代码必须是文本' }).regex(/^[A-Z]{2,4}$/, '清单代码应为2–4位大写字母，如 LX'),
    name: nonEmpty('清单名称'),
    region: z.string({ error: '区划代码必须是文本' }).regex(/^\d{6}$/, '区划代码应为6位数字（全国为000000）'),
    level: z.enum(PACK_LEVELS, { error: '层级应为 national、province、city 或 county' }),
    extends: z.string().regex(/^[A-Z]{2,4}$/, '上级清单代码应为2–4位大写字母').nullable().default(null),
    document: z
      .object({ number: z.string().nullable(), title: nonEmpty('文件标题'), date: date('文件日期').nullable() })
      .strict()
      .optional(),
    settings: SettingsSchema.default({ definitions: {}, care_tiers: [], visit_policy: [], reassessment: [] }),
    parameters: z.record(identifier('参数名'), ParameterSchema).default({}),
    items: z.array(ItemSchema).default([]),
    targets: z.array(TargetSchema).default([]),
  })
  .strict();

function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s;
}

/** Validate raw (YAML-parsed) data as a pack; every problem is reported, not just the first. */
export function parsePack(raw: unknown): Result<PolicyPack, PackIssue[]> {
  const r = PolicyPackSchema.safeParse(raw);
  if (!r.success) {
    const code = raw && typeof raw === 'object' && typeof (raw as { code?: unknown }).code === 'string' ? (raw as { code: string }).code : undefined;
    return err(
      r.error.issues.map((i) => {
        const path = pathText(i.path);
        let message = i.message;
        if (i.code === 'unrecognized_keys') message = `不认识的字段：${i.keys.join('、')}`;
        else if (i.code === 'invalid_type' && /received undefined/.test(i.message)) message = `缺少必填字段 ${path}`;
        return { code: 'PACK_SCHEMA' as const, message: path ? `${path}：${message}` : message, path, ...(code ? { pack: code } : {}) };
      }),
    );
  }
  const pack = r.data as PolicyPack;
  const issues: PackIssue[] = [];
  const seen = new Set<string>();
  pack.items.forEach((it, i) => {
    if (seen.has(it.code)) issues.push({ code: 'PACK_DUPLICATE_ITEM', message: `项目编号 ${it.code} 重复`, pack: pack.code, path: `items[${i}].code`, item: it.code });
    seen.add(it.code);
  });
  for (const [name, p] of Object.entries(pack.parameters)) {
    p.values.forEach((v, i) => {
      if (v.to && v.to < v.from) {
        issues.push({ code: 'PACK_PARAMETER_DATES', message: `参数 ${name} 第${i + 1}个取值的失效日期早于生效日期`, pack: pack.code, path: `parameters.${name}.values[${i}]`, item: name });
      }
      const prev = p.values[i - 1];
      if (prev && v.from <= prev.from) {
        issues.push({ code: 'PACK_PARAMETER_DATES', message: `参数 ${name} 的取值应按生效日期从早到晚排列`, pack: pack.code, path: `parameters.${name}.values[${i}].from`, item: name });
      }
    });
  }
  return issues.length ? err(issues) : ok(pack);
}
