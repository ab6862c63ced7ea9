/**
 * Route guard for everything but /login: no session → /login (remembering where the user was);
 * a session that must change its password or bind TOTP → that page, and nothing else.
 */
import { Button, Result, Spin } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import type { Permission } from '@yiyang/core';
import { useMe } from '@/features/auth/api';
import { SessionProvider, useSession } from '@/features/auth/session';
import { t } from '@/i18n/t';
import { ErrorBoundary } from '@/ui/ErrorBoundary';
import { errorText } from '@/ui/feedback';
import { FullPageSpin } from '@/ui/FullPageSpin';
import { AppLayout } from './AppLayout';

export const STAGE_PATHS = { password_change: '/account/password', mfa_enroll: '/account/mfa' } as const;

export function SessionGate() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <Result
        status="error"
        title={errorText(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.refresh')}
          </Button>
        }
      />
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;

  const stage = me.data.session_stage;
  if (stage !== 'full') {
    const required = STAGE_PATHS[stage];
    if (location.pathname !== required) return <Navigate to={required} replace />;
  }

  return (
    <SessionProvider me={me.data}>
      <AppLayout limited={stage !== 'full'}>
        <ErrorBoundary key={location.pathname}>
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </AppLayout>
    </SessionProvider>
  );
}

export interface RequirePermissionProps {
  permission: Permission | undefined;
  children: React.ReactNode;
}

/** A page the user's roles do not allow shows 403 instead of failing request by request. */
export function RequirePermission({ permission, children }: RequirePermissionProps) {
  const { can } = useSession();
  if (permission && !can(permission)) {
    return <Result status="403" title={t('app.forbiddenTitle')} subTitle={t('app.forbiddenText')} data-testid="forbidden" />;
  }
  return <>{children}</>;
}
