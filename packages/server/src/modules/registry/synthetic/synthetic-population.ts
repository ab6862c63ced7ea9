/**
 * Synthetic elderly population (yiyang seed; demo, tests, benchmarks): valid resident ID numbers
 * with the region's address code and correct check digits, the age pyramid and rates of
 * synthetic-statistics.ts, common surnames and given names, addresses in the real streets and
 * villages of the regions table. Reproducible: a seeded PRNG, one stream per run.
 */
import { addDays, makeIdNumber, subtractYears, VALUE_LABELS, type PlainDate } from '@yiyang/core';
import {
  AGE_BANDS,
  ASSESSED_SHARE,
  CAPABILITY_GRADE,
  DISABILITY_CATEGORY,
  DISABILITY_LEVEL,
  DISABILITY_RATE,
  ECONOMIC_STATUS,
  LIVING_ARRANGEMENT,
  MALE_SHARE,
  OTHER_RATES,
  PENSION,
} from './synthetic-statistics';
import { FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from './synthetic-names';

/** sfc32: small, fast, good statistical quality; seeded by a 32-bit integer. */
export function createRng(seed: number): () => number {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

function picker<T>(items: Array<{ share: number } & T> | Array<[string, number]>, rng: () => number): () => T | string {
  const list = (items as Array<unknown>).map((x) => (Array.isArray(x) ? { value: x[0], share: x[1] as number } : (x as { share: number })));
  const total = list.reduce((a, b) => a + b.share, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const x of list) cum.push((acc += x.share / total));
  return () => {
    const r = rng();
    let i = 0;
    while (i < cum.length - 1 && r >= cum[i]!) i++;
    const it = list[i] as { value?: unknown };
    return (Array.isArray(items[0]) ? it.value : list[i]) as T | string;
  };
}

export interface SyntheticPlace {
  /** Village/community code (12 digits) where the person lives. */
  code: string;
  name: string;
  streetName: string;
}

export interface SyntheticPerson {
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: PlainDate;
  phone: string | null;
  hukouRegion: string;
  residenceRegion: string;
  address: string;
  economicStatus: (typeof ECONOMIC_STATUS)[number]['value'];
  economicFrom: PlainDate;
  livingArrangement: (typeof LIVING_ARRANGEMENT)[number]['value'];
  childless: boolean;
  hasSupporter: boolean;
  disability: { category: string; level: number; from: PlainDate } | null;
  veteran: boolean;
  pension: (typeof PENSION)[number]['value'];
  familyPlanningSpecial: boolean;
  dementia: boolean;
  capabilityGrade: number | null;
  recordedFrom: PlainDate;
}

export interface GenerateOptions {
  seed: number;
  count: number;
  today: PlainDate;
  places: SyntheticPlace[];
}

/** Generate persons one by one (bounded memory: only per-date sequence counters are kept). */
export function* generatePopulation(o: GenerateOptions): Generator<SyntheticPerson> {
  if (o.places.length === 0) throw new Error('no places to put people in');
  const rng = createRng(o.seed);
  const int = (n: number) => Math.floor(rng() * n);
  const band = picker(AGE_BANDS.map((b) => ({ ...b, share: b.millions })), rng) as () => (typeof AGE_BANDS)[number];
  const econ = picker(ECONOMIC_STATUS, rng) as () => (typeof ECONOMIC_STATUS)[number];
  const living = picker(LIVING_ARRANGEMENT, rng) as () => (typeof LIVING_ARRANGEMENT)[number];
  const disCat = picker(DISABILITY_CATEGORY, rng) as () => (typeof DISABILITY_CATEGORY)[number];
  const disLevel = picker(DISABILITY_LEVEL, rng) as () => (typeof DISABILITY_LEVEL)[number];
  const grade = picker(CAPABILITY_GRADE, rng) as () => (typeof CAPABILITY_GRADE)[number];
  const pension = picker(PENSION, rng) as () => (typeof PENSION)[number];
  const surname = picker(SURNAMES, rng) as () => string;
  const counters = new Map<string, number>();
  const pastDate = (maxYears: number) => addDays(o.today, -(1 + int(Math.max(1, Math.floor(maxYears * 365)))));
  let made = 0;
  while (made < o.count) {
    const b = band();
    const age = b.from + int(b.to - b.from + 1);
    const birthDate = addDays(subtractYears(o.today, age), -int(365));
    const maleShare = [...MALE_SHARE].reverse().find((m) => age >= m.from)!.share;
    const sex = rng() < maleShare ? 'male' : 'female';
    const place = o.places[int(o.places.length)]!;
    const county = place.code.slice(0, 6);
    // Sequence: odd for men, even for women (GB 11643); 996–999 are left to centenarians' use.
    // Each date starts at its own even offset so numbers look like real, varied sequences.
    const key = `${county}${birthDate}${sex}`;
    const base = 2 * (Number(birthDate.replaceAll('-', '')) % 200);
    const k = counters.get(key) ?? 0;
    if (10 + base + 2 * k + 1 > 995) continue;
    counters.set(key, k + 1);
    const seq = 10 + base + 2 * k + (sex === 'male' ? 1 : 0);
    const idNumber = makeIdNumber(county, birthDate, seq);
    const given = sex === 'male' ? MALE_GIVEN[int(MALE_GIVEN.length)]! : FEMALE_GIVEN[int(FEMALE_GIVEN.length)]!;
    const e = econ().value;
    const childless = rng() < OTHER_RATES.childless;
    const l = living().value;
    const isVillage = place.name.endsWith('村');
    const address = isVillage
      ? `${place.streetName}${place.name}${1 + int(12)}组${1 + int(90)}号`
      : `${place.streetName}${place.name}${1 + int(30)}幢${1 + int(4)}单元${1 + int(6)}0${1 + int(4)}室`;
    made++;
    yield {
      name: surname() + given,
      idNumber,
      sex,
      birthDate,
      phone: rng() < OTHER_RATES.phone ? `1${[3, 5, 8, 9][int(4)]}${String(int(1e9)).padStart(9, '0')}` : null,
      hukouRegion: rng() < 0.92 ? place.code : o.places[int(o.places.length)]!.code,
      residenceRegion: place.code,
      address,
      economicStatus: e,
      economicFrom: pastDate(8),
      livingArrangement: l,
      childless,
      hasSupporter: !(childless && rng() < OTHER_RATES.childlessWithoutSupporter),
      disability: rng() < DISABILITY_RATE ? { category: disCat().value, level: disLevel().value, from: pastDate(20) } : null,
      veteran: rng() < OTHER_RATES.veteran,
      pension: pension().value,
      familyPlanningSpecial: rng() < OTHER_RATES.familyPlanningSpecial,
      dementia: rng() < OTHER_RATES.dementia,
      capabilityGrade: rng() < ASSESSED_SHARE ? grade().value : null,
      recordedFrom: pastDate(3),
    };
  }
}

const csvCell = (v: string | null) => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const label = (fact: string, v: string) => VALUE_LABELS[fact]![v]!;

/** One CSV per import source, in the templates' column order (core import-sources.ts). */
export const SYNTHETIC_CSV: Record<string, { header: string; line(p: SyntheticPerson): string | null }> = {
  population: {
    header: '姓名,身份证号,联系电话,户籍地区划代码,居住地区划代码,住址',
    line: (p) => [p.name, p.idNumber, p.phone, p.hukouRegion, p.residenceRegion, p.address].map(csvCell).join(','),
  },
  social_assistance: {
    header: '姓名,身份证号,救助类别,认定日期,居住状况,无子女,有赡养人',
    line: (p) =>
      p.economicStatus === 'none' && p.livingArrangement === 'with_family' && !p.childless
        ? null
        : [p.name, p.idNumber, label('economic_status', p.economicStatus), p.economicFrom, label('living_arrangement', p.livingArrangement), p.childless ? '是' : '否', p.hasSupporter ? '是' : '否'].join(','),
  },
  disability: {
    header: '姓名,身份证号,残疾类别,残疾等级,发证日期',
    line: (p) => (p.disability ? [p.name, p.idNumber, label('disability_category', p.disability.category), `${'一二三四'[p.disability.level - 1]}级`, p.disability.from].join(',') : null),
  },
  veterans: {
    header: '姓名,身份证号,优抚类别,认定日期',
    line: (p) => (p.veteran ? [p.name, p.idNumber, '退役军人', p.recordedFrom].join(',') : null),
  },
  insurance: {
    header: '姓名,身份证号,养老保险类型,领取养老金,变更日期',
    line: (p) => [p.name, p.idNumber, label('pension_insurance', p.pension), p.pension === 'none' ? '否' : '是', p.recordedFrom].join(','),
  },
  health: {
    header: '姓名,身份证号,计划生育特殊家庭,确诊失智,登记日期',
    line: (p) => (p.familyPlanningSpecial || p.dementia ? [p.name, p.idNumber, p.familyPlanningSpecial ? '是' : '否', p.dementia ? '是' : '否', p.recordedFrom].join(',') : null),
  },
};
