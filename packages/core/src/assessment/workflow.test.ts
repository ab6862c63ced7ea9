import { describe, expect, it } from 'vitest';
import { addMonthsToDate } from '../lib/dates';
import { availableActions, checkTransition, LANXI_REASSESSMENT, nextDueDate, TRANSITIONS, type GuardContext } from './index';

const base: GuardContext = {
  actorId: 'u-reviewer',
  reason: 'first',
  assessors: ['u-a1', 'u-a2'],
  disputedAssessors: [],
  formComplete: true,
  objectionOpen: true,
};
const perms = (...p: string[]) => new Set(p);

describe('assessment transition table', () => {
  it('every action names a permission and only known guards', () => {
    for (const t of TRANSITIONS) {
      expect(t.permission).toMatch(/^assessments:/);
      expect(t.from.length).toBeGreaterThan(0);
    }
  });

  it('an assessor submits only their own, complete assessment', () => {
    const p = perms('assessments:perform');
    expect(checkTransition('submit', 'in_progress', p, { ...base, actorId: 'u-a1' })).toMatchObject({ ok: true, to: 'submitted' });
    expect(checkTransition('submit', 'in_progress', p, { ...base, actorId: 'u-other' })).toMatchObject({ ok: false, code: 'ASSESSMENT_NOT_ASSESSOR' });
    expect(checkTransition('submit', 'in_progress', p, { ...base, actorId: 'u-a2', formComplete: false })).toMatchObject({ ok: false, code: 'ASSESSMENT_FORM_INCOMPLETE' });
    expect(checkTransition('submit', 'submitted', p, { ...base, actorId: 'u-a1' })).toMatchObject({ ok: false, kind: 'state', code: 'ASSESSMENT_STATE_INVALID' });
  });

  it('the two assessors must differ; a dispute needs new assessors', () => {
    const p = perms('assessments:assign');
    expect(checkTransition('assign', 'requested', p, { ...base, newAssessors: ['x', 'x'] })).toMatchObject({ ok: false, code: 'ASSESSMENT_ASSESSORS_SAME' });
    expect(checkTransition('assign', 'requested', p, { ...base, newAssessors: ['x', 'y'] })).toMatchObject({ ok: true, to: 'assigned' });
    expect(checkTransition('assign', 'requested', p, { ...base, reason: 'dispute', disputedAssessors: ['y', 'z'], newAssessors: ['x', 'y'] })).toMatchObject({ ok: false, code: 'ASSESSMENT_DISPUTE_SAME_ASSESSOR' });
    expect(checkTransition('assign', 'in_progress', p, { ...base, newAssessors: ['x', 'y'] })).toMatchObject({ ok: true, to: 'in_progress' });
  });

  it('the reviewer and publisher must not be an assessor', () => {
    const p = perms('assessments:review');
    for (const action of ['approve', 'return'] as const) {
      expect(checkTransition(action, 'submitted', p, { ...base, actorId: 'u-a2' })).toMatchObject({ ok: false, code: 'ASSESSMENT_REVIEWER_IS_ASSESSOR' });
    }
    expect(checkTransition('approve', 'submitted', p, base)).toMatchObject({ ok: true, to: 'reviewed' });
    expect(checkTransition('return', 'submitted', p, base)).toMatchObject({ ok: true, to: 'in_progress' });
    expect(checkTransition('publish', 'reviewed', p, { ...base, actorId: 'u-a1' })).toMatchObject({ ok: false, code: 'ASSESSMENT_REVIEWER_IS_ASSESSOR' });
    expect(checkTransition('publish', 'reviewed', p, base)).toMatchObject({ ok: true, to: 'published' });
  });

  it('permissions are required', () => {
    expect(checkTransition('approve', 'submitted', perms('assessments:perform'), base)).toMatchObject({ ok: false, kind: 'permission' });
  });

  it('objections only within the window and not against a dispute result', () => {
    const p = perms('assessments:request');
    expect(checkTransition('object', 'published', p, base)).toMatchObject({ ok: true, to: 'objected' });
    expect(checkTransition('object', 'published', p, { ...base, objectionOpen: false })).toMatchObject({ ok: false, code: 'ASSESSMENT_OBJECTION_EXPIRED' });
    expect(checkTransition('object', 'published', p, { ...base, reason: 'dispute' })).toMatchObject({ ok: false, code: 'ASSESSMENT_DISPUTE_FINAL' });
  });

  it('lists the buttons an actor may press', () => {
    expect(availableActions('in_progress', perms('assessments:perform'), { ...base, actorId: 'u-a1' }).sort()).toEqual(['save_draft', 'submit']);
    expect(availableActions('in_progress', perms('assessments:perform'), { ...base, actorId: 'u-x' })).toEqual([]);
    expect(availableActions('submitted', perms('assessments:review'), base).sort()).toEqual(['approve', 'return']);
    expect(availableActions('published', perms('assessments:review'), base)).toEqual([]);
  });
});

describe('re-assessment schedule (002 二(一)3: 80+ yearly, under 80 every two years)', () => {
  it('80 and over: one year', () => {
    expect(nextDueDate('2025-03-10', '1940-01-01')).toBe('2026-03-10');
  });
  it('under 80: two years', () => {
    expect(nextDueDate('2025-03-10', '1950-01-01')).toBe('2027-03-10');
  });
  it('turning 80 within the year: one year', () => {
    expect(nextDueDate('2025-03-10', '1946-02-01')).toBe('2026-03-10');
    expect(nextDueDate('2025-03-10', '1946-03-11')).toBe('2027-03-10');
  });
  it('uses the locality’s intervals', () => {
    expect(nextDueDate('2025-03-10', '1950-01-01', { ...LANXI_REASSESSMENT, months_below: 36 })).toBe('2028-03-10');
  });
  it('adds months clamping to the month end', () => {
    expect(addMonthsToDate('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsToDate('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsToDate('2025-11-15', 2)).toBe('2026-01-15');
  });
});
