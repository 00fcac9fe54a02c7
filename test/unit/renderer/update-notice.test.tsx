// @vitest-environment happy-dom
/**
 * "Restart to update": the notice appears only when main reports a downloaded update, names
 * the version in the user's language, waits while a sync runs or edits are unsaved, and asks
 * main to install only on a click (main may still refuse; the reason is shown).
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import type { Language } from '@shared/i18n/languages';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { DatabaseProvider } from '../../../src-renderer/src/data/database-context';
import { SettingsRepository } from '../../../src-renderer/src/data/settings-repository';
import { getSyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import { UpdateNotice } from '../../../src-renderer/src/features/updates/UpdateNotice';
import {
  hasUnsavedEdits,
  setUnsavedEdits,
} from '../../../src-renderer/src/features/updates/unsaved-edits';
import { renderApp } from './render-app';
import type { UpdatesBridge } from '../../../src-renderer/src/features/updates/update-reporter';
import { createI18n } from '../../../src-renderer/src/i18n';
import { SettingsStoreProvider } from '../../../src-renderer/src/state/settings-context';
import { createSettingsStore } from '../../../src-renderer/src/state/settings-store';
import type { SyncStatus } from '../../../src-renderer/src/sync';
import { uniqueDbName } from './migration-harness';

const dbs: BridgeheadDatabase[] = [];
afterEach(async () => {
  cleanup();
  setUnsavedEdits('test-form', false);
  for (const db of dbs.splice(0)) {
    const sync = getSyncService(db);
    await sync.start();
    await sync.whenIdle();
    sync.stop();
    db.close();
  }
});

function fakeBridge(phase: 'idle' | 'ready' = 'ready') {
  let answer = { phase, version: phase === 'ready' ? '1.4.0' : null } as Awaited<
    ReturnType<UpdatesBridge['report']>
  >;
  const bridge = {
    report: vi.fn(async () => answer),
    install: vi.fn(async (): Promise<Awaited<ReturnType<UpdatesBridge['install']>>> => ({
      installing: true,
    })),
    setAnswer(next: typeof answer) {
      answer = next;
    },
  };
  return bridge;
}

async function renderNotice(bridge: UpdatesBridge, language: Language = 'en') {
  const db = new BridgeheadDatabase(uniqueDbName('update-notice'));
  dbs.push(db);
  const i18n = await createI18n({ language });
  const store = createSettingsStore(new SettingsRepository(db), {
    language,
    officeId: 'tokyo',
    timeZoneOverride: null,
  });
  render(
    <I18nextProvider i18n={i18n}>
      <DatabaseProvider db={db}>
        <SettingsStoreProvider store={store}>
          <UpdateNotice bridge={bridge} />
        </SettingsStoreProvider>
      </DatabaseProvider>
    </I18nextProvider>,
  );
  return { db, sync: getSyncService(db) };
}

describe('update notice', () => {
  it('says nothing while no update is ready, and reports what the renderer is doing', async () => {
    const bridge = fakeBridge('idle');
    await renderNotice(bridge);
    await waitFor(() =>
      expect(bridge.report).toHaveBeenCalledWith({
        hqUrl: null,
        syncing: false,
        unsavedEdits: false,
      }),
    );
    expect(screen.queryByTestId('update-notice')).toBeNull();
  });

  it('offers the restart with the version, in Japanese, and installs on a click when idle', async () => {
    const bridge = fakeBridge();
    await renderNotice(bridge, 'ja');
    const notice = await screen.findByTestId('update-notice');
    expect(notice.textContent).toContain(
      '新しいバージョン 1.4.0 をインストールする準備ができました。',
    );
    const button = screen.getByRole('button', { name: '再起動して更新' });
    expect(bridge.install).not.toHaveBeenCalled();
    await userEvent.setup().click(button);
    expect(bridge.install).toHaveBeenCalledWith({ syncing: false, unsavedEdits: false });
  });

  it('waits while edits are unsaved or a sync runs: the button is disabled and says why', async () => {
    const bridge = fakeBridge();
    const { sync } = await renderNotice(bridge);
    await screen.findByTestId('update-notice');
    act(() => setUnsavedEdits('test-form', true));
    expect(
      screen.getByText('Some edits are not saved yet. Save or close them first.'),
    ).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Restart to update' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await waitFor(() =>
      expect(bridge.report).toHaveBeenLastCalledWith({
        hqUrl: null,
        syncing: false,
        unsavedEdits: true,
      }),
    );
    act(() => setUnsavedEdits('test-form', false));
    act(() =>
      sync.store.setState({ status: { phase: 'syncing', pending: 3 } as unknown as SyncStatus }),
    );
    expect(screen.getByText('You can restart when the sync has finished.')).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Restart to update' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await waitFor(() =>
      expect(bridge.report).toHaveBeenLastCalledWith({
        hqUrl: null,
        syncing: true,
        unsavedEdits: false,
      }),
    );
    expect(bridge.install).not.toHaveBeenCalled();
  });

  it('shows main refusing (a sync started in the meantime), translated', async () => {
    const bridge = fakeBridge();
    bridge.install.mockResolvedValueOnce({ installing: false, reason: 'syncing' });
    await renderNotice(bridge, 'vi');
    const button = await screen.findByRole('button', { name: 'Khởi động lại để cập nhật' });
    await userEvent.setup().click(button);
    expect(await screen.findByText('Đang đồng bộ. Hãy thử lại khi đồng bộ xong.')).toBeTruthy();
  });

  it('the buyer form counts as unsaved edits once typed in, until the person leaves it', async () => {
    const app = await renderApp({ path: '/buyers/new', language: 'en' });
    dbs.push(app.db);
    const field = await screen.findByTestId('buyer-name-native');
    expect(hasUnsavedEdits()).toBe(false);
    await userEvent.setup().type(field, 'Yamada');
    await waitFor(() => expect(hasUnsavedEdits()).toBe(true));
    await act(() => app.router.navigate('/buyers'));
    await waitFor(() => expect(hasUnsavedEdits()).toBe(false));
  });
});
