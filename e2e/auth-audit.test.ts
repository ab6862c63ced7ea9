/**
 * Sign-in security and the audit trail, through the pages: a wrong password is refused in words;
 * the platform administrator binds an authenticator app (动态验证码), signs in again with the TOTP
 * step (a wrong code is refused, the right one admits), then finds those logins in 审计日志, exports
 * them and verifies the hash chain (完整).
 */
import { describe, expect, it } from 'vitest';
import { totpNow } from '../packages/server/src/modules/auth/totp.ts';
import { ADMIN_PASSWORD } from './support/server';
import { attr, byTestId, login, logout, openMenu, pickOption, tableSettled } from './support/ui';
import { useE2ESession } from './support/session';

describe('TOTP login step and the audit page', () => {
  const s = useE2ESession();

  it('refuses a wrong password with the server message', async () => {
    const { page } = s.b;
    await page.goto(`${s.server.url}/login`);
    await login(page, s.server.url, 'admin', 'not-the-password');
    const error = byTestId(page, 'login-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('binds TOTP, then signs in with the code step, and audits it all', async () => {
    const { page } = s.b;
    await page.goto(`${s.server.url}/login`);
    await login(page, s.server.url, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');

    // --- bind an authenticator app from the account menu -----------------------------------
    await byTestId(page, 'user-menu-trigger').click();
    await byTestId(page, 'user-menu-mfa').click();
    await page.waitForURL((u) => u.pathname === '/account/mfa');
    await byTestId(page, 'mfa-start').click();
    const secretEl = byTestId(page, 'mfa-secret');
    await secretEl.waitFor();
    await byTestId(page, 'mfa-qrcode').waitFor();
    const secret = (await secretEl.innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The otpauth link carries the same secret (what the QR code encodes).
    await page.getByText('绑定链接').click();
    expect(await byTestId(page, 'mfa-otpauth-url').innerText()).toContain(`secret=${secret}`);

    await byTestId(page, 'mfa-code').fill('12345'); // too short: refused in the browser
    await byTestId(page, 'mfa-confirm').click();
    await page.getByText('动态验证码应为6位数字').waitFor();
    await byTestId(page, 'mfa-code').fill(totpNow(secret, Date.now()));
    await byTestId(page, 'mfa-confirm').click();
    await byTestId(page, 'mfa-enabled').waitFor();

    await logout(page);

    // --- sign in again: password, then the TOTP step ----------------------------------------
    await login(page, s.server.url, 'admin', ADMIN_PASSWORD);
    await byTestId(page, 'login-totp-form').waitFor();
    await byTestId(page, 'login-totp').fill(totpNow(secret, Date.now()) === '000000' ? '000001' : '000000');
    await byTestId(page, 'login-totp-submit').click();
    const error = byTestId(page, 'login-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('动态验证码错误');
    // Each code works once: the one used for binding is spent, so use the next time step's code.
    await byTestId(page, 'login-totp').fill(totpNow(secret, Date.now() + 30_000));
    await byTestId(page, 'login-totp-submit').click();
    await page.waitForURL((u) => u.pathname === '/workbench');
    await expect.poll(() => byTestId(page, 'workbench-welcome').innerText()).toContain('系统管理员');

    // --- 审计日志: the logins are there ---------------------------------------------------
    await openMenu(page, 'system/audit');
    const table = byTestId(page, 'audit-table');
    await table.locator('[data-testid="audit-row"]').first().waitFor();
    await tableSettled(table);
    const actions = await table.locator('[data-testid="audit-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.totp_enable');

    // Filter: failed logins only → the wrong password and the wrong code.
    await byTestId(page, 'audit-filter-action').click();
    await pickOption(page, '登录');
    await byTestId(page, 'audit-filter-outcome').click();
    await pickOption(page, '失败');
    await byTestId(page, 'audit-search').click();
    await expect
      .poll(async () => table.locator('[data-testid="audit-row"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-action')}/${e.getAttribute('data-outcome')}`)))
      .toEqual(['auth.login/failure', 'auth.login/failure']);
    // The expanded row shows the recorded details: the newest failure is the wrong TOTP code.
    const first = table.locator('[data-testid="audit-row"]').first();
    await first.locator('.ant-table-row-expand-icon').click();
    const details = table.locator('[data-testid^="audit-details-"]').first();
    await details.waitFor();
    expect(await details.innerText()).toContain('bad_totp');

    // Export carries the same filters and returns the CSV with Chinese headers.
    const href = await attr(byTestId(page, 'audit-export'), 'href');
    expect(href).toContain('action=auth.login');
    expect(href).toContain('outcome=failure');
    const csv = await s.b.context.request.get(`${s.server.url}${href}`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain('序号');
    expect(text.trim().split('\n')).toHaveLength(3); // header + the two failures

    // --- 校验哈希链 → 完整 -------------------------------------------------------------------
    await byTestId(page, 'audit-verify').click();
    const result = byTestId(page, 'audit-verify-result');
    await result.waitFor();
    expect(await attr(result, 'data-ok')).toBe('true');
    expect(await result.innerText()).toContain('完整');

    expect(s.b.pageErrors).toEqual([]);
    expect(s.b.serverErrors).toEqual([]);
  });
});
