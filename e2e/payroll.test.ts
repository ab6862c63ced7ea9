/**
 * The monthly payroll cycle through the real pages on the demo data: a 兰溪 county officer
 * computes the 高龄津贴 (LX-07) cycle of this month and reads the review; the same officer cannot
 * approve (not a finance reviewer); the finance reviewer approves; the officer downloads the bank
 * roster — a real XLSX whose ID and account cells are text — and the cycle shows 已导出.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './support/server';
import { byTestId, login, logout, openMenu, pickOption, tableSettled } from './support/ui';
import { useE2ESession } from './support/session';

describe('payroll cycle wizard', () => {
  const s = useE2ESession({ scratch: 'yiyang-payroll-e2e-' });

  it('compute → review → approve (by another person) → roster download', async () => {
    const { page } = s.b;
    await login(page, s.server.url, 'lx_county', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await openMenu(page, 'payroll');
    await byTestId(page, 'payroll-page').waitFor();
    await byTestId(page, 'cycle-programme').click();
    await pickOption(page, 'LX-07）');
    await byTestId(page, 'cycle-compute').click();
    const wizard = byTestId(page, 'cycle-wizard');
    await wizard.waitFor();
    await expect.poll(() => wizard.innerText()).toContain('待复核');
    const review = byTestId(page, 'cycle-review');
    await tableSettled(review);
    await expect.poll(() => review.innerText()).toContain('新增');
    // the county officer holds no approval right: no approve button
    expect(await byTestId(page, 'cycle-approve').count()).toBe(0);
    await logout(page);

    await login(page, s.server.url, 'lx_finance', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await openMenu(page, 'payroll');
    const table = byTestId(page, 'cycles-table');
    await tableSettled(table);
    await table.locator('[data-testid^="cycle-open-"]').first().click();
    await byTestId(page, 'cycle-approve').click();
    await expect.poll(() => byTestId(page, 'cycle-wizard').innerText()).toContain('已批准');
    await logout(page);

    await login(page, s.server.url, 'lx_county', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await openMenu(page, 'payroll');
    await tableSettled(byTestId(page, 'cycles-table'));
    await byTestId(page, 'cycles-table').locator('[data-testid^="cycle-open-"]').first().click();
    await byTestId(page, 'cycle-wizard').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'cycle-roster').click()]);
    const file = join(s.dir, 'roster.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(1, 6)).toEqual(['行号', '姓名', '身份证号', '开户银行', '一卡通账号']);
    const id = ws.getRow(2).getCell(3).value;
    expect(typeof id).toBe('string');
    expect(id).toMatch(/^\d{17}[\dX]$/);
    expect(typeof ws.getRow(2).getCell(5).value).toBe('string');
    expect(ws.getRow(2).getCell(9).value).toBe(60);
    await page.reload();
    await byTestId(page, 'cycles-table').waitFor();
    await expect.poll(() => byTestId(page, 'cycles-table').innerText()).toContain('已导出');
    await logout(page);

    // Street staff read the same cycle narrowed to their street: no compute, approve or bank roster, a 公示 list.
    await login(page, s.server.url, 'lx_street', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await openMenu(page, 'payroll');
    await tableSettled(byTestId(page, 'cycles-table'));
    expect(await byTestId(page, 'cycle-compute').count()).toBe(0);
    await byTestId(page, 'cycles-table').locator('[data-testid^="cycle-open-"]').first().click();
    await byTestId(page, 'cycle-wizard').waitFor();
    await byTestId(page, 'cycle-public').waitFor();
    expect(await byTestId(page, 'cycle-roster').count()).toBe(0);
    expect(await byTestId(page, 'cycle-approve').count()).toBe(0);
    expect(s.b.serverErrors).toEqual([]);
  });
});
