import { CreateOrganisation, CreateUser } from '@yiyang/core';
import type { RuleObject } from 'antd/es/form';
import { describe, expect, it } from 'vitest';
import { zodRule } from './zod-antd-rules';

async function check(rule: ReturnType<typeof zodRule>, value: unknown): Promise<string | null> {
  const validator = (rule as RuleObject).validator!;
  try {
    await validator({} as RuleObject, value, () => undefined);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('zodRule', () => {
  it('uses the shared schema and its Chinese message', async () => {
    const rule = zodRule(CreateUser.shape.username, '必填');
    expect(await check(rule, 'zhang_san')).toBeNull();
    expect(await check(rule, '1abc')).toBe('用户名为3-32位字母、数字、下划线，以字母开头');
    expect(await check(rule, '')).toBe('必填');
  });

  it('lets an optional field stay empty', async () => {
    const rule = zodRule(CreateOrganisation.shape.unified_credit_code, '必填');
    expect(await check(rule, '')).toBeNull();
    expect(await check(rule, undefined)).toBeNull();
    expect(await check(rule, 'bad')).toBe('统一社会信用代码格式不正确');
  });

  it('reports an empty required list with the required message', async () => {
    expect(await check(zodRule(CreateUser.shape.roles, '至少选择一个角色'), [])).toBe('至少选择一个角色');
  });
});
