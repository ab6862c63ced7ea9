import { describe, expect, it } from 'vitest';
import { countyOf, isInRegion, parentRegionCode, regionLevel, regionPrefix } from './region-code';

describe('region codes', () => {
  it('levels by length and trailing zeros', () => {
    expect(regionLevel('330000')).toBe('province');
    expect(regionLevel('140400')).toBe('city');
    expect(regionLevel('330781')).toBe('county');
    expect(regionLevel('330781001')).toBe('township');
    expect(regionLevel('330781001001')).toBe('village');
    expect(regionLevel('000000')).toBe('country');
  });
  it('subtrees are prefixes', () => {
    expect(regionPrefix('140400')).toBe('1404');
    expect(isInRegion('140403001002', '140400')).toBe(true);
    expect(isInRegion('140403001002', '140403')).toBe(true);
    expect(isInRegion('330781001001', '140400')).toBe(false);
    expect(isInRegion('140400', '140403')).toBe(false);
    expect(isInRegion('120115001001', '000000')).toBe(true);
    // A street does not see its county's other streets.
    expect(isInRegion('330781002001', '330781001')).toBe(false);
  });
  it('parents and counties', () => {
    expect(parentRegionCode('330781001001')).toBe('330781001');
    expect(parentRegionCode('330781')).toBe('330700');
    expect(parentRegionCode('330700')).toBe('330000');
    expect(parentRegionCode('330000')).toBe('000000');
    expect(countyOf('120115005003')).toBe('120115');
    expect(countyOf('140400')).toBeNull();
  });
});
