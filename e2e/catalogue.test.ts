/**
 * Service catalogue and "services find people", clicked through the real pages with the demo data:
 * the public list without login; a Lanxi county officer browses the list in force (items, parameter
 * status), drafts a new version, compares it with the published one and proposes it; then opens the
 * work list filled at first start (应享未享), reads the explanation of an entry and marks it in
 * progress; the person's page shows their entitlements with explanations.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './support/server';
import { byTestId, login, openMenu, pickOption, tableSettled } from './support/ui';
import { useE2ESession } from './support/session';

describe('catalogue and work lists', () => {
  const s = useE2ESession();

  it('public list, catalogue browser with a draft and the diff, the work list with an explanation', async () => {
    const { page } = s.b;

    // --- the public list, no login --------------------------------------------------------------
    await page.goto(`${s.server.url}/public/catalogue/330781`);
    await byTestId(page, 'public-catalogue-page').waitFor();
    await page.getByText('高龄津贴').first().waitFor();
    expect(await byTestId(page, 'catalogue-items').innerText()).toContain('长寿保健补助金');

    // --- the catalogue browser --------------------------------------------------------------------
    await page.goto(`${s.server.url}/login`);
    await login(page, s.server.url, 'lx_county', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await openMenu(page, 'catalogue');
    const versions = byTestId(page, 'catalogue-versions');
    await tableSettled(versions);
    await byTestId(page, 'catalogue-version-LX-1').click();
    const detail = byTestId(page, 'catalogue-detail');
    await detail.waitFor();
    await expect.poll(() => byTestId(page, 'catalogue-items').innerText()).toContain('高龄津贴');
    expect(await byTestId(page, 'catalogue-items').innerText()).toContain('002 附件');
    expect(await byTestId(page, 'catalogue-parameters').innerText()).toContain('已设定');

    await byTestId(page, 'catalogue-create-draft').click();
    await expect.poll(() => detail.innerText()).toContain('草案');
    await byTestId(page, 'catalogue-compare').click();
    await pickOption(page, '已发布');
    await expect.poll(() => byTestId(page, 'catalogue-diff').innerText()).toContain('两个版本内容相同');
    await byTestId(page, 'catalogue-check').click();
    await expect.poll(() => byTestId(page, 'catalogue-check-result').innerText()).toContain('NAT');
    await byTestId(page, 'catalogue-propose').click();
    await expect.poll(() => detail.innerText()).toContain('待审批');
    // the maker holds the approval right but may not approve their own proposal
    await byTestId(page, 'catalogue-approve').click();
    await page.getByText('审批人不能是本版本的起草人或提交人').waitFor();

    // --- the work list filled from the demo data ----------------------------------------------------
    await openMenu(page, 'worklists');
    const table = byTestId(page, 'worklist-table');
    await tableSettled(table);
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await table.innerText()).toContain('应享未享');
    await table.locator('tr.ant-table-row').first().locator('button').click();
    const explanation = byTestId(page, 'worklist-detail');
    await explanation.waitFor();
    expect(await explanation.innerText()).toMatch(/所依据的事实\s+\S+/);
    await byTestId(page, 'worklist-save').click();
    await page.getByText('操作成功').first().waitFor();
    await byTestId(page, 'worklist-status').click();
    await pickOption(page, '处理中');
    await tableSettled(table);
    await expect.poll(() => table.innerText()).toContain('处理中');

    // --- the person's entitlements tab -------------------------------------------------------------
    await table.locator('tr.ant-table-row').first().locator('a').click();
    await page.waitForURL((u) => u.pathname.startsWith('/persons/'));
    const ent = byTestId(page, 'person-entitlements');
    await ent.waitFor();
    await expect.poll(() => ent.innerText()).toContain('符合');
  });
});
