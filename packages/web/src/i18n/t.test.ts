import { describe, expect, it } from 'vitest';
import { lookup, t } from './t';

describe('t', () => {
  it('reads nested keys and fills parameters', () => {
    expect(t('menu.users')).toBe('用户管理');
    expect(t('common.total', { total: 12 })).toBe('共 12 条');
    expect(t('users.initialPasswordText', { name: '张三', username: 'zs' })).toContain('“张三”（用户名 zs）');
  });

  it('looks up server codes, undefined when unknown', () => {
    expect(lookup('auditActions', 'auth.login')).toBe('登录');
    expect(lookup('errors', 'NO_SUCH_CODE')).toBeUndefined();
    expect(lookup('auditActions', 'toString')).toBeUndefined();
  });
});
