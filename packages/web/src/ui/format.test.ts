import { describe, expect, it } from 'vitest';
import { formatMoney, formatPlainDate } from './format';

describe('formatMoney', () => {
  it('shows fen as yuan with separators', () => {
    expect(formatMoney(6000)).toBe('¥60.00');
    expect(formatMoney(123456789)).toBe('¥1,234,567.89');
    expect(formatMoney(-50)).toBe('-¥0.50');
    expect(formatMoney(0)).toBe('¥0.00');
  });
});

describe('formatPlainDate', () => {
  it('keeps a calendar date as written (no time-zone shift)', () => {
    expect(formatPlainDate('2025-01-01')).toBe('2025-01-01');
    expect(formatPlainDate(null)).toBe('');
  });
});
