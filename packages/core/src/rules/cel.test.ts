import { describe, expect, it } from 'vitest';
import { compileExpression } from './cel';

describe('CEL facade', () => {
  it('evaluates conditions and integer formulas over facts', () => {
    const c = compileExpression('age >= 80 && economic_status in ["dibao", "tekun"]');
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.evaluate({ age: 80, economic_status: 'dibao' })).toEqual({ ok: true, value: true });
    expect(c.value.evaluate({ age: 79, economic_status: 'dibao' })).toEqual({ ok: true, value: false });
    const f = compileExpression('age >= 100 ? 50000 : 6000');
    if (!f.ok) throw new Error('compile');
    expect(f.value.evaluate({ age: 100 })).toEqual({ ok: true, value: 50000 });
  });
  it('reports syntax errors and unbound variables as typed results, not exceptions', () => {
    const bad = compileExpression('age >= ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('CEL_SYNTAX');
    const c = compileExpression('age >= 80');
    if (!c.ok) throw new Error('compile');
    const r = c.value.evaluate({});
    expect(r.ok).toBe(false);
  });
  it('handles null facts', () => {
    const c = compileExpression('capability_grade != null && capability_grade >= 3');
    if (!c.ok) throw new Error('compile');
    expect(c.value.evaluate({ capability_grade: null })).toEqual({ ok: true, value: false });
    expect(c.value.evaluate({ capability_grade: 3 })).toEqual({ ok: true, value: true });
  });
});
