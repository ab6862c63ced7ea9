/**
 * Binding an authenticator app: generate a secret (POST /auth/totp/setup), show it as a QR code and
 * as text, then confirm with one 6-digit code (POST /auth/totp/enable).
 */
import { TotpCodeRequest, type Me } from '@yiyang/core';
import { Alert, Button, Collapse, Flex, Form, Input, QRCode, Steps, Typography } from 'antd';
import { useState } from 'react';
import { t } from '@/i18n/t';
import { zodRule } from '@/lib/zod-antd-rules';
import { errorText } from '@/ui/feedback';
import { LAYOUT } from '@/ui/theme';
import { useTotpEnable, useTotpSetup } from '../api';

export interface TotpEnrolmentProps {
  onEnabled: (me: Me) => void;
}

export function TotpEnrolment({ onEnabled }: TotpEnrolmentProps) {
  const setup = useTotpSetup();
  const enable = useTotpEnable();
  const [error, setError] = useState<string | null>(null);
  const secret = setup.data;

  async function handleConfirm(v: { code: string }) {
    setError(null);
    try {
      onEnabled(await enable.mutateAsync(v.code.trim()));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <Steps
      direction="vertical"
      current={secret ? 2 : 1}
      items={[
        { title: t('mfa.step1'), description: t('mfa.step1Text') },
        {
          title: t('mfa.step2'),
          description: (
            <Flex vertical gap="small" align="flex-start">
              <Typography.Text type="secondary">{t('mfa.step2Text')}</Typography.Text>
              {secret ? (
                <>
                  <QRCode value={secret.otpauth_url} size={LAYOUT.qrCodeSize} data-testid="mfa-qrcode" />
                  <Typography.Text>
                    {t('mfa.secret')}：
                    <Typography.Text code copyable={{ text: secret.secret }} data-testid="mfa-secret">
                      {secret.secret}
                    </Typography.Text>
                  </Typography.Text>
                  <Collapse
                    size="small"
                    items={[
                      {
                        key: 'url',
                        label: t('mfa.otpauthUrl'),
                        children: (
                          <Typography.Text copyable data-testid="mfa-otpauth-url" style={{ wordBreak: 'break-all' }}>
                            {secret.otpauth_url}
                          </Typography.Text>
                        ),
                      },
                    ]}
                  />
                  <Button size="small" onClick={() => setup.mutate()} loading={setup.isPending}>
                    {t('mfa.regenerate')}
                  </Button>
                </>
              ) : (
                <Button type="primary" onClick={() => setup.mutate()} loading={setup.isPending} data-testid="mfa-start">
                  {t('mfa.start')}
                </Button>
              )}
            </Flex>
          ),
        },
        {
          title: t('mfa.step3'),
          description: secret ? (
            <Form<{ code: string }> layout="inline" onFinish={(v) => void handleConfirm(v)} data-testid="mfa-confirm-form">
              <Flex vertical gap="small">
                <Typography.Text type="secondary">{t('mfa.step3Text')}</Typography.Text>
                <Flex gap="small" align="flex-start" wrap>
                  <Form.Item name="code" rules={[zodRule(TotpCodeRequest.shape.code, t('mfa.codePlaceholder'))]}>
                    <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('mfa.codePlaceholder')} data-testid="mfa-code" />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={enable.isPending} data-testid="mfa-confirm">
                    {t('mfa.confirm')}
                  </Button>
                </Flex>
                {error ? <Alert type="error" showIcon title={error} role="alert" data-testid="mfa-error" /> : null}
              </Flex>
            </Form>
          ) : (
            t('mfa.step3Text')
          ),
        },
      ]}
    />
  );
}
