/**
 * The person-fact vocabulary (PRODUCT.md "Vocabulary"): the facts rules may read. Names are
 * stable — policy packs' CEL conditions refer to them. Each fact has a type, a neutral value
 * (what a rule sees when the fact is unknown: "facts not supplied take their neutral value",
 * issue #5) and a Chinese label.
 */
import { z } from 'zod';

export const ECONOMIC_STATUSES = ['tekun', 'dibao', 'dibao_edge', 'low_income', 'none'] as const;
export const DISABILITY_CATEGORIES = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] as const;
export const LIVING_ARRANGEMENTS = ['alone', 'empty_nest', 'left_behind', 'with_family', 'institution'] as const;
export const VETERAN_CATEGORIES = ['disabled_veteran', 'veteran', 'martyr_family', 'deceased_on_duty_family', 'died_of_illness_family'] as const;
export const PENSION_INSURANCES = ['employee', 'resident', 'none'] as const;

export const EconomicStatus = z.enum(ECONOMIC_STATUSES);
export const DisabilityCategory = z.enum(DISABILITY_CATEGORIES);
export const LivingArrangement = z.enum(LIVING_ARRANGEMENTS);
export const VeteranCategory = z.enum(VETERAN_CATEGORIES);
export const PensionInsurance = z.enum(PENSION_INSURANCES);

const region = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '区划代码应为6位、9位或12位数字');

/** Facts recorded with provenance and validity (person_facts). */
export const FACT_SCHEMAS = {
  hukou_region: region,
  residence_region: region,
  economic_status: EconomicStatus,
  capability_grade: z.number().int().min(0).max(4).nullable(),
  disability_category: DisabilityCategory.nullable(),
  disability_level: z.number().int().min(1).max(4).nullable(),
  living_arrangement: LivingArrangement,
  family_planning_special: z.boolean(),
  veteran_category: VeteranCategory.nullable(),
  homeless: z.boolean(),
  heroic_disabled: z.boolean(),
  pension_insurance: PensionInsurance,
  pension_receiving: z.boolean(),
  childless: z.boolean(),
  has_supporter: z.boolean(),
  dementia: z.boolean(),
  institution_id: z.string().nullable(),
} as const;

export type FactName = keyof typeof FACT_SCHEMAS;
export const FACT_NAMES = Object.keys(FACT_SCHEMAS) as FactName[];
export type FactValue<F extends FactName> = z.infer<(typeof FACT_SCHEMAS)[F]>;

export function isFactName(s: string): s is FactName {
  return Object.prototype.hasOwnProperty.call(FACT_SCHEMAS, s);
}

/** Value a rule sees when a fact is not known. */
export const FACT_NEUTRAL: { [F in FactName]: FactValue<F> | null } = {
  hukou_region: null,
  residence_region: null,
  economic_status: 'none',
  capability_grade: null,
  disability_category: null,
  disability_level: null,
  living_arrangement: 'with_family',
  family_planning_special: false,
  veteran_category: null,
  homeless: false,
  heroic_disabled: false,
  pension_insurance: 'none',
  pension_receiving: false,
  childless: false,
  has_supporter: true,
  dementia: false,
  institution_id: null,
};

export const FACT_LABELS: Record<FactName, string> = {
  hukou_region: '户籍地',
  residence_region: '居住地',
  economic_status: '经济状况',
  capability_grade: '能力等级',
  disability_category: '残疾类别',
  disability_level: '残疾等级',
  living_arrangement: '居住状况',
  family_planning_special: '计划生育特殊家庭',
  veteran_category: '优抚类别',
  homeless: '流浪乞讨',
  heroic_disabled: '见义勇为致残',
  pension_insurance: '养老保险',
  pension_receiving: '领取养老金',
  childless: '无子女',
  has_supporter: '有赡养（扶养）人',
  dementia: '确诊失智',
  institution_id: '入住机构',
};

export const VALUE_LABELS: Record<string, Record<string, string>> = {
  economic_status: { tekun: '特困', dibao: '低保', dibao_edge: '低保边缘', low_income: '低收入', none: '一般' },
  disability_category: {
    physical: '肢体', visual: '视力', hearing: '听力', speech: '言语', intellectual: '智力', mental: '精神', multiple: '多重',
  },
  living_arrangement: { alone: '独居', empty_nest: '空巢', left_behind: '留守', with_family: '与家人同住', institution: '机构养老' },
  veteran_category: {
    disabled_veteran: '残疾军人', veteran: '退役军人', martyr_family: '烈属', deceased_on_duty_family: '因公牺牲军人遗属',
    died_of_illness_family: '病故军人遗属',
  },
  pension_insurance: { employee: '职工养老保险', resident: '城乡居民养老保险', none: '未参保' },
  capability_grade: { '0': '能力完好', '1': '能力轻度受损', '2': '能力中度受损', '3': '能力重度受损', '4': '能力完全丧失' },
};

/**
 * Everything a rule may read about one person on one date: the recorded facts (or their neutral
 * values) plus what the ID number gives (birth date, sex) and the derived age (周岁 on that date).
 */
export interface PersonFacts {
  birth_date: string | null;
  sex: 'male' | 'female' | null;
  age: number | null;
  alive: boolean;
  hukou_region: string | null;
  residence_region: string | null;
  economic_status: (typeof ECONOMIC_STATUSES)[number];
  capability_grade: number | null;
  disability_category: (typeof DISABILITY_CATEGORIES)[number] | null;
  disability_level: number | null;
  living_arrangement: (typeof LIVING_ARRANGEMENTS)[number];
  family_planning_special: boolean;
  veteran_category: (typeof VETERAN_CATEGORIES)[number] | null;
  homeless: boolean;
  heroic_disabled: boolean;
  pension_insurance: (typeof PENSION_INSURANCES)[number];
  pension_receiving: boolean;
  childless: boolean;
  has_supporter: boolean;
  dementia: boolean;
  institution_id: string | null;
}

/** Departments whose data feed the registry (000 三(二)6; 004 二(二)5). */
export const FACT_SOURCES = {
  public_security: '公安（人口）',
  civil_affairs: '民政（社会救助）',
  disabled_federation: '残联',
  veterans: '退役军人事务',
  human_resources: '人社',
  medical_insurance: '医保',
  health: '卫健',
  staff: '工作人员录入',
  assessment: '能力评估',
  system: '系统',
} as const;
export type FactSource = keyof typeof FACT_SOURCES;
