import { describe, expect, it } from 'vitest';
import { addMonths, ageOn, lastDayOfMonth, todayInChina } from './dates';

describe('ageOn', () => {
  it('79 years 364 days is 79; 80 years 0 days is 80', () => {
    expect(ageOn('1945-06-01', '2025-05-31')).toBe(79);
    expect(ageOn('1945-06-01', '2025-06-01')).toBe(80);
  });
  it('a 29 February birthday completes the year on 1 March in common years', () => {
    expect(ageOn('1944-02-29', '2024-02-28')).toBe(79);
    expect(ageOn('1944-02-29', '2024-02-29')).toBe(80);
    expect(ageOn('1944-02-29', '2025-02-28')).toBe(80);
    expect(ageOn('1944-02-29', '2023-02-28')).toBe(78);
    expect(ageOn('1944-02-29', '2023-03-01')).toBe(79);
  });
  it('rejects impossible dates', () => {
    expect(() => ageOn('1944-02-30', '2024-01-01')).toThrow();
  });
});

describe('months', () => {
  it('adds months across years and finds the last day', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-02')).toBe('2025-02-28');
  });
  it('today is the China calendar date', () => {
    expect(todayInChina(new Date('2025-06-30T16:30:00Z'))).toBe('2025-07-01');
  });
});

describe('birthRangeForAges', () => {
  it('agrees with ageOn at the boundaries, including 29 February', async () => {
    const { birthRangeForAges } = await import('./dates');
    for (const on of ['2025-06-01', '2028-02-29', '2027-03-01', '2026-12-31']) {
      const { from, to } = birthRangeForAges(on, 80, 99);
      expect(ageOn(to!, on)).toBe(80);
      expect(ageOn(addDaysLocal(to!, 1), on)).toBe(79);
      expect(ageOn(from!, on)).toBe(99);
      expect(ageOn(addDaysLocal(from!, -1), on)).toBe(100);
    }
  });
});

function addDaysLocal(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}
