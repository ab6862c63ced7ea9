/**
 * Messages and notifications outside React components (query error handlers) use the AntD `App`
 * instance captured by `<FeedbackBridge />`, so they follow the theme and locale.
 */
import { App } from 'antd';
import { useEffect } from 'react';
import { lookup, t } from '@/i18n/t';
import { isApiError } from '@/lib/api';

type AppApi = ReturnType<typeof App.useApp>;

let current: AppApi | null = null;

export function FeedbackBridge(): null {
  const app = App.useApp();
  useEffect(() => {
    current = app;
    return () => {
      if (current === app) current = null;
    };
  }, [app]);
  return null;
}

/** Text for an error: by code from the dictionary, else the server's Chinese message. */
export function errorText(err: unknown): string {
  if (isApiError(err)) {
    return lookup('errors', err.code) ?? (err.message || t('errors.UNKNOWN'));
  }
  return t('errors.UNKNOWN');
}

export function showError(err: unknown): void {
  const text = errorText(err);
  if (current) current.message.error(text);
  else console.error(text, err);
}

export function showSuccess(text: string): void {
  current?.message.success(text);
}
