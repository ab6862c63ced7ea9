/**
 * Username + password, then — when the server answers AUTH_TOTP_REQUIRED — the 6-digit code from the
 * authenticator app, resubmitted with the same credentials. Errors are shown in the form, in words.
 */
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { LoginRequest, type Me } from '@yiyang/core';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { t } from '@/i18n/t';
import { isApiError } from '@/lib/api';
import { zodRule } from '@/lib/zod-antd-rules';
import { errorText } from '@/ui/feedback';
import { useLogin } from '../api';

export interface LoginFormProps {
  onLoggedIn: (me: Me) => void;
}

interface Credentials {
  username: string;
  password: string;
}

const shape = LoginRequest.shape;

export function LoginForm({ onLoggedIn }: LoginFormProps) {
  const login = useLogin();
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(body: { username: string; password: string; totp_code?: string }) {
    setError(null);
    try {
      const { user } = await login.mutateAsync(body);
      onLoggedIn(user);
    } catch (e) {
      if (isApiError(e) && e.code === 'AUTH_TOTP_REQUIRED') {
        setCredentials({ username: body.username, password: body.password });
        return;
      }
      setError(errorText(e));
    }
  }

  const errorAlert = error ? <Alert type="error" showIcon title={error} data-testid="login-error" role="alert" /> : null;

  if (credentials) {
    return (
      <Form<{ totp_code: string }>
        layout="vertical"
        size="large"
        onFinish={(v) => void submit({ ...credentials, totp_code: v.totp_code.trim() })}
        data-testid="login-totp-form"
        requiredMark={false}
      >
        <Typography.Title level={5}>
          <SafetyOutlined /> {t('login.totpTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.totpHint')}</Typography.Paragraph>
        <Form.Item name="totp_code" label={t('login.totpLabel')} rules={[zodRule(shape.totp_code.unwrap(), t('login.totpPlaceholder'))]}>
          <Input
            autoFocus
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder={t('login.totpPlaceholder')}
            data-testid="login-totp"
          />
        </Form.Item>
        {errorAlert}
        <Form.Item style={{ marginTop: errorAlert ? undefined : 0 }}>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-totp-submit">
            {t('login.totpSubmit')}
          </Button>
        </Form.Item>
        <Button
          type="link"
          block
          onClick={() => {
            setCredentials(null);
            setError(null);
          }}
          data-testid="login-totp-back"
        >
          {t('login.totpBack')}
        </Button>
      </Form>
    );
  }

  return (
    <Form<Credentials>
      layout="vertical"
      size="large"
      onFinish={(v) => void submit({ username: v.username.trim(), password: v.password })}
      data-testid="login-form"
      requiredMark={false}
    >
      <Form.Item name="username" label={t('login.username')} rules={[zodRule(shape.username, t('login.usernamePlaceholder'))]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder={t('login.usernamePlaceholder')} data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[zodRule(shape.password, t('login.passwordPlaceholder'))]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder={t('login.passwordPlaceholder')} data-testid="login-password" />
      </Form.Item>
      {errorAlert}
      <Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
