/**
 * Foundation journey, clicked through the real pages: the city administrator creates a street
 * worker in one street of 潞州区, the worker signs in with the generated password, must change it,
 * and then sees only their street — in the region tree and in the organisation and user lists.
 */
import { checkPassword } from '@yiyang/core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './support/server';
import { attr, byTestId, expandRegionNode, login, logout, openMenu, pickOption, tableSettled } from './support/ui';
import { useE2ESession } from './support/session';

const LUZHOU = '140403';
const NEW_USERNAME = 'street_e2e01';
const NEW_DISPLAY_NAME = '街道测试员';
const NEW_PASSWORD = 'Street#Work2025';

describe('foundation: city admin creates a street worker who sees only their street', () => {
  const s = useE2ESession();

  it('walks the whole journey', async () => {
    const { page } = s.b;

    // --- the city administrator signs in ---------------------------------------------------
    await page.goto(`${s.server.url}/`);
    await page.waitForURL((u) => u.pathname === '/login');
    await login(page, s.server.url, 'cz_admin', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await expect.poll(() => byTestId(page, 'workbench-welcome').innerText()).toContain('长治市管理员');
    expect(await byTestId(page, 'header-org').innerText()).toContain('长治市民政局');
    expect(await byTestId(page, 'workbench-region').innerText()).toContain('长治市');

    // --- 用户管理: find a street of 潞州区 in the region tree --------------------------------
    await openMenu(page, 'system/users');
    const tree = byTestId(page, 'region-tree');
    // The city is the only root and is opened at once; open 潞州区 below it.
    const luzhouNode = byTestId(tree, `region-node-${LUZHOU}`);
    await luzhouNode.waitFor();
    await expandRegionNode(page, LUZHOU);
    const firstStreet = tree.locator('[data-testid^="region-node-"][data-depth="2"]').first();
    await firstStreet.waitFor();
    const streetName = (await firstStreet.innerText()).trim();
    const streetCode = (await attr(firstStreet, 'data-testid')).replace('region-node-', '');
    expect(streetCode).toMatch(new RegExp(`^${LUZHOU}\\d{3}$`));
    expect(streetName).toMatch(/街道|镇|乡/);

    // --- create the user in that street's organisation --------------------------------------
    await byTestId(page, 'user-create').click();
    const form = byTestId(page, 'user-form');
    await form.waitFor();
    await byTestId(form, 'user-form-username').fill(NEW_USERNAME);
    await byTestId(form, 'user-form-display-name').fill(NEW_DISPLAY_NAME);
    await byTestId(form, 'user-form-org').click();
    await page.keyboard.type(streetName);
    await pickOption(page, `${streetName}办事处`);
    await byTestId(form, 'user-form-roles').click();
    await pickOption(page, '街道（乡镇）工作人员');
    await page.keyboard.press('Escape');
    await byTestId(page, 'user-form-submit').click();

    // The generated password is shown once.
    const pwModal = byTestId(page, 'initial-password-modal');
    await pwModal.waitFor();
    const initialPassword = (await byTestId(page, 'initial-password-value').innerText()).trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(10);
    expect(checkPassword(initialPassword)).toEqual([]);
    expect(await pwModal.innerText()).toContain(NEW_USERNAME);
    await byTestId(page, 'initial-password-done').click();
    await pwModal.waitFor({ state: 'detached' });

    const newRow = page.locator(`[data-testid="user-row"][data-username="${NEW_USERNAME}"]`);
    await newRow.waitFor();
    expect(await attr(newRow, 'data-region')).toBe(streetCode);
    const rowText = await newRow.innerText();
    expect(rowText).toContain(`${streetName}办事处`);
    expect(rowText).toContain('街道（乡镇）工作人员');
    expect(rowText).toContain('待改密');

    await logout(page);

    // --- the new worker signs in and must change the password --------------------------------
    await login(page, s.server.url, NEW_USERNAME, initialPassword);
    await page.waitForURL((u) => u.pathname === '/account/password');
    await byTestId(page, 'password-forced-notice').waitFor();
    expect(await byTestId(page, 'side-menu').count()).toBe(0);
    // Nothing else is reachable before the change.
    await page.goto(`${s.server.url}/system/users`);
    await page.waitForURL((u) => u.pathname === '/account/password');

    await byTestId(page, 'password-current').fill(initialPassword);
    await byTestId(page, 'password-new').fill('short1A');
    await expect.poll(() => attr(byTestId(page, 'password-rule-too_short'), 'data-ok')).toBe('false');
    await byTestId(page, 'password-new').fill(NEW_PASSWORD);
    for (const rule of ['too_short', 'too_few_classes', 'contains_username']) {
      await expect.poll(() => attr(byTestId(page, `password-rule-${rule}`), 'data-ok')).toBe('true');
    }
    await byTestId(page, 'password-confirm').fill(NEW_PASSWORD);
    await byTestId(page, 'password-submit').click();
    await page.waitForURL((u) => u.pathname === '/workbench');
    await expect.poll(() => byTestId(page, 'workbench-welcome').innerText()).toContain(NEW_DISPLAY_NAME);
    expect(await byTestId(page, 'workbench-region').innerText()).toContain(streetName);

    // The menu follows the role: a street worker may read orgs and users but has no roles, audit or jobs pages.
    await byTestId(page, 'side-menu').waitFor();
    expect(await byTestId(page, 'menu-system-orgs').count()).toBe(1);
    expect(await byTestId(page, 'menu-system-users').count()).toBe(1);
    expect(await byTestId(page, 'menu-system-roles').count()).toBe(0);
    expect(await byTestId(page, 'menu-system-audit').count()).toBe(0);

    // --- 组织机构: exactly one root (the street); its children are its villages only ----------
    await openMenu(page, 'system/orgs');
    const orgTree = byTestId(page, 'region-tree');
    const roots = orgTree.locator('[data-testid^="region-node-"][data-depth="0"]');
    await roots.first().waitFor();
    expect(await roots.count()).toBe(1);
    expect(await attr(roots.first(), 'data-testid')).toBe(`region-node-${streetCode}`);
    const children = orgTree.locator('[data-testid^="region-node-"][data-depth="1"]');
    await children.first().waitFor();
    const childCodes = (await children.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).map((id) =>
      id.replace('region-node-', ''),
    );
    expect(childCodes.length).toBeGreaterThan(0);
    for (const code of childCodes) expect(code.startsWith(streetCode) && code.length === 12).toBe(true);
    // …and they are exactly the villages the API has for this street (read with the worker's own session).
    const api = await s.b.context.request.get(`${s.server.url}/api/v1/regions?parent=${streetCode}`);
    expect(api.status()).toBe(200);
    const apiCodes = ((await api.json()) as { items: Array<{ code: string }> }).items.map((r) => r.code);
    expect(childCodes.sort()).toEqual(apiCodes.sort());
    expect(await orgTree.locator('[data-depth="2"]').count()).toBe(0);
    // No other street and not the district are in the tree.
    expect(await orgTree.locator(`[data-testid="region-node-${LUZHOU}"]`).count()).toBe(0);

    const orgTable = byTestId(page, 'org-table');
    await orgTable.locator('[data-testid="org-row"]').first().waitFor();
    await tableSettled(orgTable);
    const orgRegions = await orgTable.locator('[data-testid="org-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-region') ?? ''));
    expect(orgRegions.length).toBeGreaterThan(0);
    for (const r of orgRegions) expect(r.startsWith(streetCode)).toBe(true);
    expect(await orgTable.innerText()).toContain(`${streetName}办事处`);
    // A street worker cannot create organisations.
    expect(await byTestId(page, 'org-create').count()).toBe(0);

    // Selecting a village filters the list to that village.
    const village = childCodes[0]!;
    await byTestId(orgTree, `region-node-${village}`).click();
    await expect
      .poll(async () => orgTable.locator('[data-testid="org-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-region'))))
      .toSatisfy((regions: Array<string | null>) => regions.every((r) => r === village));

    // --- 用户管理: only users of this street ----------------------------------------------------
    await openMenu(page, 'system/users');
    const userTable = byTestId(page, 'user-table');
    await userTable.locator(`[data-testid="user-row"][data-username="${NEW_USERNAME}"]`).waitFor();
    await tableSettled(userTable);
    const users = await userTable
      .locator('[data-testid="user-row"]')
      .evaluateAll((els) => els.map((e) => ({ username: e.getAttribute('data-username'), region: e.getAttribute('data-region') ?? '' })));
    expect(users.length).toBeGreaterThan(1);
    for (const u of users) expect(u.region.startsWith(streetCode)).toBe(true);
    expect(users.map((u) => u.username)).not.toContain('cz_admin');
    expect(users.map((u) => u.username)).not.toContain('cz_luzhou');
    expect(await byTestId(page, 'user-create').count()).toBe(0);

    expect(s.b.pageErrors).toEqual([]);
    expect(s.b.serverErrors).toEqual([]);
  });
});
