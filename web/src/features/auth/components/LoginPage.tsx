import { Button, Card, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { homeOf } from '../../../app/navigation.ts';
import { useAuth } from '../../../shared/auth.tsx';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { common, roleText } from '../../../shared/texts.ts';
import { useDemoAccounts } from '../api/demo-users.ts';
import { type HostedUiConfig, hostedSignInUrl, useHostedUiConfig } from '../hosted-ui.ts';

const texts = {
  demoAccounts: { zh: '演示账号（密码均为 demo）', en: 'Demo accounts (password: demo)' },
  useAccount: { zh: '以此账号登录', en: 'Sign in as this account' },
  hostedTitle: { zh: '统一身份认证', en: 'Single sign-on' },
  hostedHint: {
    zh: '使用平台为您开通的账号登录（含多因素认证）。',
    en: 'Sign in with the account the platform issued to you (with multi-factor authentication).',
  },
  hostedButton: { zh: '使用统一身份认证登录', en: 'Sign in with single sign-on' },
};

const LoginPage = () => {
  const { session, signIn } = useAuth();
  const { t, language, setLanguage } = useLanguage();
  const navigate = useNavigate();
  const location = useLocation();
  const demo = useDemoAccounts();
  const hostedUi = useHostedUiConfig();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (session) return <Navigate to={homeOf(session.user.role)} replace />;

  const submit = async (username: string, password: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ maxWidth: 720, margin: '40px auto', padding: 16 }}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t(common.appName)}
          </Typography.Title>
          <Button onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>{t(common.language)}</Button>
        </Space>
        {hostedUi.data ? (
          <Card title={t(texts.hostedTitle)}>
            <Typography.Paragraph type="secondary">{t(texts.hostedHint)}</Typography.Paragraph>
            <Button
              type="primary"
              size="large"
              onClick={async () => {
                const from = (location.state as { from?: string } | null)?.from ?? '/';
                window.location.assign(
                  await hostedSignInUrl(hostedUi.data as HostedUiConfig, window.location.origin, from),
                );
              }}
            >
              {t(texts.hostedButton)}
            </Button>
          </Card>
        ) : null}
        {/* The password form signs in the local cloud's demo accounts; a deployment signs in above. */}
        {hostedUi.data ? null : (
          <Card title={t(common.signIn)}>
            <Form
              layout="vertical"
              onFinish={(values: { username: string; password: string }) =>
                submit(values.username, values.password)
              }
            >
              <Form.Item label={t(common.username)} name="username" rules={[{ required: true }]}>
                <Input autoComplete="username" />
              </Form.Item>
              <Form.Item label={t(common.password)} name="password" rules={[{ required: true }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              {error ? <ErrorAlert error={error} /> : null}
              <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }}>
                {t(common.signIn)}
              </Button>
            </Form>
          </Card>
        )}
        {demo.data ? (
          <Card title={t(texts.demoAccounts)}>
            <List
              dataSource={demo.data.items}
              renderItem={(account) => (
                <List.Item
                  actions={[
                    <Button
                      key="use"
                      aria-label={`${t(texts.useAccount)} ${account.username}`}
                      onClick={() => submit(account.username, demo.data.password)}
                    >
                      {account.username}
                    </Button>,
                  ]}
                >
                  <Space>
                    <span>{account.name}</span>
                    <Tag>{t(roleText[account.role])}</Tag>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        ) : null}
      </Space>
    </main>
  );
};
export default LoginPage;
