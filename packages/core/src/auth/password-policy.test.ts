import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy';

describe('checkPassword', () => {
  it('accepts 10+ characters of three classes', () => {
    expect(checkPassword('Abcdefgh12')).toEqual([]);
    expect(checkPassword('abcdefgh1!')).toEqual([]);
  });
  it('rejects short or two-class passwords', () => {
    expect(checkPassword('Abc12!')).toContain('too_short');
    expect(checkPassword('abcdefghij12')).toContain('too_few_classes');
  });
  it('rejects a password containing the user name', () => {
    expect(checkPassword('Zhangsan-2025', 'zhangsan')).toContain('contains_username');
  });
});
