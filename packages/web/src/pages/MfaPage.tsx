import { Alert, Card, Flex, Result, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useSession } from '@/features/auth/session';
import { TotpDisableForm } from '@/features/auth/components/TotpDisableForm';
import { TotpEnrolment } from '@/features/auth/components/TotpEnrolment';
import { t } from '@/i18n/t';
import { showSuccess } from '@/ui/feedback';
import { PageContainer } from '@/ui/PageContainer';
import { LAYOUT } from '@/ui/theme';

export function MfaPage() {
  const { me } = useSession();
  const navigate = useNavigate();
  const forced = me.session_stage === 'mfa_enroll';
  return (
    <PageContainer title={forced ? t('mfa.forcedTitle') : t('mfa.title')} testId="mfa-page">
      <Flex vertical gap="middle" style={{ maxWidth: LAYOUT.accountCardWidth }}>
        {forced ? <Alert type="warning" showIcon title={t('mfa.forcedText')} data-testid="mfa-forced-notice" /> : null}
        {me.mfa_enabled ? (
          <Card>
            <Result status="success" title={t('mfa.enabledTitle')} subTitle={t('mfa.enabledText')} data-testid="mfa-enabled" />
            {me.mfa_required ? (
              <Typography.Text type="secondary">{t('mfa.requiredByRole')}</Typography.Text>
            ) : (
              <Card size="small" title={t('mfa.disableTitle')}>
                <TotpDisableForm />
              </Card>
            )}
          </Card>
        ) : (
          <Card>
            <Flex vertical gap="middle">
              <Typography.Paragraph style={{ margin: 0 }}>{t('mfa.intro')}</Typography.Paragraph>
              <TotpEnrolment
                onEnabled={(next) => {
                  showSuccess(t('mfa.enabled'));
                  if (forced || next.session_stage !== 'full') void navigate('/', { replace: true });
                }}
              />
            </Flex>
          </Card>
        )}
      </Flex>
    </PageContainer>
  );
}
