/**
 * Password policy (issue #2; 等保 level 3): at least 10 characters from at least three of the
 * classes lower-case, upper-case, digit, symbol; not equal to the user name.
 */
export const PASSWORD_MIN_LENGTH = 10;

export type PasswordProblem = 'too_short' | 'too_few_classes' | 'contains_username' | 'too_long';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `密码至少${PASSWORD_MIN_LENGTH}位`,
  too_few_classes: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  contains_username: '密码不能包含用户名',
  too_long: '密码不能超过128位',
};

export function checkPassword(password: string, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > 128) problems.push('too_long');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('too_few_classes');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('contains_username');
  }
  return problems;
}
