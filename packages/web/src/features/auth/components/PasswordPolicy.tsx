/** The password rules (core's checkPassword), each ticked live as the user types. */
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { checkPassword, type PasswordProblem } from '@yiyang/core';
import { Flex, Typography, theme } from 'antd';
import { t } from '@/i18n/t';

const SHOWN: PasswordProblem[] = ['too_short', 'too_few_classes', 'contains_username'];

export interface PasswordPolicyProps {
  password: string;
  username: string;
}

export function PasswordPolicy({ password, username }: PasswordPolicyProps) {
  const { token } = theme.useToken();
  const problems = new Set(checkPassword(password, username));
  return (
    <Flex vertical gap="small" data-testid="password-policy">
      <Typography.Text strong>{t('passwordPolicy.title')}</Typography.Text>
      {SHOWN.map((rule) => {
        const ok = password.length > 0 && !problems.has(rule);
        return (
          <Flex key={rule} gap="small" align="center" data-testid={`password-rule-${rule}`} data-ok={String(ok)}>
            {ok ? (
              <CheckCircleFilled style={{ color: token.colorSuccess }} aria-hidden />
            ) : (
              <CloseCircleOutlined style={{ color: token.colorTextTertiary }} aria-hidden />
            )}
            {/* Met or not is also said in words, not by colour alone. */}
            <Typography.Text>
              {t(`passwordPolicy.${rule}`)}
              <Typography.Text type={ok ? 'success' : 'secondary'}>
                {ok ? t('passwordPolicy.met') : password ? t('passwordPolicy.notMet') : ''}
              </Typography.Text>
            </Typography.Text>
          </Flex>
        );
      })}
    </Flex>
  );
}

/** Problems of a new password as dictionary texts (for the form rule). */
export function passwordProblemTexts(password: string, username: string): string[] {
  return checkPassword(password, username).map((p) => t(`passwordPolicy.${p}`));
}
