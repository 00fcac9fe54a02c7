// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootstrap } from '../../../src-renderer/src/bootstrap';
import type { BridgeheadApi } from '../../../src-renderer/src/platform/bridge';
import { uniqueDbName } from './migration-harness';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  delete window.bridgehead;
});

describe('no data key, no personal data (issue 14)', () => {
  it.each([
    ['IPC_DATA_KEY_UNAVAILABLE', 'no working system keychain'],
    ['IPC_DATA_KEY_UNREADABLE', 'can no longer open the key'],
  ])('main refuses (%s): the app says why and opens no database', async (code, reason) => {
    window.bridgehead = {
      getOsLocale: async () => ({ languages: ['en-US'] }),
      dataKey: {
        get: () => Promise.reject(new Error(`Error invoking remote method: Error: ${code}`)),
        clear: async () => {},
      },
    } as unknown as BridgeheadApi;
    const name = uniqueDbName('refused');
    const container = document.createElement('div');
    document.body.append(container);
    const root = await bootstrap(container, { databaseName: name });
    await screen.findByText('Bridgehead cannot start on this computer');
    expect(container.textContent).toContain(reason);
    expect(screen.queryByTestId('screen-buyers')).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    root.unmount();
    container.remove();
  });
});
