import { describe, expect, it } from 'vitest';
import { planFactChange, type LiveFact } from './fact-timeline';
import { validateImportRow, IMPORT_SOURCES } from './import-sources';
import { makeIdNumber } from './id-number';

const row = (id: number, value: unknown, from: string, to: string | null, st = 'import', sd: string | null = 'civil_affairs'): LiveFact => ({
  id, value, valid_from: from, valid_to: to, source_type: st, source_department: sd, source_ref: null,
});

describe('planFactChange', () => {
  const imp = (value: unknown, validFrom: string, sourceDepartment = 'civil_affairs') =>
    ({ fact: 'economic_status' as const, value, validFrom, sourceType: 'import', sourceDepartment, sourceRef: 'b1' });

  it('an equal value in force is a no-op', () => {
    expect(planFactChange([row(1, 'dibao', '2024-01-01', null)], imp('dibao', '2024-06-01')).kind).toBe('same');
  });

  it('a dated import slots into the timeline: splits the covering record, ends at the next change', () => {
    const live = [row(1, 'dibao', '2024-01-01', '2025-01-01'), row(2, 'tekun', '2025-01-01', null)];
    const p = planFactChange(live, imp('dibao_edge', '2024-06-01'));
    expect(p).toMatchObject({
      kind: 'apply',
      supersede: [1],
      inserts: [
        { value: 'dibao', valid_from: '2024-01-01', valid_to: '2024-06-01' },
        { value: 'dibao_edge', valid_from: '2024-06-01', valid_to: '2025-01-01' },
      ],
    });
  });

  it('an import does not override a more authoritative source; staff entries always apply, open-ended', () => {
    const live = [row(1, 'dibao', '2024-01-01', null, 'import', 'civil_affairs'), row(2, 'none', '2025-01-01', null, 'import', 'civil_affairs')];
    expect(planFactChange(live, imp('none', '2024-06-01', 'health')).kind).toBe('kept');
    const staff = planFactChange(live, { fact: 'economic_status', value: 'tekun', validFrom: '2024-06-01', sourceType: 'user', sourceDepartment: null, sourceRef: 'u' });
    expect(staff).toMatchObject({ kind: 'apply', supersede: [1, 2] });
    if (staff.kind === 'apply') expect(staff.inserts.at(-1)).toMatchObject({ value: 'tekun', valid_to: null });
  });
});

describe('validateImportRow', () => {
  const src = IMPORT_SOURCES.disability;
  it('maps labels to codes and levels to numbers', () => {
    const id = makeIdNumber('330781', '1940-01-01', 11);
    const r = validateImportRow(src, { 姓名: '甲', 身份证号: id, 残疾类别: '肢体', 残疾等级: '二级', 发证日期: '2020/3/5' }, '2025-01-01');
    expect(r.errors).toEqual([]);
    expect(r.values).toMatchObject({ disability_category: 'physical', disability_level: 2, valid_from: '2020-03-05', birth_date: '1940-01-01', sex: 'male' });
  });
  it('reports each bad cell with its own code', () => {
    const r = validateImportRow(src, { 姓名: '', 身份证号: 330781194001010110, 残疾类别: '很重', 残疾等级: '五级', 发证日期: '2030-01-01' }, '2025-01-01');
    expect(r.errors.map((e) => [e.column, e.code])).toEqual([
      ['姓名', 'REQUIRED'],
      ['身份证号', 'ID_NOT_TEXT'],
      ['残疾类别', 'VALUE_NOT_IN_LIST'],
      ['残疾等级', 'VALUE_NOT_IN_LIST'],
      ['发证日期', 'DATE_FUTURE'],
    ]);
  });
});
