/**
 * The signed-in frame: side menu from the feature registry, header with the user, organisation and
 * region, and the account menu (修改密码, 动态验证码, 退出登录). While the session must first change
 * its password or bind TOTP (`limited`), there is no menu: only that page and logout.
 */
import {
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Grid, Layout, Menu, Typography, theme } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useLogout } from '@/features/auth/api';
import { useSession } from '@/features/auth/session';
import { t } from '@/i18n/t';
import { LAYOUT } from '@/ui/theme';
import { buildMenuItems, routeForPath, visibleRoutes } from './menu';
import { NavigationContext, type NavEntry } from './navigation';
import { MENU_GROUPS } from './routes';

export interface AppLayoutProps {
  limited: boolean;
  children: ReactNode;
}

export function AppLayout({ limited, children }: AppLayoutProps) {
  const { token } = theme.useToken();
  const session = useSession();
  const { me } = session;
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  // On a phone (narrower than AntD's md) the menu starts hidden and opens over the page.
  const narrow = Grid.useBreakpoint().md === false;
  const [collapsedChoice, setCollapsed] = useState<boolean | null>(null);
  const collapsed = collapsedChoice ?? narrow;

  const routes = useMemo(() => (limited ? [] : visibleRoutes(session)), [limited, session]);
  const menuItems = useMemo(() => buildMenuItems(routes), [routes]);
  const nav = useMemo<NavEntry[]>(
    () => routes.map((r) => ({ path: `/${r.path}`, labelKey: r.labelKey, icon: r.icon, quickLink: r.quickLink })),
    [routes],
  );
  const current = routeForPath(location.pathname);
  const selectedKeys = current ? [`/${current.path}`] : [];
  const [openKeys, setOpenKeys] = useState<string[]>(() => MENU_GROUPS.map((g) => `group:${g.key}`));

  function handleLogout() {
    logout.mutate();
  }

  const accountMenu = {
    items: [
      ...(limited
        ? []
        : [
            { key: 'password', icon: <KeyOutlined />, label: <span data-testid="user-menu-password">{t('header.changePassword')}</span> },
            { key: 'mfa', icon: <SafetyOutlined />, label: <span data-testid="user-menu-mfa">{t('header.mfa')}</span> },
            { type: 'divider' as const },
          ]),
      { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="user-menu-logout">{t('header.logout')}</span> },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'password') void navigate('/account/password');
      else if (key === 'mfa') void navigate('/account/mfa');
      else if (key === 'logout') handleLogout();
    },
  };

  const header = (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: token.margin,
        borderBottom: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
      }}
    >
      <Flex align="center" gap="small">
        {limited ? (
          <Typography.Text strong style={{ fontSize: token.fontSizeLG, color: token.colorPrimary }}>
            {t('app.fullName')}
          </Typography.Text>
        ) : (
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
            style={narrow ? { width: LAYOUT.touchTargetMin, height: LAYOUT.touchTargetMin } : undefined}
            data-testid="menu-toggle"
            aria-label={collapsed ? t('header.expand') : t('header.collapse')}
          />
        )}
      </Flex>
      <Flex align="center" gap="middle">
        {narrow ? null : (
          <Typography.Text type="secondary" data-testid="header-org">
            {t('header.orgAndRegion', { org: me.org.name, region: me.org.region_name })}
          </Typography.Text>
        )}
        <Dropdown menu={accountMenu} trigger={['click']} placement="bottomRight">
          <Button type="text" data-testid="user-menu-trigger">
            <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
            <span data-testid="header-user">{me.display_name}</span>
            <DownOutlined />
          </Button>
        </Dropdown>
      </Flex>
    </Layout.Header>
  );

  const content = (
    <Layout.Content style={{ padding: narrow ? token.paddingSM : token.paddingLG, minHeight: LAYOUT.contentMinHeight }}>{children}</Layout.Content>
  );

  if (limited) {
    return (
      <Layout style={{ minHeight: '100vh' }}>
        {header}
        {content}
      </Layout>
    );
  }

  return (
    <NavigationContext.Provider value={nav}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider
          width={LAYOUT.siderWidth}
          collapsedWidth={narrow ? 0 : LAYOUT.siderCollapsedWidth}
          collapsed={collapsed}
          trigger={null}
          style={{ position: narrow ? 'fixed' : 'sticky', top: 0, left: 0, zIndex: narrow ? token.zIndexPopupBase : undefined, height: '100vh', overflow: 'auto' }}
          data-testid="side-menu"
        >
          <Flex
            align="center"
            justify="center"
            style={{ height: LAYOUT.headerHeight, color: token.colorWhite, fontSize: token.fontSizeHeading4, fontWeight: token.fontWeightStrong }}
          >
            {collapsed ? t('app.name').slice(0, 1) : t('app.name')}
          </Flex>
          <Menu
            theme="dark"
            mode="inline"
            items={menuItems}
            selectedKeys={selectedKeys}
            openKeys={collapsed ? undefined : openKeys}
            onOpenChange={(keys) => setOpenKeys(keys)}
            onClick={() => {
              if (narrow) setCollapsed(true);
            }}
          />
        </Layout.Sider>
        <Layout>
          {header}
          {content}
        </Layout>
      </Layout>
    </NavigationContext.Provider>
  );
}
