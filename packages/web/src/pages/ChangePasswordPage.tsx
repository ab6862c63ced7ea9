import { Alert, Card, Flex } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useSession } from '@/features/auth/session';
import { ChangePasswordForm } from '@/features/auth/components/ChangePasswordForm';
import { t } from '@/i18n/t';
import { showSuccess } from '@/ui/feedback';
import { PageContainer } from '@/ui/PageContainer';
import { LAYOUT } from '@/ui/theme';

export function ChangePasswordPage() {
  const { me } = useSession();
  const navigate = useNavigate();
  const forced = me.session_stage === 'password_change';
  return (
    <PageContainer title={forced ? t('changePassword.forcedTitle') : t('changePassword.title')} testId="change-password-page">
      <Flex vertical gap="middle" style={{ maxWidth: LAYOUT.accountCardWidth }}>
        {forced ? <Alert type="warning" showIcon title={t('changePassword.forcedText')} data-testid="password-forced-notice" /> : null}
        <Card>
          <ChangePasswordForm
            username={me.username}
            onChanged={(next) => {
              showSuccess(t('changePassword.success'));
              // Next stage (TOTP enrolment) or the workbench; the guard decides.
              if (forced || next.session_stage !== 'full') void navigate('/', { replace: true });
            }}
          />
        </Card>
      </Flex>
    </PageContainer>
  );
}
