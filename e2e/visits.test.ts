/**
 * Visiting care on a phone (390×844): the 兰溪 grid worker signs in, opens 我的探访, sees only the
 * people assigned to them, records a visit with one-tap choices from the bottom action bar, and
 * the rate moves by one; a failed contact is recorded without moving it.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './support/server';
import { attr, byTestId, login } from './support/ui';
import { useE2ESession } from './support/session';

const PHONE = { width: 390, height: 844 };
const OUT_DIR = fileURLToPath(new URL('./artifacts/screenshots/', import.meta.url));

/** Sign in through the API (for the reference lists the page is checked against). */
async function apiSession(url: string, username: string): Promise<(path: string) => Promise<unknown>> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('yiyang_session='))!.split(';')[0]!;
  return async (path) => (await fetch(`${url}/api/v1${path}`, { headers: { cookie } })).json();
}

interface DueItem {
  person_id: string;
  name: string;
  visitor_id: string | null;
  failed_attempts: number;
}

describe('visiting care: a visitor records a visit on a phone', () => {
  const s = useE2ESession({
    viewport: PHONE,
    before: async () => {
      await mkdir(OUT_DIR, { recursive: true });
    },
  });

  it('sees only their people, records a visit, and the rate moves', async () => {
    const { page } = s.b;
    // Reference: the whole county's due list and the visitor's id, as county staff see them.
    const county = await apiSession(s.server.url, 'lx_county');
    const users = (await county('/users?q=lx_visitor')) as { items: Array<{ id: string; username: string }> };
    const visitorId = users.items.find((u) => u.username === 'lx_visitor')!.id;
    const all = (await county('/visits/due?region=330781&page_size=200')) as { items: DueItem[]; total: number };
    const mine = all.items.filter((i) => i.visitor_id === visitorId);
    const others = all.items.filter((i) => i.visitor_id !== visitorId);
    expect(mine.length).toBeGreaterThan(1);
    expect(others.length).toBeGreaterThan(0);

    // --- sign in on the phone and open 我的探访 from the workbench ----------------------------
    await page.goto(`${s.server.url}/login`);
    await login(page, s.server.url, 'lx_visitor', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    // The side menu is folded away on a phone: the page has the full width.
    const content = await page.locator('.ant-layout-content').boundingBox();
    expect(content!.x).toBeLessThan(5);
    await byTestId(page, 'quick-link-visits-mine').click();
    await page.waitForURL((u) => u.pathname === '/visits/mine');
    const list = byTestId(page, 'due-list');
    await list.waitFor();

    // --- only their people -------------------------------------------------------------------
    const cards = page.locator('[data-testid^="due-card-"]').filter({ has: byTestId(page, 'due-card-name') });
    await expect.poll(() => cards.count()).toBe(mine.length);
    const shown = await Promise.all((await cards.all()).map(async (c) => (await attr(c, 'data-testid')).replace('due-card-', '')));
    expect(new Set(shown)).toEqual(new Set(mine.map((i) => i.person_id)));
    for (const o of others) expect(shown).not.toContain(o.person_id);

    await page.screenshot({ path: `${OUT_DIR}visits-phone-list.png` });
    const rate = byTestId(page, 'my-rate-detail');
    const visited0 = Number(await attr(rate, 'data-visited'));
    const due0 = Number(await attr(rate, 'data-due'));
    expect(due0).toBeGreaterThan(visited0);

    // --- a failed contact: recorded, the rate does not move ----------------------------------
    const target = mine[0]!;
    const second = mine.find((i) => i !== target && i.failed_attempts === 0)!;
    await byTestId(page, `due-card-${second.person_id}`).click();
    await byTestId(page, 'visit-form').waitFor();
    await byTestId(page, 'visit-mode-phone').click();
    await byTestId(page, 'visit-not-reached').click();
    await byTestId(page, 'visit-form').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await byTestId(page, `due-card-${second.person_id}`).innerText())).toContain('本期未联系上 1 次');
    expect(Number(await attr(rate, 'data-visited'))).toBe(visited0);

    // --- record a visit with one hand --------------------------------------------------------
    await byTestId(page, `due-card-${target.person_id}`).click();
    const form = byTestId(page, 'visit-form');
    await form.waitFor();
    expect(await form.innerText()).toContain(target.name);
    // Relatives' numbers for a phone call: revealed to the assigned visitor on request.
    await byTestId(page, 'visit-show-contacts').click();
    await byTestId(page, 'visit-contacts').waitFor();
    // Large targets, and the actions at the bottom of the screen where the thumb is.
    const submit = byTestId(page, 'visit-submit');
    const box = (await submit.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.y + box.height).toBeGreaterThan(PHONE.height - 90);
    const choice = (await byTestId(page, 'visit-health-good').locator('xpath=ancestor::label[1]').boundingBox())!;
    expect(choice.height).toBeGreaterThanOrEqual(44);
    await byTestId(page, 'visit-mode-onsite').click();
    for (const item of ['health', 'home_safety', 'living_conditions', 'mood']) await byTestId(page, `visit-${item}-good`).click();
    await byTestId(page, 'visit-family_support-fulfilled').click();
    await byTestId(page, 'visit-risk-low').click();
    await byTestId(page, 'visit-note').fill('老人精神很好，家中整洁');
    await page.screenshot({ path: `${OUT_DIR}visits-phone-form.png` });
    await submit.click();
    await form.waitFor({ state: 'hidden' });

    // --- off the list, and the rate moved by one ----------------------------------------------
    await expect.poll(() => byTestId(page, `due-card-${target.person_id}`).count()).toBe(0);
    await expect.poll(async () => Number(await attr(rate, 'data-visited'))).toBe(visited0 + 1);
    expect(Number(await attr(rate, 'data-due'))).toBe(due0);
    const after = (await county('/visits/due?region=330781&page_size=200')) as { total: number };
    expect(after.total).toBe(all.total - 1);

    expect(s.b.pageErrors).toEqual([]);
    expect(s.b.serverErrors).toEqual([]);
  });

  it('community and street staff: the rate with drill-down, the alerts and the roster', async () => {
    const { page } = s.b;
    await page.context().clearCookies();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${s.server.url}/login`);
    await login(page, s.server.url, 'lx_street', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await byTestId(page, 'menu-visits-rate').click();
    await page.waitForURL((u) => u.pathname === '/visits/rate');
    const value = byTestId(page, 'region-rate-value');
    await expect.poll(() => value.innerText()).toMatch(/%$/);
    const rows = page.locator('[data-testid^="rate-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const child = (await attr(rows.first(), 'data-testid')).replace('rate-row-', '');
    await rows.first().click();
    await expect.poll(() => byTestId(page, 'visit-rate-up').count()).toBe(1);
    // Drilled down to a community: the people not visited there.
    await expect.poll(async () => (await page.locator('[data-testid="visit-rate-not-visited"] tbody tr').count()) > 0).toBe(true);
    await page.screenshot({ path: `${OUT_DIR}visits-rate.png` });
    expect(child).toMatch(/^330781\d{6}$/);

    await byTestId(page, 'menu-visits-alerts').click();
    await page.waitForURL((u) => u.pathname === '/visits/alerts');
    await expect.poll(async () => page.locator('[data-testid="visit-alerts-table"] tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await byTestId(page, 'visit-alerts-table').innerText()).toMatch(/发现危险|逾期未探访|多次未联系上/);
    await page.screenshot({ path: `${OUT_DIR}visits-alerts.png` });

    await byTestId(page, 'menu-visits-roster').click();
    await page.waitForURL((u) => u.pathname === '/visits/roster');
    await expect.poll(async () => page.locator('[data-testid="visit-roster-table"] tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${OUT_DIR}visits-roster.png` });
    expect(s.b.pageErrors).toEqual([]);
    expect(s.b.serverErrors).toEqual([]);
  });
});
