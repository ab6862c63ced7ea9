/**
 * Annex A 老年人能力评估基本信息表 option lists (standards.md §1.5). Codes are stable identifiers;
 * labels are the standard's wording.
 */

export const EDUCATION_LEVELS = {
  illiterate: '文盲',
  primary: '小学',
  junior_high: '初中',
  senior_high: '高中/技校/中专',
  college: '大学专科及以上',
  unknown: '不详',
} as const;

export const LIVING_WITH = {
  alone: '独居',
  spouse: '与配偶居住',
  children: '与子女居住',
  parents: '与父母居住',
  siblings: '与兄弟姐妹居住',
  other_relatives: '与其他亲属居住',
  non_relatives: '与非亲属关系的人居住',
  institution: '养老机构',
} as const;

export const MARITAL_STATUSES = {
  unmarried: '未婚',
  married: '已婚',
  widowed: '丧偶',
  divorced: '离婚',
  unspecified: '未说明',
} as const;

export const MEDICAL_PAYMENTS = {
  employee_insurance: '城镇职工基本医疗保险',
  resident_insurance: '城乡居民基本医疗保险',
  self_paid: '自费',
  civil_servant: '公务员补助',
  enterprise_supplementary: '企业补充保险',
  public_medical: '公费医疗及医疗照顾对象',
  medical_assistance: '医疗救助',
  critical_illness: '大病保险',
  other: '其他',
} as const;

export const INCOME_SOURCES = {
  pension: '退休金/养老金',
  children: '子女补贴',
  relatives: '亲友资助',
  state_allowance: '国家普惠型补贴',
  savings: '个人储蓄',
  other: '其他补贴',
} as const;

export const INFORMANT_RELATIONS = {
  self: '本人',
  spouse: '配偶',
  children: '子女',
  other_relatives: '其他亲属',
  hired_carer: '雇佣照顾者',
  committee_staff: '村（居）民委员会工作人员',
  other: '其他',
} as const;

/**
 * A.4.1 疾病诊断: the standard's checklist with ICD-10 ranges. Ticking a row records its
 * representative code; specific codes may be entered as well. Only F-codes change the grade (C.4).
 */
export const DIAGNOSIS_CATEGORIES: ReadonlyArray<{ key: string; label: string; icd10: string; code: string }> = [
  { key: 'hypertension', label: '高血压', icd10: 'I10～I15', code: 'I10' },
  { key: 'coronary', label: '冠心病', icd10: 'I25', code: 'I25' },
  { key: 'diabetes', label: '糖尿病', icd10: 'E10～E14', code: 'E14' },
  { key: 'pneumonia', label: '肺炎', icd10: 'J12～J18', code: 'J18' },
  { key: 'copd', label: '慢性阻塞性肺疾病', icd10: 'J44', code: 'J44' },
  { key: 'cerebral_haemorrhage', label: '脑出血', icd10: 'I60～I62', code: 'I61' },
  { key: 'cerebral_infarction', label: '脑梗塞', icd10: 'I63', code: 'I63' },
  { key: 'uti', label: '尿路感染（30天内）', icd10: 'N39.0', code: 'N39.0' },
  { key: 'parkinsonism', label: '帕金森综合征', icd10: 'G20～G22', code: 'G20' },
  { key: 'renal_failure', label: '慢性肾衰竭', icd10: 'N18～N19', code: 'N18' },
  { key: 'cirrhosis', label: '肝硬化', icd10: 'K74', code: 'K74' },
  { key: 'peptic_ulcer', label: '消化性溃疡', icd10: 'K20～K31', code: 'K27' },
  { key: 'tumour', label: '肿瘤', icd10: 'C00～D48', code: 'D48' },
  { key: 'amputation', label: '截肢（6个月内）', icd10: 'Z89', code: 'Z89' },
  { key: 'fracture', label: '骨折（3个月内）', icd10: 'M84', code: 'M84' },
  { key: 'epilepsy', label: '癫痫', icd10: 'G40', code: 'G40' },
  { key: 'hypothyroidism', label: '甲状腺功能减退症', icd10: 'E01～E03', code: 'E03' },
  { key: 'cataract', label: '白内障', icd10: 'H25～H26', code: 'H25' },
  { key: 'glaucoma', label: '青光眼', icd10: 'H40～H42', code: 'H40' },
  { key: 'osteoporosis', label: '骨质疏松症', icd10: 'M80～M82', code: 'M81' },
  { key: 'dementia', label: '痴呆', icd10: 'F00～F03', code: 'F03' },
  { key: 'mental_disorder', label: '其他精神和行为障碍', icd10: 'F04～F99', code: 'F99' },
];
