import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '@/i18n/t';

export interface ErrorBoundaryProps {
  children: ReactNode;
}

interface State {
  failed: boolean;
}

/** A page that throws while rendering (or whose code chunk fails to load) shows a notice, not a blank screen. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <Result
          status="error"
          title={t('app.crashedTitle')}
          subTitle={t('app.crashedText')}
          extra={
            <Button type="primary" onClick={() => window.location.reload()}>
              {t('app.reload')}
            </Button>
          }
        />
      );
    }
    return this.props.children;
  }
}
