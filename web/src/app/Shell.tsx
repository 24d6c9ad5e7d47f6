import { GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { hostedSignOutUrl, useHostedUiConfig } from '../features/auth/hosted-ui.ts';
import { useAuth } from '../shared/auth.tsx';
import { ErrorBoundary } from '../shared/ErrorState.tsx';
import { useLanguage } from '../shared/i18n.tsx';
import { common, roleText } from '../shared/texts.ts';
import { groupLabels, type NavigationItem, navigation } from './navigation.ts';
import { PageLoading } from './PageLoading.tsx';

/** The frame of every signed-in page: header with the user and the language switch, the role's menu. */
export const Shell = () => {
  const { session, signOut } = useAuth();
  const { t, language, setLanguage } = useLanguage();
  const location = useLocation();
  // Below the md breakpoint (phones) the menu folds into one button and the header keeps to icons.
  const narrow = Grid.useBreakpoint().md === false;
  const hostedUi = useHostedUiConfig();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const allowed = navigation.filter((item) => item.roles.includes(session.user.role));
  const link = (item: NavigationItem) => ({
    key: item.path,
    label: <Link to={item.path}>{t(item.label)}</Link>,
  });
  const groups = [...new Set(allowed.flatMap((item) => (item.group ? [item.group] : [])))];
  const items = [
    ...allowed.filter((item) => !item.group).map(link),
    ...groups.map((group) => ({
      key: group,
      label: t(groupLabels[group]),
      children: allowed.filter((item) => item.group === group).map(link),
    })),
  ];
  const selected = allowed
    .map((item) => item.path)
    .filter((key) => location.pathname === key || location.pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: narrow ? 8 : 16,
          paddingInline: narrow ? 8 : 16,
        }}
      >
        {narrow ? (
          <Dropdown trigger={['click']} menu={{ items, selectedKeys: selected }}>
            <Button icon={<MenuOutlined />} aria-label={t(common.menu)} />
          </Dropdown>
        ) : null}
        <Typography.Text
          strong
          style={{ color: '#fff', whiteSpace: 'nowrap', flex: narrow ? 1 : undefined, minWidth: 0 }}
          ellipsis
        >
          {t(narrow ? common.appShortName : common.appName)}
        </Typography.Text>
        {narrow ? null : (
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={selected}
            items={items}
            style={{ flex: 1, minWidth: 0 }}
            aria-label={t(common.menu)}
          />
        )}
        <Space>
          <Button
            icon={<GlobalOutlined />}
            onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
            aria-label={language === 'zh' ? 'Switch to English' : '切换到中文'}
          >
            {narrow ? null : t(common.language)}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'who',
                  label: `${session.user.name} · ${t(roleText[session.user.role])}`,
                  disabled: true,
                },
                { type: 'divider' },
                {
                  key: 'sign-out',
                  icon: <LogoutOutlined />,
                  label: t(common.signOut),
                  onClick: () => {
                    signOut();
                    // Without this the hosted UI would sign the next person straight back in.
                    if (hostedUi.data)
                      window.location.assign(hostedSignOutUrl(hostedUi.data, window.location.origin));
                  },
                },
              ],
            }}
          >
            <Button icon={<UserOutlined />} aria-label={`${t(common.account)}: ${session.user.name}`}>
              {narrow ? null : (
                <span
                  style={{
                    maxWidth: 160,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                  }}
                >
                  {session.user.name}
                </span>
              )}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: narrow ? 8 : 16, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <ErrorBoundary fallbackTitle={t(common.somethingWrong)}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </Layout.Content>
    </Layout>
  );
};
