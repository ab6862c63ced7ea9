import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { Me } from '@yiyang/core';
import { t } from '@/i18n/t';
import { errorText } from '@/ui/feedback';
import { useChangePassword } from '../api';
import { PasswordPolicy, passwordProblemTexts } from './PasswordPolicy';

export interface ChangePasswordFormProps {
  username: string;
  onChanged: (me: Me) => void;
}

interface Values {
  current_password: string;
  new_password: string;
  confirm: string;
}

export function ChangePasswordForm({ username, onChanged }: ChangePasswordFormProps) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [error, setError] = useState<string | null>(null);
  const next = Form.useWatch('new_password', form) ?? '';

  async function handleFinish(v: Values) {
    setError(null);
    try {
      const me = await change.mutateAsync({ current_password: v.current_password, new_password: v.new_password });
      form.resetFields();
      onChanged(me);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)} data-testid="change-password-form">
      <Form.Item
        name="current_password"
        label={t('changePassword.current')}
        extra={t('changePassword.currentHint')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="new_password"
        label={t('changePassword.next')}
        rules={[
          { required: true, message: t('common.required') },
          {
            validator: async (_r, value: string | undefined) => {
              const problems = passwordProblemTexts(value ?? '', username);
              if (problems.length) throw new Error(t('passwordPolicy.invalid', { problems: problems.join('；') }));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item>
        <PasswordPolicy password={next} username={username} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('changePassword.confirm')}
        dependencies={['new_password']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: async (_r, value: string | undefined) => {
              if (value && value !== getFieldValue('new_password')) throw new Error(t('changePassword.confirmMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      {error ? (
        <Form.Item>
          <Alert type="error" showIcon title={error} role="alert" data-testid="password-error" />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
        {t('changePassword.submit')}
      </Button>
    </Form>
  );
}
