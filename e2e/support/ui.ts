/** Small page helpers shared by the journeys: they click and type like a user, no API shortcuts. */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

export const byTestId = (page: Page | Locator, id: string) => page.locator(`[data-testid="${id}"]`);

export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  if (!page.url().includes('/login')) await page.goto(`${baseUrl}/login`);
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(password);
  await byTestId(page, 'login-submit').click();
}

export async function logout(page: Page): Promise<void> {
  await byTestId(page, 'user-menu-trigger').click();
  await byTestId(page, 'user-menu-logout').click();
  await byTestId(page, 'login-page').waitFor();
}

/** Opens a menu item of the side menu (its group is open by default). */
export async function openMenu(page: Page, path: string): Promise<void> {
  await byTestId(page, `menu-${path.replace(/\//g, '-')}`).click();
  await page.waitForURL((u) => u.pathname === `/${path}`);
}

/** Picks an option of an AntD Select whose dropdown is open. */
export async function pickOption(page: Page, text: string | RegExp): Promise<void> {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
  // A single select closes its dropdown with an animation; a click on the next field while it
  // fades out lands on the dropdown ("element intercepts pointer events"). Multiple selects stay
  // open, so wait briefly and go on.
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .waitFor({ state: 'hidden', timeout: 2000 })
    .catch(() => undefined);
}

/** Waits until the table shows no loading spinner. */
export async function tableSettled(table: Locator): Promise<void> {
  await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
  await expect.poll(async () => table.locator('.ant-spin-spinning').count()).toBe(0);
}

export async function attr(locator: Locator, name: string): Promise<string> {
  const v = await locator.getAttribute(name);
  if (v === null) throw new Error(`attribute ${name} missing`);
  return v;
}

/** Expands a node of the region tree by clicking its switcher (the tree then loads its children). */
export async function expandRegionNode(page: Page, code: string): Promise<void> {
  const node = page.locator('.ant-tree-treenode', { has: page.locator(`[data-testid="region-node-${code}"]`) });
  // A click that lands while the tree re-renders (children of another node arriving) can be
  // lost: click until the node reports itself open, never while its children are loading.
  await expect
    .poll(
      async () => {
        const cls = (await node.getAttribute('class')) ?? '';
        if (cls.includes('ant-tree-treenode-switcher-open')) return true;
        if ((await node.locator('.ant-tree-switcher-loading-icon').count()) === 0) await node.locator('.ant-tree-switcher').click();
        return false;
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toBe(true);
}
