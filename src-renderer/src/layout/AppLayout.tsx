import { EnvironmentOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Alert, App, Button, Layout, Menu, Space, type MenuProps } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate, useNavigationType } from 'react-router';
import { navKeyOf, navScreens } from '../screens/registry';
import { useSettings } from '../state/settings-context';
import { findOffice } from '../state/settings-store';
import { useStorageAvailable } from '../state/storage-status';
import { useUiStore } from '../state/ui-store';
import { BrandMark } from './BrandMark';
import { LanguageSwitcher } from './LanguageSwitcher';
import { SyncStatusBadge, useIsHqDevice } from '../features/sync-ui';
import { LockButton } from '../features/lock';
import { BookingReminders } from '../features/bookings';
import { UpdateNotice } from '../features/updates';

export function AppLayout() {
  const { t } = useTranslation(['common', 'nav']);
  const navigate = useNavigate();
  const { pathname, key: locationKey } = useLocation();
  const mainRef = useRef<HTMLDivElement>(null);
  const collapsed = useUiStore((s) => s.navCollapsed);
  const setCollapsed = useUiStore((s) => s.setNavCollapsed);
  const language = useSettings((s) => s.language);
  const office = findOffice(useSettings((s) => s.officeId));
  const officeChosen = useSettings((s) => s.officeChosen);
  const storageAvailable = useStorageAvailable();
  const isHqDevice = useIsHqDevice();
  const current = navKeyOf(pathname, isHqDevice);
  const { message } = App.useApp();
  const navigationType = useNavigationType();

  // A new screen opens at its top: the window kept the last screen's scroll, so a screen
  // opened after a long one showed its title cut off (HQ's codes after a new code).
  useEffect(() => {
    window.scrollTo?.(0, 0);
  }, [pathname]);

  // A person who goes to another screen (the navigation, Back) meets no toast about the last
  // one: "Saved" over a screen where nothing was saved is noise. A screen that saves and then
  // opens another (a new buyer's page) keeps its toast: that navigation is a PUSH.
  // Only on a navigation itself: the effect also re-runs when `message` changes (a language
  // change re-creates it), and then destroyed the "Saved" that the change had just shown.
  const toastsClearedAt = useRef(locationKey);
  useEffect(() => {
    if (toastsClearedAt.current === locationKey) return;
    toastsClearedAt.current = locationKey;
    if (navigationType === 'POP') message.destroy();
  }, [locationKey, navigationType, message]);

  const items: MenuProps['items'] = navScreens(isHqDevice).map(({ id, icon: Icon }) => ({
    key: id,
    icon: <Icon aria-hidden />,
    label: t(`nav:${id}`),
    // rc-menu passes unknown props to the <li>: the e2e tests find items by these ids.
    ...{ 'data-testid': `nav-${id}` },
  }));

  return (
    <Layout className="bh-shell">
      {/* Booking reminders fire on every screen, not only on the scheduling ones. */}
      <BookingReminders language={language} />
      <a
        className="bh-skip-link"
        href="#main-content"
        onClick={(event) => {
          // The hash is the router's: move focus without navigating.
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <Layout.Sider
        className="bh-sider"
        width={248}
        collapsedWidth={64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        trigger={null}
      >
        <div className="bh-brand">
          <BrandMark />
          {!collapsed && (
            <div className="bh-brand-text">
              <span className="bh-brand-name">{t('appName')}</span>
              <span className="bh-brand-tagline">{t('appTagline')}</span>
            </div>
          )}
        </div>
        <nav aria-label={t('mainNavigation')}>
          <Menu
            className="bh-nav"
            mode="inline"
            selectedKeys={[current]}
            items={items}
            onClick={({ key }) => {
              message.destroy();
              navigate(`/${key}`);
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="bh-header">
          <Button
            type="text"
            className="bh-collapse"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            aria-label={collapsed ? t('expandNavigation') : t('collapseNavigation')}
            aria-expanded={!collapsed}
            onClick={() => setCollapsed(!collapsed)}
          />
          <div className="bh-office" data-testid="header-office">
            <EnvironmentOutlined aria-hidden className="bh-office-icon" />
            <span className="bh-office-label">{t('office')}</span>
            <span className="bh-office-name">
              {officeChosen ? office.names[language] : t('officeNotChosen')}
            </span>
          </div>
          <div className="bh-header-actions">
            <SyncStatusBadge />
            <LanguageSwitcher />
            <LockButton />
          </div>
        </Layout.Header>
        {/* antd's Layout.Content is itself the <main> landmark: the one per page. */}
        <Layout.Content className="bh-content">
          <div id="main-content" ref={mainRef} tabIndex={-1} className="bh-main">
            {!storageAvailable && (
              <Alert
                className="bh-storage-alert"
                type="warning"
                showIcon
                title={t('errors:storage.unavailable')}
              />
            )}
            {!officeChosen && current !== 'settings' && current !== 'sync' && (
              <Alert
                className="bh-storage-alert"
                type="info"
                showIcon
                data-testid="first-start"
                title={t('firstStart.title')}
                description={t('firstStart.body')}
                action={
                  <Space orientation="vertical">
                    <Button type="primary" size="small" onClick={() => navigate('/settings')}>
                      {t('firstStart.chooseOffice')}
                    </Button>
                    <Button size="small" onClick={() => navigate('/sync')}>
                      {t('firstStart.link')}
                    </Button>
                  </Space>
                }
              />
            )}
            <UpdateNotice />
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
