import { Alert, Card, Flex, Typography, theme } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { LOGGED_OUT_PARAM, useMe } from '@/features/auth/api';
import { LoginForm } from '@/features/auth/components/LoginForm';
import { t } from '@/i18n/t';
import { LAYOUT } from '@/ui/theme';

/** Where to go after login: the page that sent the user here, if it is one of ours. */
function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export function LoginPage() {
  const { token } = theme.useToken();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const target = redirectTarget(location.state);
  const loggedOut = new URLSearchParams(location.search).has(LOGGED_OUT_PARAM);

  if (me.data) return <Navigate to={target} replace />;

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      gap="large"
      style={{ minHeight: '100vh', background: token.colorBgLayout, padding: token.paddingLG }}
      data-testid="login-page"
    >
      <Flex vertical align="center">
        <Typography.Title level={2} style={{ margin: 0, color: token.colorPrimary }}>
          {t('app.fullName')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
      </Flex>
      {loggedOut ? (
        <Alert type="success" showIcon title={t('header.loggedOut')} style={{ width: LAYOUT.loginCardWidth, maxWidth: '100%' }} data-testid="logged-out-notice" />
      ) : null}
      <Card title={t('login.title')} style={{ width: LAYOUT.loginCardWidth, maxWidth: '100%' }}>
        <LoginForm onLoggedIn={() => void navigate(target, { replace: true })} />
      </Card>
      <Typography.Text type="secondary" style={{ maxWidth: LAYOUT.loginCardWidth, textAlign: 'center' }}>
        {t('app.browserTip')}
      </Typography.Text>
    </Flex>
  );
}
