/**
 * Organisation maintenance by a county officer (潞州区): the region tree starts at the district,
 * a new service provider is placed in a street with the region picker of the form, found again by
 * the tree filter, and edited (the edit carries the version the officer read).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './support/server';
import { attr, byTestId, login, openMenu, pickOption, tableSettled } from './support/ui';
import { useE2ESession } from './support/session';

const LUZHOU = '140403';
const ORG_NAME = '潞州区幸福里助餐点';

describe('organisations of a county officer', () => {
  const s = useE2ESession();

  it('creates an organisation in a street and edits it', async () => {
    const { page } = s.b;
    await page.goto(`${s.server.url}/login`);
    await login(page, s.server.url, 'cz_luzhou', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await openMenu(page, 'system/orgs');

    // The district is the only root; its streets are listed below it at once.
    const tree = byTestId(page, 'region-tree');
    const roots = tree.locator('[data-testid^="region-node-"][data-depth="0"]');
    await roots.first().waitFor();
    expect(await roots.count()).toBe(1);
    expect(await attr(roots.first(), 'data-testid')).toBe(`region-node-${LUZHOU}`);
    const street = tree.locator('[data-testid^="region-node-"][data-depth="1"]').nth(3);
    await street.waitFor();
    const streetCode = (await attr(street, 'data-testid')).replace('region-node-', '');
    const streetName = (await street.innerText()).trim();

    // --- create, placing it in that street with the form's region picker ----------------
    await byTestId(page, 'org-create').click();
    const form = byTestId(page, 'org-form');
    await form.waitFor();
    await byTestId(page, 'org-form-submit').click();
    await form.getByText('请填写此项').first().waitFor();
    await byTestId(form, 'org-form-name').fill(ORG_NAME);
    await byTestId(form, 'org-form-type').click();
    await pickOption(page, '服务商');
    await byTestId(form, 'org-form-region').click();
    const option = page.locator(`[data-testid="region-option-${streetCode}"]`);
    await option.waitFor();
    await option.click();
    await byTestId(form, 'org-form-credit-code').fill('12345');
    await byTestId(page, 'org-form-submit').click();
    await form.getByText('统一社会信用代码格式不正确').waitFor();
    await byTestId(form, 'org-form-credit-code').fill('');
    await byTestId(form, 'org-form-phone').fill('0355-1234567');
    await byTestId(page, 'org-form-submit').click();
    await form.waitFor({ state: 'detached' });

    // --- filter by the street in the tree: the new organisation is listed there ------------
    await byTestId(tree, `region-node-${streetCode}`).click();
    await expect.poll(() => byTestId(page, 'region-tree-current').innerText()).toContain(streetName);
    const table = byTestId(page, 'org-table');
    const row = table.locator('[data-testid="org-row"]', { hasText: ORG_NAME });
    await row.waitFor();
    await tableSettled(table);
    expect(await attr(row, 'data-region')).toBe(streetCode);
    expect(await row.innerText()).toContain('0355-1234567');
    const regions = await table.locator('[data-testid="org-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-region') ?? ''));
    for (const r of regions) expect(r.startsWith(streetCode)).toBe(true);

    // --- edit the phone number ----------------------------------------------------------
    await row.getByRole('button', { name: '编辑' }).click();
    await form.waitFor();
    expect(await byTestId(form, 'org-form-name').inputValue()).toBe(ORG_NAME);
    await byTestId(form, 'org-form-phone').fill('0355-7654321');
    await byTestId(page, 'org-form-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => row.innerText()).toContain('0355-7654321');

    expect(s.b.pageErrors).toEqual([]);
    expect(s.b.serverErrors).toEqual([]);
  });
});
