import { ageOn, parseIdNumber } from '@yiyang/core';
import { describe, expect, it } from 'vitest';
import { generatePopulation, type SyntheticPlace } from './synthetic-population';
import { AGE_BANDS, ECONOMIC_STATUS, LIVING_ARRANGEMENT, DISABILITY_RATE } from './synthetic-statistics';

const TODAY = '2025-06-01';
const places: SyntheticPlace[] = [
  { code: '330781001001', name: '五一社区', streetName: '云山街道' },
  { code: '330781101201', name: '下王村', streetName: '女埠街道' },
  { code: '140403001002', name: '东街社区', streetName: '东街街道' },
];

describe('synthetic population', () => {
  const N = 20_000;
  const people = [...generatePopulation({ seed: 7, count: N, today: TODAY, places })];

  it('every ID number is valid, carries the village county code and the person sex and birth date', () => {
    const ids = new Set<string>();
    for (const p of people) {
      const r = parseIdNumber(p.idNumber, TODAY, { allowLegacy15: false });
      expect(r.ok, p.idNumber).toBe(true);
      if (!r.ok) continue;
      expect(r.value.addressCode).toBe(p.residenceRegion.slice(0, 6));
      expect(r.value.sex).toBe(p.sex);
      expect(r.value.birthDate).toBe(p.birthDate);
      ids.add(p.idNumber);
    }
    expect(ids.size).toBe(N);
  });

  it('ages follow the census pyramid of the 60+ within 1.5 points per band', () => {
    const total = AGE_BANDS.reduce((a, b) => a + b.millions, 0);
    for (const b of AGE_BANDS) {
      const n = people.filter((p) => {
        const a = ageOn(p.birthDate, TODAY);
        return a >= b.from && a <= b.to;
      }).length;
      expect(Math.abs(n / N - b.millions / total), `${b.from}-${b.to}`).toBeLessThan(0.015);
    }
    expect(people.every((p) => ageOn(p.birthDate, TODAY) >= 60)).toBe(true);
  });

  it('rates of economic status, living alone and disability are close to the targets', () => {
    const share = (f: (p: (typeof people)[number]) => boolean) => people.filter(f).length / N;
    for (const e of ECONOMIC_STATUS) expect(Math.abs(share((p) => p.economicStatus === e.value) - e.share), e.value).toBeLessThan(0.01);
    const alone = LIVING_ARRANGEMENT.find((l) => l.value === 'alone')!.share;
    expect(Math.abs(share((p) => p.livingArrangement === 'alone') - alone)).toBeLessThan(0.01);
    expect(Math.abs(share((p) => p.disability !== null) - DISABILITY_RATE)).toBeLessThan(0.01);
  });

  it('names come from common surnames; addresses name the real street and village; reproducible', () => {
    expect(people.filter((p) => /^(王|李|张|刘|陈)/.test(p.name)).length / N).toBeGreaterThan(0.2);
    expect(people[0]!.address).toMatch(/(云山街道五一社区|女埠街道下王村|东街街道东街社区)/);
    const again = [...generatePopulation({ seed: 7, count: 50, today: TODAY, places })];
    expect(again).toEqual(people.slice(0, 50));
    const other = [...generatePopulation({ seed: 8, count: 50, today: TODAY, places })];
    expect(other).not.toEqual(people.slice(0, 50));
  });
});
