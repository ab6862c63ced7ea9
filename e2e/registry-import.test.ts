/**
 * Registry journey through the real pages: a county worker of 兰溪市 downloads the population
 * template, fills it (as Excel would: ID numbers as text), imports it through the wizard, sees
 * the progress and the result with the bad row reported by its Excel row number, downloads the
 * error report, finds the new people in the registry list, opens one (ID masked) and reveals the
 * full number with a reason.
 */
import { makeIdNumber } from '@yiyang/core';
import ExcelJS from 'exceljs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './support/server';
import { byTestId, login, openMenu, tableSettled } from './support/ui';
import { useE2ESession } from './support/session';

const PEOPLE = [
  { name: '浏览器测试甲', id: makeIdNumber('330781', '1936-08-08', 515) },
  { name: '浏览器测试乙', id: makeIdNumber('330781', '1951-02-14', 516) },
  { name: '浏览器测试丙', id: makeIdNumber('330781', '1947-11-30', 517) },
];

describe('registry: import an XLSX file through the wizard and find the people', () => {
  const s = useE2ESession({ scratch: 'yiyang-e2e-xlsx-' });

  it('walks the journey', async () => {
    const { page } = s.b;
    await login(page, s.server.url, 'lx_county', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');

    // --- the import wizard -------------------------------------------------------------------
    await openMenu(page, 'persons-import');
    await byTestId(page, 'import-wizard').waitFor();
    await byTestId(page, 'import-source-population').click();
    // The template downloads as a real XLSX with the documented headers; fill it like a user.
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'import-template').click()]);
    const templatePath = join(s.dir, 'template.xlsx');
    await download.saveAs(templatePath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(templatePath);
    const ws = wb.getWorksheet('数据')!;
    expect((ws.getRow(1).values as string[]).slice(1).join(',')).toBe('姓名,身份证号,联系电话,户籍地区划代码,居住地区划代码,住址');
    PEOPLE.forEach((p, i) => {
      const r = ws.getRow(i + 2);
      r.getCell(1).value = p.name;
      r.getCell(2).value = p.id; // a text cell: the template formats the column as text
      r.getCell(5).value = '330781001001';
      r.getCell(6).value = `云山街道${i + 1}号`;
    });
    ws.getRow(5).getCell(1).value = '号码不对';
    ws.getRow(5).getCell(2).value = '33078119400315123';
    ws.getRow(5).getCell(5).value = '330781001001';
    const filled = join(s.dir, '人口信息.xlsx');
    await writeFile(filled, Buffer.from(await wb.xlsx.writeBuffer()));

    await byTestId(page, 'import-wizard').locator('input[type=file]').setInputFiles(filled);
    const result = byTestId(page, 'import-result');
    await result.waitFor({ timeout: 60_000 });
    const text = await result.innerText();
    expect(text).toMatch(/成功\s*3/);
    expect(text).toMatch(/失败\s*1/);
    const errors = byTestId(page, 'import-errors');
    expect(await errors.innerText()).toContain('ID_LENGTH');
    expect(await errors.locator('tbody tr').first().innerText()).toMatch(/^5\s/);
    const [report] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'import-report').click()]);
    expect(report.suggestedFilename()).toMatch(/\.xlsx$/);

    // --- find the people in the registry list ----------------------------------------------------
    await openMenu(page, 'persons');
    await byTestId(page, 'person-search').locator('input').fill('浏览器测试');
    await byTestId(page, 'person-search').locator('input').press('Enter');
    const table = byTestId(page, 'persons-table');
    await expect.poll(async () => (await table.innerText()).includes('浏览器测试丙')).toBe(true);
    await tableSettled(table);
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.filter((r) => r.includes('浏览器测试'))).toHaveLength(3);
    // Masked in the list: never the full number.
    for (const p of PEOPLE) expect(await table.innerText()).not.toContain(p.id);

    // --- the person page: masked ID, reveal with a reason ------------------------------------------
    await table.locator('[data-testid="person-link"]', { hasText: '浏览器测试甲' }).click();
    await byTestId(page, 'person-page').waitFor();
    expect(await byTestId(page, 'person-id-number').innerText()).toBe(`330781********${PEOPLE[0]!.id.slice(-4)}`);
    expect(await byTestId(page, 'person-tags').innerText()).toContain('高龄');
    await expect.poll(async () => byTestId(page, 'fact-item').count()).toBeGreaterThan(0);
    expect(await byTestId(page, 'fact-timeline').innerText()).toContain('公安（人口）');
    await byTestId(page, 'person-reveal').click();
    await byTestId(page, 'person-reveal-reason').fill('核对身份，办理高龄津贴');
    await byTestId(page, 'person-reveal-submit').click();
    await expect.poll(async () => byTestId(page, 'person-revealed').innerText()).toContain(PEOPLE[0]!.id);

    expect(s.b.pageErrors).toEqual([]);
    expect(s.b.serverErrors).toEqual([]);
  });
});
