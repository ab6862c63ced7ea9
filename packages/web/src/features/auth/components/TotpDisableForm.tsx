import { Alert, Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { t } from '@/i18n/t';
import { errorText, showSuccess } from '@/ui/feedback';
import { useTotpDisable } from '../api';

/** Switch the second factor off, after re-entering the password. */
export function TotpDisableForm() {
  const disable = useTotpDisable();
  const [error, setError] = useState<string | null>(null);
  return (
    <Form<{ password: string }>
      layout="vertical"
      onFinish={(v) => {
        setError(null);
        disable.mutate(v.password, {
          onSuccess: () => showSuccess(t('mfa.disabled')),
          onError: (e) => setError(errorText(e)),
        });
      }}
      data-testid="mfa-disable-form"
    >
      <Flex vertical gap="small">
        <Form.Item name="password" label={t('mfa.disablePassword')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="mfa-disable-password" />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
        <Button danger htmlType="submit" loading={disable.isPending} data-testid="mfa-disable-submit">
          {t('mfa.disableSubmit')}
        </Button>
      </Flex>
    </Form>
  );
}
