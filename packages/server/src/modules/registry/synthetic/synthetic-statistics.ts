/**
 * Target distributions of the synthetic 60+ population. Every figure names its source; figures
 * marked `estimate` are our own reasoned estimates (no single published number), documented in
 * docs/synthetic-data.md. Shares are of the population aged 60 and over unless stated.
 */

/** Age bands of the 60+ population, in millions — 第七次全国人口普查 (2020). */
export const AGE_BANDS: Array<{ from: number; to: number; millions: number; source: string }> = [
  { from: 60, to: 64, millions: 73.38, source: 'census 2020: 60+ 264.02M minus 65+ 190.64M' },
  { from: 65, to: 69, millions: 74.0, source: 'estimate: census 65–79 = 154.84M split by the 2020 single-year pattern' },
  { from: 70, to: 74, millions: 49.6, source: 'estimate (as above)' },
  { from: 75, to: 79, millions: 31.24, source: 'estimate (as above)' },
  { from: 80, to: 84, millions: 20.1, source: 'estimate: census 80+ = 35.80M split by band' },
  { from: 85, to: 89, millions: 10.9, source: 'estimate (as above)' },
  { from: 90, to: 94, millions: 3.9, source: 'estimate (as above)' },
  { from: 95, to: 99, millions: 0.78, source: 'estimate (as above)' },
  { from: 100, to: 105, millions: 0.1189, source: 'census 2020: 118,866 persons aged 100+' },
];

/** Share of men by age (women live longer). Estimates consistent with census 2020 sex ratios. */
export const MALE_SHARE: Array<{ from: number; share: number }> = [
  { from: 60, share: 0.495 },
  { from: 70, share: 0.48 },
  { from: 80, share: 0.44 },
  { from: 90, share: 0.37 },
];

/**
 * Economic status. 特困 ≈ 4.7M persons nationally, most of them old (民政部 2023年民政事业发展统计公报);
 * 城乡低保 ≈ 40.6M persons, roughly 4 in 10 old (same source; the old share is an estimate).
 */
export const ECONOMIC_STATUS: Array<{ value: 'tekun' | 'dibao' | 'dibao_edge' | 'low_income' | 'none'; share: number; source: string }> = [
  { value: 'tekun', share: 0.012, source: '民政部 2023 statistics bulletin (特困 ≈ 4.7M), old share estimate' },
  { value: 'dibao', share: 0.05, source: '民政部 2023 statistics bulletin (低保 ≈ 40.6M), old share estimate' },
  { value: 'dibao_edge', share: 0.015, source: 'estimate' },
  { value: 'low_income', share: 0.03, source: 'estimate' },
  { value: 'none', share: 0.893, source: 'remainder' },
];

/**
 * Certified disability (持证残疾人, 中国残联: about 38M certificate holders). Share among the old is an
 * estimate; the category mix is the 2006 第二次全国残疾人抽样调查 mix (all ages): 肢体 29.07%,
 * 听力 24.16%, 多重 16.30%, 视力 14.86%, 精神 7.40%, 智力 6.68%, 言语 1.53%.
 */
export const DISABILITY_RATE = 0.07;
export const DISABILITY_CATEGORY: Array<{ value: string; share: number }> = [
  { value: 'physical', share: 0.2907 },
  { value: 'hearing', share: 0.2416 },
  { value: 'multiple', share: 0.163 },
  { value: 'visual', share: 0.1486 },
  { value: 'mental', share: 0.074 },
  { value: 'intellectual', share: 0.0668 },
  { value: 'speech', share: 0.0153 },
];
/** Disability level 1 (most severe) … 4. Estimate. */
export const DISABILITY_LEVEL: Array<{ value: number; share: number }> = [
  { value: 1, share: 0.12 },
  { value: 2, share: 0.18 },
  { value: 3, share: 0.3 },
  { value: 4, share: 0.4 },
];

/**
 * Living arrangements. 第四次中国城乡老年人生活状况抽样调查 (2015): 空巢 (alone or only with the spouse)
 * 51.3%; the alone/with-spouse split, 留守 (民政部 2016 排查: about 16M rural left-behind old people) and
 * institutions (about 2M residents) are estimates.
 */
export const LIVING_ARRANGEMENT: Array<{ value: 'alone' | 'empty_nest' | 'left_behind' | 'with_family' | 'institution'; share: number }> = [
  { value: 'alone', share: 0.12 },
  { value: 'empty_nest', share: 0.38 },
  { value: 'left_behind', share: 0.06 },
  { value: 'institution', share: 0.01 },
  { value: 'with_family', share: 0.43 },
];

/**
 * Capability grade (GB/T 42195). Share ever assessed is an estimate; among the assessed the grades
 * follow the 18.3% 失能/半失能 share of the 2015 survey (grades 1–4 ≈ 45% of those assessed, who are
 * more often frail than the average): estimate.
 */
export const ASSESSED_SHARE = 0.35;
export const CAPABILITY_GRADE: Array<{ value: number; share: number }> = [
  { value: 0, share: 0.55 },
  { value: 1, share: 0.2 },
  { value: 2, share: 0.12 },
  { value: 3, share: 0.08 },
  { value: 4, share: 0.05 },
];

/** Pensions: 城乡居民养老保险 ≈ 170M receiving, 职工 ≈ 140M retirees (人社部 2023 statistics bulletin). */
export const PENSION: Array<{ value: 'employee' | 'resident' | 'none'; share: number }> = [
  { value: 'employee', share: 0.42 },
  { value: 'resident', share: 0.55 },
  { value: 'none', share: 0.03 },
];

export const OTHER_RATES = {
  /** 计划生育特殊家庭 (独生子女伤残/死亡): estimate. */
  familyPlanningSpecial: 0.005,
  /** 退役军人 ≈ 57M (2018), many of them old: estimate of the share among the 60+. */
  veteran: 0.06,
  /** Childless: estimate; of them without any supporter: estimate. */
  childless: 0.03,
  childlessWithoutSupporter: 0.7,
  /** Dementia among the 60+: 6.0% (Jia et al., Lancet Public Health 2020, 15.07M people). */
  dementia: 0.06,
  /** Persons with a mobile phone on file: estimate. */
  phone: 0.75,
};
