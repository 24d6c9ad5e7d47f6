import { GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from '../shared/auth.tsx';
import { ErrorBoundary } from '../shared/ErrorState.tsx';
import { useLanguage } from '../shared/i18n.tsx';
import { common, roleText } from '../shared/texts.ts';
import { navigation } from './navigation.ts';
import { PageLoading } from './PageLoading.tsx';

/** The frame of every signed-in page: header with the user and the language switch, the role's menu. */
export const Shell = () => {
  const { session, signOut } = useAuth();
  const { t, language, setLanguage } = useLanguage();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const items = navigation
    .filter((item) => item.roles.includes(session.user.role))
    .map((item) => ({ key: item.path, label: <Link to={item.path}>{t(item.label)}</Link> }));
  const selected = items
    .map((item) => item.key)
    .filter((key) => location.pathname === key || location.pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {t(common.appName)}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={selected}
          items={items}
          style={{ flex: 1, minWidth: 0 }}
          aria-label="menu"
        />
        <Space>
          <Typography.Text style={{ color: '#fff' }}>
            {session.user.name} · {t(roleText[session.user.role])}
          </Typography.Text>
          <Button
            icon={<GlobalOutlined />}
            onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
            aria-label={language === 'zh' ? 'Switch to English' : '切换到中文'}
          >
            {t(common.language)}
          </Button>
          <Button icon={<LogoutOutlined />} onClick={signOut}>
            {t(common.signOut)}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <ErrorBoundary fallbackTitle={t(common.somethingWrong)}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </Layout.Content>
    </Layout>
  );
};
