// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bootstrap } from '../../../src-renderer/src/bootstrap';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  SettingsError,
  SettingsRepository,
} from '../../../src-renderer/src/data/settings-repository';
import type { BridgeheadApi } from '../../../src-renderer/src/platform/bridge';
import { uniqueDbName } from './migration-harness';
import { renderApp } from './render-app';

const NAV_IDS = ['buyers', 'talks', 'missions', 'interpreters', 'vehicles', 'sync', 'settings'];

let consoleErrors: unknown[][];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  delete window.bridgehead;
  document.documentElement.lang = '';
  window.location.hash = '';
});

/** Opens an antd Select and picks the option whose rendered element has the test id / selector. */
async function pick(
  user: ReturnType<typeof userEvent.setup>,
  selectTestId: string,
  option: () => HTMLElement,
) {
  const select = screen.getByTestId(selectTestId);
  await user.click(within(select).getByRole('combobox'));
  const target = await waitFor(option);
  await user.click(target);
}

describe('app shell', () => {
  it('starts without the preload bridge, in the browser language, on the buyers screen', async () => {
    expect(window.bridgehead).toBeUndefined();
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ja-JP', 'en-US']);
    const container = document.createElement('div');
    document.body.append(container);
    window.location.hash = '';
    const root = await bootstrap(container, { databaseName: uniqueDbName('boot') });

    const buyers = await screen.findByTestId('screen-buyers');
    expect(within(buyers).getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(within(buyers).getByRole('heading', { level: 1 }).textContent).toBe('バイヤー');
    expect(document.documentElement.lang).toBe('ja');
    for (const id of NAV_IDS) expect(screen.getByTestId(`nav-${id}`)).toBeTruthy();
    expect(window.location.hash).toBe('#/buyers');
    root.unmount();
    container.remove();
    expect(consoleErrors).toEqual([]);
  });

  it('gives every screen one translated h1', async () => {
    const user = userEvent.setup();
    const { router } = await renderApp({ language: 'ko' });
    const titles: string[] = [];
    for (const id of NAV_IDS) {
      await user.click(screen.getByTestId(`nav-${id}`));
      const root = await screen.findByTestId(`screen-${id}`);
      expect(router.state.location.pathname).toBe(`/${id}`);
      const headings = within(root).getAllByRole('heading', { level: 1 });
      expect(headings).toHaveLength(1);
      titles.push(headings[0]!.textContent ?? '');
    }
    expect(titles).toEqual([
      '바이어',
      '수출상담',
      '무역사절단',
      '통역원',
      '차량',
      '동기화 및 도청 본청',
      '설정',
    ]);
    expect(consoleErrors).toEqual([]);
    // Seven screens rendered in turn: more than the default 30 s on a loaded 2-core machine.
  }, 90_000);

  it('switches language from the header: <html lang>, navigation labels and the native menu follow', async () => {
    const setLanguage = vi.fn(async (language: string) => ({ language }));
    window.bridgehead = { setLanguage } as unknown as BridgeheadApi;
    const user = userEvent.setup();
    const { repository } = await renderApp({ language: 'en' });
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(screen.getByTestId('nav-buyers').textContent).toContain('Buyers');

    await pick(user, 'language-switcher', () => screen.getByTestId('language-option-zh-CN'));

    await waitFor(() => expect(document.documentElement.lang).toBe('zh-CN'));
    expect(screen.getByTestId('nav-buyers').textContent).toContain('采购商');
    expect(screen.getByTestId('nav-talks').textContent).toContain('贸易洽谈');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('采购商');
    expect(setLanguage).toHaveBeenLastCalledWith('zh-CN');
    await waitFor(async () => expect(await repository.get('language')).toBe('zh-CN'));
    expect(consoleErrors).toEqual([]);
  });

  it('persists settings chosen on the settings screen through Dexie', async () => {
    const user = userEvent.setup();
    const { dbName, unmount } = await renderApp({ path: '/settings', language: 'en' });
    await screen.findByTestId('screen-settings');

    await pick(user, 'settings-office', () =>
      document.querySelector<HTMLElement>('[data-office="losangeles"]')!,
    );
    await waitFor(() =>
      expect(screen.getByTestId('settings-office').textContent).toContain('Los Angeles Office'),
    );
    // The preview follows the office: its zone and its currency.
    await waitFor(() =>
      expect(screen.getByTestId('preview-money').textContent).toBe('$1,234,567.89'),
    );
    expect(screen.getByTestId('preview-utcOffset').textContent).toMatch(/^UTC-0[78]:00$/);
    // One sample figure in every row: the compact form is that number, not another one.
    expect(screen.getByTestId('preview-number').textContent).toBe('1,234,567.891');
    expect(screen.getByTestId('preview-compact').textContent).toBe('1.2M');
    // Tokyo's yen to an English reader: by code, a bare ¥ could be yuan.
    await pick(user, 'settings-office', () =>
      document.querySelector<HTMLElement>('[data-office="tokyo"]')!,
    );
    await waitFor(() =>
      expect(screen.getByTestId('preview-money').textContent).toMatch(/^JPY\s1,234,568$/),
    );
    await pick(user, 'settings-office', () =>
      document.querySelector<HTMLElement>('[data-office="losangeles"]')!,
    );
    await waitFor(() =>
      expect(screen.getByTestId('preview-money').textContent).toBe('$1,234,567.89'),
    );

    await pick(user, 'settings-language', () =>
      document.querySelector<HTMLElement>('[data-language="vi"]')!,
    );
    await waitFor(() => expect(document.documentElement.lang).toBe('vi'));
    unmount();

    // A new repository over the same database, as after a restart.
    const reopened = new SettingsRepository(new BridgeheadDatabase(dbName));
    await waitFor(async () =>
      expect(await reopened.getAll()).toEqual({ officeId: 'losangeles', language: 'vi' }),
    );
    expect(consoleErrors).toEqual([]);
  });

  it("opens each screen at its top, not at the last screen's scroll (issue 16)", async () => {
    const { router } = await renderApp({ path: '/settings', language: 'en' });
    await screen.findByTestId('screen-settings');
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    await router.navigate('/sync');
    await waitFor(() => expect(scrollTo).toHaveBeenCalledWith(0, 0));
    scrollTo.mockClear();
    // Only the screen's own address changing (a view of the same screen) keeps the place.
    await router.navigate('/sync?tab=x');
    await new Promise((r) => setTimeout(r, 50));
    expect(scrollTo).not.toHaveBeenCalled();
  });

  it('says Saved in the language just chosen (issue 16)', async () => {
    const user = userEvent.setup();
    await renderApp({ path: '/settings', language: 'en' });
    await screen.findByTestId('screen-settings');
    await pick(user, 'settings-language', () =>
      document.querySelector<HTMLElement>('[data-language="ja"]')!,
    );
    const toast = await waitFor(() => {
      const node = document.querySelector<HTMLElement>('.ant-message-notice');
      if (!node) throw new Error('no toast yet');
      return node;
    });
    expect(toast.textContent).toBe('保存しました');
    // Where it shows (the navigation's empty foot, over neither the header, the screen's
    // title nor its content) is measured in Chromium: test/e2e/sweep.e2e.ts.

    // Another language: the Japanese toast leaves, "Saved" says it in Vietnamese alone.
    await pick(user, 'settings-language', () =>
      document.querySelector<HTMLElement>('[data-language="vi"]')!,
    );
    await waitFor(() =>
      expect(
        [...document.querySelectorAll('.ant-message-notice')].map((n) => n.textContent),
      ).toEqual(['Đã lưu']),
    );
    // Another screen from the navigation: no toast about this one.
    await user.click(screen.getByTestId('nav-sync'));
    await screen.findByTestId('screen-sync');
    await waitFor(() => expect(document.querySelectorAll('.ant-message-notice')).toHaveLength(0));
    expect(consoleErrors).toEqual([]);
  });

  it('a setting that could not be stored is not shown as chosen, and says so (issue 16)', async () => {
    const user = userEvent.setup();
    const { repository } = await renderApp({ path: '/settings', language: 'ko' });
    await screen.findByTestId('screen-settings');
    vi.spyOn(repository, 'set').mockRejectedValue(
      new SettingsError('storage.save_failed', 'language: QuotaExceededError'),
    );
    await pick(user, 'settings-language', () =>
      document.querySelector<HTMLElement>('[data-language="vi"]')!,
    );
    const toast = await waitFor(() => {
      const node = document.querySelector<HTMLElement>('.ant-message-notice');
      if (!node) throw new Error('no toast yet');
      return node;
    });
    expect(toast.textContent).toBe('설정을 저장하지 못했습니다.');
    expect(screen.getByTestId('settings-language').textContent).toContain('한국어');
    expect(document.documentElement.lang).toBe('ko');
    expect(await repository.get('language')).toBeUndefined();
  });

  it('restores the stored language and office at startup', async () => {
    const dbName = uniqueDbName('restore');
    const repository = new SettingsRepository(new BridgeheadDatabase(dbName));
    await repository.set('language', 'vi');
    await repository.set('officeId', 'hochiminh');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    const container = document.createElement('div');
    document.body.append(container);
    const root = await bootstrap(container, { databaseName: dbName });
    await screen.findByTestId('screen-buyers');
    expect(document.documentElement.lang).toBe('vi');
    expect(screen.getByTestId('header-office').textContent).toContain('Văn phòng TP. Hồ Chí Minh');
    root.unmount();
    container.remove();
  });

  it('uses the OS language from the bridge when there is one', async () => {
    window.bridgehead = {
      getOsLocale: async () => ({ languages: ['ko-KR'] }),
      setLanguage: async (language: string) => ({ language }),
      // In Electron the data key comes from main (safeStorage); any 32 bytes serve here.
      dataKey: { get: async () => btoa('k'.repeat(32)), clear: async () => {} },
    } as unknown as BridgeheadApi;
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    const container = document.createElement('div');
    document.body.append(container);
    const root = await bootstrap(container, { databaseName: uniqueDbName('os') });
    await screen.findByTestId('screen-buyers');
    expect(document.documentElement.lang).toBe('ko');
    root.unmount();
    container.remove();
  });
});
