import { Alert, Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { ApiFailure } from './api.ts';
import { useLanguage } from './i18n.tsx';
import { common } from './texts.ts';

/** An API error as an alert, in the user's language, with a retry when the caller offers one. */
export const ErrorAlert = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const { t } = useLanguage();
  const message = error instanceof ApiFailure || error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiFailure ? error.code : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={message}
      description={code}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t(common.retry)}
          </Button>
        ) : undefined
      }
    />
  );
};

/** Whatever a page throws while rendering ends here, never as a blank screen. */
export class ErrorBoundary extends Component<
  { children: ReactNode; fallbackTitle: string },
  { error?: Error }
> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <Result
          status="error"
          title={this.props.fallbackTitle}
          subTitle={this.state.error.message}
          extra={<Button onClick={() => this.setState({ error: undefined })}>↻</Button>}
        />
      );
    }
    return this.props.children;
  }
}
