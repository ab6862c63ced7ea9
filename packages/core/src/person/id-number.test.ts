import { describe, expect, it } from 'vitest';
import { ageFromIdNumber, computeCheckChar, makeIdNumber, parseIdNumber } from './id-number';
import { maskIdNumber } from './masking';

const TODAY = '2026-11-24';

describe('parseIdNumber', () => {
  it('accepts a valid number and derives birth date and sex', () => {
    const id = makeIdNumber('330781', '1940-03-15', 123); // 123 odd → male
    const r = parseIdNumber(id, TODAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.birthDate).toBe('1940-03-15');
    expect(r.value.sex).toBe('male');
    expect(r.value.addressCode).toBe('330781');
  });

  it('uses the published weights: 11010519491231002X is valid', () => {
    // The standard's own example number.
    expect(computeCheckChar('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002X', TODAY).ok).toBe(true);
  });

  it('normalises lower-case x', () => {
    const r = parseIdNumber('11010519491231002x', TODAY);
    expect(r.ok && r.value.idNumber).toBe('11010519491231002X');
  });

  it('sex from the 17th digit: even is female', () => {
    const r = parseIdNumber(makeIdNumber('140403', '1950-01-01', 124), TODAY);
    expect(r.ok && r.value.sex).toBe('female');
  });

  it.each([
    ['', 'ID_EMPTY'],
    ['1234', 'ID_LENGTH'],
    ['33078119400315123', 'ID_LENGTH'],
    ['33078119400315A23X', 'ID_CHARACTERS'],
    ['990781194003151234', 'ID_ADDRESS_CODE'],
    ['330781194002301234', 'ID_BIRTH_DATE'],
    ['330781203001011234', 'ID_BIRTH_FUTURE'],
  ])('rejects %s with %s', (input, code) => {
    const r = parseIdNumber(input, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('rejects a wrong check digit with its own code', () => {
    const good = makeIdNumber('330781', '1940-03-15', 123);
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const r = parseIdNumber(bad, TODAY);
    expect(!r.ok && r.error.code).toBe('ID_CHECK_DIGIT');
  });

  it('accepts abolished address codes (registration at issue time)', () => {
    // 140421 长治县 no longer exists (now 上党区 140404).
    expect(parseIdNumber(makeIdNumber('140421', '1938-05-05', 11), TODAY).ok).toBe(true);
  });

  it('upgrades a 15-digit number with century 19', () => {
    const r = parseIdNumber('330781400315123', TODAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.idNumber).toHaveLength(18);
    expect(r.value.idNumber.slice(6, 14)).toBe('19400315');
    expect(r.value.upgradedFrom15).toBe(true);
    expect(parseIdNumber(r.value.idNumber, TODAY).ok).toBe(true);
  });

  it('refuses 15-digit numbers where legacy input is not allowed', () => {
    const r = parseIdNumber('330781400315123', TODAY, { allowLegacy15: false });
    expect(!r.ok && r.error.code).toBe('ID_LENGTH');
  });
});

describe('ageFromIdNumber', () => {
  const id = makeIdNumber('330781', '1945-06-01', 1);
  it('counts full years (周岁): the birthday itself completes the year', () => {
    expect(ageFromIdNumber(id, '2025-05-31')).toBe(79);
    expect(ageFromIdNumber(id, '2025-06-01')).toBe(80);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4', () => {
    expect(maskIdNumber('33078119400315123X')).toBe('330781********123X');
  });
});
