/**
 * Capability assessment journey on a tablet (issue 4 §9), clicked through the real pages: a Lanxi
 * assessor opens the assessment assigned to them (demo data), fills in the 26 items and Annex A
 * on a 1024×768 screen, watches the live grade, saves a draft and submits; the agency's reviewer
 * approves and publishes; the person's page then shows the published grade, and the Annex C report
 * prints and downloads as a PDF.
 */
import { ASSESSMENT_ITEMS } from '@yiyang/core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './support/server';
import { byTestId, login, logout, openMenu, tableSettled } from './support/ui';
import { useE2ESession } from './support/session';

const TABLET = { width: 1024, height: 768 };

describe('assessment: an assessor fills the form on a tablet and the grade reaches the person’s page', () => {
  const s = useE2ESession({ viewport: TABLET });

  it('walks the whole journey', async () => {
    const { page } = s.b;

    // --- the assessor opens their queue and the assessment waiting for them ------------------
    await page.goto(`${s.server.url}/login`);
    await login(page, s.server.url, 'lx_assessor', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await openMenu(page, 'assessment');
    const table = byTestId(page, 'assessment-table');
    await tableSettled(table);
    const row = table.locator('tr.ant-table-row').filter({ has: page.locator('[data-testid="assessment-status"]', { hasText: '待评估' }) }).first();
    await row.waitFor();
    await row.getByText('办理').click();
    const workspace = byTestId(page, 'assessment-workspace');
    await workspace.waitFor();
    const title = (await workspace.locator('h4').first().innerText()).trim();
    const personName = title.split(' · ')[0]!;
    expect(personName.length).toBeGreaterThan(1);

    // --- the on-site form: Annex A, then the 26 items ---------------------------------------
    const form = byTestId(page, 'onsite-form');
    await form.waitFor();
    expect(await byTestId(page, 'live-grade').innerText()).toContain('未评完');
    await byTestId(page, 'diagnoses').getByText('痴呆（F00～F03）').click();
    await byTestId(page, 'risk-fall').fill('1');
    // B.1 self-care items at 2 points (−16), everything else at its maximum: total 74.
    for (const it of ASSESSMENT_ITEMS) {
      const points = it.dimension === 'B.1' ? 2 : it.options[0]!.points;
      const option = byTestId(page, `item-${it.code}`).locator('label.ant-radio-button-wrapper', { hasText: `${points}分` });
      await option.scrollIntoViewIfNeeded();
      // A touch target a finger can hit (≥ 44 px high).
      if (it.code === 'B.1.1') expect((await option.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await option.click();
      if (it.code === 'B.2.1') {
        // Part-way through: save a draft, as on a site visit with a flaky connection.
        await byTestId(page, 'save-draft').click();
        await page.getByText('草稿已保存').waitFor();
      }
    }
    // Live result: 74 → 能力轻度受损, raised one level by the dementia diagnosis.
    await expect.poll(() => byTestId(page, 'live-grade').innerText()).toContain('能力中度受损（中度失能）');
    expect(await byTestId(page, 'live-score').innerText()).toContain('74');
    await byTestId(page, 'submit-form').click();
    await byTestId(page, 'submit-confirm').click();
    await expect.poll(() => byTestId(page, 'assessment-status').first().innerText()).toBe('待审核');
    // The assessor sees the computed result, not the form, once submitted.
    await expect.poll(() => byTestId(page, 'result-grade').innerText()).toContain('能力中度受损');
    const assessmentUrl = page.url();
    await logout(page);

    // --- the agency's reviewer approves and publishes ---------------------------------------
    await login(page, s.server.url, 'lx_assess_reviewer', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await openMenu(page, 'assessment');
    await byTestId(page, 'assessment-queue').getByText('待审核').click();
    await tableSettled(table);
    await table.locator('tr.ant-table-row', { hasText: personName }).getByText('办理').click();
    await workspace.waitFor();
    await byTestId(page, 'action-approve').click();
    await byTestId(page, 'text-modal-input').fill('评估规范，同意');
    await byTestId(page, 'text-modal-ok').click();
    await expect.poll(() => byTestId(page, 'assessment-status').first().innerText()).toBe('待发布');
    await byTestId(page, 'action-publish').click();
    await byTestId(page, 'publish-confirm').click();
    await expect.poll(() => byTestId(page, 'assessment-status').first().innerText()).toBe('已发布');
    expect(await byTestId(page, 'published-grade').innerText()).toContain('能力中度受损');

    // --- the person's page shows the published grade (read from the registry) ---------------
    await workspace.getByRole('link', { name: personName }).click();
    const card = byTestId(page, 'person-capability');
    await card.waitFor();
    await expect.poll(() => byTestId(page, 'person-grade-tag').innerText()).toContain('2级 · 能力中度受损');

    // --- the Annex C report: printable page and PDF -----------------------------------------
    await page.goto(`${assessmentUrl}&view=report`);
    const report = byTestId(page, 'report');
    await report.waitFor();
    expect(await byTestId(page, 'report-total').innerText()).toContain('74');
    expect(await byTestId(page, 'report-final').innerText()).toContain('能力中度受损（中度失能）');
    expect(await report.innerText()).toContain('确诊为痴呆');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await byTestId(page, 'report-print').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    const href = await byTestId(page, 'report-pdf').getAttribute('href');
    const pdf = await page.request.get(`${s.server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    expect(s.b.pageErrors).toEqual([]);
    expect(s.b.serverErrors).toEqual([]);
  });
});
