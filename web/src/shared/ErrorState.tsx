import { Alert, Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { ApiFailure } from './api.ts';
import { localizeMessage } from './bilingual.ts';
import { useLanguage } from './i18n.tsx';
import { common } from './texts.ts';

/** An API error as an alert, in the user's language, with a retry when the caller offers one. */
/** The field-level problems a 400 carries (`details: [{ path, message }]`), when it carries them. */
const issuesOf = (error: unknown): { path: string; message: string }[] => {
  if (!(error instanceof ApiFailure) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((issue: unknown) => {
    const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
  });
};

export const ErrorAlert = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const { t, language } = useLanguage();
  const message = error instanceof ApiFailure || error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiFailure ? error.code : undefined;
  const issues = issuesOf(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={message}
      description={
        issues.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                {issue.path ? <code>{issue.path}</code> : null} {localizeMessage(issue.message, language)}
              </li>
            ))}
          </ul>
        ) : (
          code
        )
      }
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
