/**
 * Screenshots of the main pages at 1280×800 for the README. Always taken (a quick smoke test that
 * each page renders); written to docs/screenshots/ only with UPDATE_SCREENSHOTS=1, otherwise to
 * e2e/artifacts/screenshots/ (ignored by git) so an ordinary test run leaves the tree clean.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './support/server';
import { byTestId, expandRegionNode, login, openMenu, pickOption, tableSettled } from './support/ui';
import { useE2ESession } from './support/session';

const OUT_DIR = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOTS === '1' ? '../docs/screenshots/' : './artifacts/screenshots/', import.meta.url),
);

describe('screenshots of the main pages', () => {
  const s = useE2ESession({
    before: async () => {
      await mkdir(OUT_DIR, { recursive: true });
    },
  });

  it('captures login, workbench, users, orgs with the region tree and audit', async () => {
    const { page } = s.b;
    const shot = async (name: string) => {
      // Let fonts and transitions settle; no animation is mid-way in the picture.
      await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${OUT_DIR}${name}.png`, fullPage: false });
    };

    await page.goto(`${s.server.url}/login`);
    await byTestId(page, 'login-form').waitFor();
    await shot('login');

    await login(page, s.server.url, 'cz_admin', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await byTestId(page, 'workbench-welcome').waitFor();
    await shot('workbench');

    await openMenu(page, 'system/users');
    const users = byTestId(page, 'user-table');
    await users.locator('[data-testid="user-row"]').first().waitFor();
    await tableSettled(users);
    await shot('users');

    await openMenu(page, 'system/orgs');
    await byTestId(page, 'region-node-140403').waitFor();
    await expandRegionNode(page, '140403');
    await page.locator('[data-testid^="region-node-140403"][data-depth="2"]').first().waitFor();
    await byTestId(page, 'region-node-140403').click();
    const orgs = byTestId(page, 'org-table');
    await orgs.locator('[data-testid="org-row"]').first().waitFor();
    await tableSettled(orgs);
    await shot('orgs');

    await openMenu(page, 'system/audit');
    const audit = byTestId(page, 'audit-table');
    await audit.locator('[data-testid="audit-row"]').first().waitFor();
    await tableSettled(audit);
    await shot('audit');

    expect(s.b.pageErrors).toEqual([]);
  });

  it('captures the registry, a person, assessment statistics, the visit rate, the catalogue, work lists, payroll and the public list', async () => {
    const { page } = s.b;
    const shot = async (name: string) => {
      await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
      await page.waitForTimeout(500); // charts animate in
      await page.screenshot({ path: `${OUT_DIR}${name}.png`, fullPage: false });
    };
    await page.context().clearCookies();
    await login(page, s.server.url, 'lx_county', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');

    await openMenu(page, 'persons');
    const persons = byTestId(page, 'persons-table');
    await persons.locator('[data-testid="person-link"]').first().waitFor();
    await tableSettled(persons);
    await shot('persons');

    await persons.locator('[data-testid="person-link"]').first().click();
    await byTestId(page, 'person-basic').waitFor();
    await byTestId(page, 'person-tags').waitFor();
    await shot('person');

    await openMenu(page, 'assessment/statistics');
    await byTestId(page, 'chart-grades').locator('canvas').first().waitFor();
    await shot('assessment-statistics');

    await openMenu(page, 'visits/rate');
    await byTestId(page, 'region-rate').waitFor();
    await shot('visit-rate');

    await openMenu(page, 'catalogue');
    await tableSettled(byTestId(page, 'catalogue-versions'));
    await byTestId(page, 'catalogue-version-LX-1').click();
    await expect.poll(() => byTestId(page, 'catalogue-items').innerText()).toContain('高龄津贴');
    await shot('catalogue');

    await openMenu(page, 'worklists');
    const worklist = byTestId(page, 'worklist-table');
    await worklist.locator('.ant-table-row').first().waitFor();
    await tableSettled(worklist);
    await shot('worklists');

    await openMenu(page, 'payroll');
    await byTestId(page, 'cycle-programme').click();
    await pickOption(page, 'LX-07）');
    await byTestId(page, 'cycle-compute').click();
    const review = byTestId(page, 'cycle-review');
    await review.waitFor();
    await tableSettled(review);
    await expect.poll(() => review.innerText()).toContain('新增');
    await shot('payroll-review');

    await page.context().clearCookies();
    await page.goto(`${s.server.url}/public/catalogue/330781`);
    await byTestId(page, 'public-catalogue-page').waitFor();
    await page.getByText('高龄津贴').first().waitFor();
    await shot('public-catalogue');

    expect(s.b.pageErrors).toEqual([]);
  });
});
