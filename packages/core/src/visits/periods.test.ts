import { describe, expect, it } from 'vitest';
import { chinaDateOf, isoWeekday, monthPeriodOf, periodOf, previousPeriod, weekOf } from './periods';
import { NATIONAL_VISIT_POLICY, seedVisitPolicy, visitFrequencyFor, VisitPolicy } from './policy';
import { findingsShowDanger, normaliseFindings, RecordVisit } from './Visit';

describe('visit periods (China time)', () => {
  it('a week runs Monday to Sunday', () => {
    expect(isoWeekday('2025-06-08')).toBe(7);
    expect(weekOf('2025-06-08')).toEqual({ kind: 'week', start: '2025-06-02', end: '2025-06-08', key: 'week:2025-06-02' });
    expect(weekOf('2025-06-09')).toMatchObject({ start: '2025-06-09', end: '2025-06-15' });
    expect(weekOf('2025-06-02').start).toBe('2025-06-02');
  });

  it('Sunday 23:59:59 Beijing time is still that week; one second later is the next week', () => {
    const sundayNight = new Date('2025-06-08T15:59:59Z');
    const mondayMidnight = new Date('2025-06-08T16:00:00Z');
    expect(chinaDateOf(sundayNight)).toBe('2025-06-08');
    expect(chinaDateOf(mondayMidnight)).toBe('2025-06-09');
    expect(weekOf(chinaDateOf(sundayNight)).key).toBe('week:2025-06-02');
    expect(weekOf(chinaDateOf(mondayMidnight)).key).toBe('week:2025-06-09');
  });

  it('months end on their last day, leap years included, and turn at Beijing midnight', () => {
    expect(monthPeriodOf('2025-06-15')).toEqual({ kind: 'month', start: '2025-06-01', end: '2025-06-30', key: 'month:2025-06' });
    expect(monthPeriodOf('2024-02-10').end).toBe('2024-02-29');
    expect(monthPeriodOf('2025-02-10').end).toBe('2025-02-28');
    expect(chinaDateOf(new Date('2025-06-30T15:59:59Z'))).toBe('2025-06-30');
    expect(chinaDateOf(new Date('2025-06-30T16:00:00Z'))).toBe('2025-07-01');
  });

  it('weeks cross year ends; previous periods step back one', () => {
    expect(weekOf('2025-01-01')).toMatchObject({ start: '2024-12-30', end: '2025-01-05' });
    expect(previousPeriod('week', '2025-01-01')).toMatchObject({ start: '2024-12-23', end: '2024-12-29' });
    expect(previousPeriod('month', '2025-03-31')).toMatchObject({ start: '2025-02-01', end: '2025-02-28' });
    expect(periodOf('month', '2025-01-01').key).toBe('month:2025-01');
  });
});

describe('visit frequency from the policy', () => {
  it('monthly by default, weekly for high risk (national default)', () => {
    expect(visitFrequencyFor(NATIONAL_VISIT_POLICY, ['empty_nest'], 'low')).toBe('monthly');
    expect(visitFrequencyFor(NATIONAL_VISIT_POLICY, ['empty_nest'], 'medium')).toBe('monthly');
    expect(visitFrequencyFor(NATIONAL_VISIT_POLICY, ['empty_nest'], 'high')).toBe('weekly');
  });

  it('田家庵区 visits 高龄、独居、不能自理 weekly (003 二(二)4), others monthly', () => {
    const tja = seedVisitPolicy('340403');
    expect(visitFrequencyFor(tja, ['very_old'], 'low')).toBe('weekly');
    expect(visitFrequencyFor(tja, ['living_alone', 'economic_hardship'], 'low')).toBe('weekly');
    expect(visitFrequencyFor(tja, ['disabled'], 'low')).toBe('weekly');
    expect(visitFrequencyFor(tja, ['empty_nest'], 'low')).toBe('monthly');
    // Elsewhere the same tags are monthly (000 三(二)7).
    expect(visitFrequencyFor(seedVisitPolicy('140403'), ['very_old'], 'low')).toBe('monthly');
  });

  it('a pack document fills defaults and rejects unknown tags', () => {
    const p = VisitPolicy.parse({ rules: [{ tags_any: ['left_behind'], frequency: 'weekly' }] });
    expect(p).toMatchObject({ default_frequency: 'monthly', failed_attempts_threshold: 3, danger_deadline_hours: 24, exclude_declined: true });
    expect(visitFrequencyFor(p, ['left_behind'], 'low')).toBe('weekly');
    expect(visitFrequencyFor(p, ['empty_nest'], 'high')).toBe('monthly');
    expect(VisitPolicy.safeParse({ rules: [{ tags_any: ['rich'], frequency: 'weekly' }] }).success).toBe(false);
  });
});

describe('visit record contract', () => {
  it('findings accept a status or {status, note}; danger anywhere is danger', () => {
    const v = RecordVisit.parse({ person_id: '8f9c6a52-6f0e-4a4b-9c39-1f1f3f2a6b10', mode: 'onsite', visited_at: '2025-06-03T10:00:00+08:00', findings: { health: 'good', home_safety: { status: 'danger', note: '燃气漏气' } } });
    const f = normaliseFindings(v.findings);
    expect(f).toEqual({ health: { status: 'good' }, home_safety: { status: 'danger', note: '燃气漏气' } });
    expect(findingsShowDanger(f)).toBe(true);
    expect(findingsShowDanger(normaliseFindings({ health: 'concern', family_support: 'not_fulfilled' }))).toBe(false);
    expect(v.outcome).toBe('visited');
  });

  it('refuses unknown finding items and malformed times', () => {
    const base = { person_id: '8f9c6a52-6f0e-4a4b-9c39-1f1f3f2a6b10', mode: 'onsite' };
    expect(RecordVisit.safeParse({ ...base, visited_at: '2025-06-03T10:00:00Z', findings: { weather: 'good' } }).success).toBe(false);
    expect(RecordVisit.safeParse({ ...base, visited_at: '3 June 2025', findings: {} }).success).toBe(false);
    expect(RecordVisit.safeParse({ ...base, visited_at: '2025-06-03T10:00', findings: {} }).success).toBe(true);
  });
});
