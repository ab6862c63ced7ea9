import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { LoginPage } from '@/pages/LoginPage';
import { NotFoundPage } from '@/pages/NotFoundPage';
import { FeedbackBridge } from '@/ui/feedback';
import { appTheme } from '@/ui/theme';
import { createQueryClient } from './query-client';
import { FEATURE_ROUTES, HOME_PATH, lazyPage } from './routes';
import { RequirePermission, SessionGate } from './SessionGate';

dayjs.locale('zh-cn');

const ChangePasswordPage = lazyPage(() => import('@/pages/ChangePasswordPage'), 'ChangePasswordPage');
const MfaPage = lazyPage(() => import('@/pages/MfaPage'), 'MfaPage');
const PublicCataloguePage = lazyPage(() => import('@/pages/PublicCataloguePage'), 'PublicCataloguePage');

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* The public list needs no login (issue 5 item 3). */}
      <Route path="/public/catalogue/:region?" element={<Suspense fallback={null}><PublicCataloguePage /></Suspense>} />
      <Route element={<SessionGate />}>
        <Route index element={<Navigate to={HOME_PATH} replace />} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="account/mfa" element={<MfaPage />} />
        {FEATURE_ROUTES.map((r) => (
          <Route
            key={r.path}
            path={r.path}
            element={
              <RequirePermission permission={r.permission}>
                <r.page />
              </RequirePermission>
            }
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider locale={zhCNLocale} theme={appTheme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
