/**
 * Service accounts (养老服务券) through the real pages. The seed lists leave the 兰溪 养老服务补贴
 * (LX-08) amount unset, so the demo opens no account; this journey first does what the locality
 * would, through the API: the county officer drafts the list with 200元/月, the administrator
 * approves (maker–checker), the officer publishes it; the month's credit is posted and two service
 * orders are paid to the demo provider. Then the 兰溪 county officer (accounts:read) opens
 * 服务券账户, finds the person by name, reads the statement (记入, 使用, balance), sees the same
 * on the person's page, and reads the provider's settlement with its total; the provider's own
 * staff (lx_provider) see only their settlement.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './support/server';
import { useE2ESession } from './support/session';
import { byTestId, login, logout, openMenu, pickOption, tableSettled } from './support/ui';

/** An API call in the set-up; answers are read field by field. */
type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: any }>;

/** Sign in through the API (the set-up a locality does before the page is used). */
async function apiSession(url: string, username: string, password: string): Promise<Call> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('yiyang_session='))!.split(';')[0]!;
  return async (method, path, body) => {
    const r = await fetch(`${url}/api/v1${path}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? null : JSON.stringify(body) });
    return { status: r.status, json: await r.json() };
  };
}

function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

describe('service accounts: statement and provider settlement', () => {
  const s = useE2ESession();
  let holder: { person_id: string; name: string };
  const today = chinaToday();
  const month = today.slice(0, 7);
  const provider = '兰溪市颐康居家养老服务中心';

  beforeAll(async () => {
    const county = await apiSession(s.server.url, 'lx_county', DEMO_PASSWORD);
    const admin = await apiSession(s.server.url, 'admin', ADMIN_PASSWORD);

    // With the seeds as they are, nobody in 兰溪 has a service account.
    expect((await county('GET', '/accounts/persons')).json).toEqual({ items: [], total: 0 });

    // The amount through the catalogue workflow: draft → set → propose → approve (another person) → publish.
    const draft = await county('POST', '/catalogues/drafts', { pack_code: 'LX', note: '设定养老服务补贴标准' });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    const id = draft.json.id as string;
    const set = await county('PUT', `/catalogues/versions/${id}/parameters/service_subsidy`, { version: draft.json.version, from: '2020-01-01', value: 20000, note: '浏览器测试设定' });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    const proposed = await county('POST', `/catalogues/versions/${id}/propose`, { version: set.json.version });
    expect(proposed.status, JSON.stringify(proposed.json)).toBe(200);
    const approved = await admin('POST', `/catalogues/versions/${id}/approve`, { version: proposed.json.version });
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    const published = await county('POST', `/catalogues/versions/${id}/publish`, { version: approved.json.version, document_number: '兰民〔2026〕测试1号', effective_from: `${month}-01` });
    expect(published.status, JSON.stringify(published.json)).toBe(200);

    // This month's credit to the people the demo enrolled in LX-08, then two orders for one of them.
    const credit = await admin('POST', '/accounts/credits', { region: '330781', programme: 'LX-08', month });
    expect(credit.status, JSON.stringify(credit.json)).toBe(200);
    expect(credit.json.credited).toBeGreaterThan(0);
    expect(credit.json.total_fen).toBe(credit.json.credited * 20000);
    const holders = await county('GET', '/accounts/persons?page_size=1');
    expect(holders.json.total).toBe(credit.json.credited);
    holder = holders.json.items[0];
    const orgs = await admin('GET', `/orgs?type=service_provider&region=330781&q=${encodeURIComponent(provider)}`);
    const org = (orgs.json.items as Array<{ id: string; name: string }>).find((o) => o.name === provider)!;
    for (const [ref, amount, what] of [['E2E-1', 4500, '助餐服务'], ['E2E-2', 3000, '助洁服务']] as const) {
      const spent = await admin('POST', '/accounts/spend', { person_id: holder.person_id, programme: 'LX-08', provider_org: org.id, amount_fen: amount, order_ref: ref, on_date: today, description: `${provider} ${what}` });
      expect(spent.status, JSON.stringify(spent.json)).toBe(200);
    }
  });


  it('a county officer reads a person’s statement, the person page’s card and a provider’s settlement; the provider its own', async () => {
    const { page } = s.b;
    await login(page, s.server.url, 'lx_county', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await openMenu(page, 'accounts');
    await byTestId(page, 'accounts-page').waitFor();

    // 个人账户对账单: find the person by name, open the statement
    const holders = byTestId(page, 'holders-table');
    await tableSettled(holders);
    await byTestId(page, 'holders-search').locator('input').fill(holder.name);
    await byTestId(page, 'holders-search').locator('input').press('Enter');
    await expect.poll(() => holders.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await expect.poll(() => holders.innerText()).toContain(holder.name);
    expect(await holders.innerText()).toMatch(/330781\*{8}\d{3}[\dX]/); // ID numbers masked
    await byTestId(page, `holder-open-${holder.person_id}`).click();
    const lines = byTestId(page, 'statement-lines');
    await lines.waitFor();
    await expect.poll(() => lines.locator('tbody tr.ant-table-row').count()).toBe(3);
    const text = await lines.innerText();
    expect(text).toContain('记入');
    expect(text).toContain('使用');
    expect(text).toContain('¥200.00');
    expect(text).toContain('-¥45.00');
    expect(text).toContain('-¥30.00');
    expect(text).toContain('助餐服务');
    expect(await byTestId(page, 'statement-balance').innerText()).toBe('¥125.00');

    // 服务商结算单: the demo provider, this month → the two orders and their total
    await byTestId(page, 'accounts-tab-settlement').click();
    await byTestId(page, 'settlement-provider').click();
    await pickOption(page, provider);
    await byTestId(page, 'settlement-month').fill(month);
    const settlement = byTestId(page, 'settlement');
    await settlement.waitFor();
    await expect.poll(() => byTestId(page, 'settlement-total').innerText()).toBe('¥75.00');
    expect(await byTestId(page, 'settlement-orders').innerText()).toBe('2');
    const st = await byTestId(page, 'settlement-lines').innerText();
    expect(st).toContain('助洁服务');
    expect(st).toContain('合计');

    // the person page shows the same account
    await page.goto(`${s.server.url}/persons/${holder.person_id}`);
    const card = byTestId(page, 'person-service-account');
    await card.waitFor();
    await expect.poll(() => card.locator('[data-testid="statement-balance"]').innerText()).toBe('¥125.00');
    expect(await card.innerText()).toContain('使用');

    // the provider's own staff: no list of holders, their own settlement of this month at once
    await logout(page);
    await login(page, s.server.url, 'lx_provider', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await openMenu(page, 'accounts');
    await byTestId(page, 'accounts-page').waitFor();
    await expect.poll(() => byTestId(page, 'settlement-total').innerText()).toBe('¥75.00');
    expect(await byTestId(page, 'accounts-tab-statement').count()).toBe(0);
  });
});
