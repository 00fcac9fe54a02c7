// @vitest-environment happy-dom
// Issue 16, item 1: Settings on a linked laptop offers no demo data and a locked office;
// a new laptop does not start as "HQ (Changwon)" but asks for its office.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../../src-renderer/src/bootstrap';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import { renderEnrolled } from '../hq-ui/render-hq';
import { uniqueDbName } from './migration-harness';
import { renderApp } from './render-app';

const hqDown: FetchLike = async () => {
  throw new TypeError('fetch failed');
};

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('settings on a laptop linked to HQ', () => {
  it.each([
    ['an office laptop', 'tokyo'],
    ['an HQ laptop', null],
  ])('%s: no "Load demo data", the office selector locked with the reason', async (_, officeId) => {
    const app = await renderEnrolled({
      path: '/settings',
      fetch: hqDown,
      enrollment: { deviceId: 'dev-1', credential: 'secret', officeId },
    });
    try {
      await screen.findByTestId('demo-linked');
      expect(screen.queryByTestId('demo-load')).toBeNull();
      expect(screen.getByTestId('demo-card').textContent).toContain('linked to HQ');
      // The link state reaches the office selector on its own render: wait for it (it raced
      // under a loaded CI machine).
      await waitFor(() => {
        const office = screen.getByTestId('settings-office');
        expect(within(office).getByRole('combobox').hasAttribute('disabled')).toBe(true);
      });
      expect(screen.getByTestId('settings-office-help').textContent).toContain(
        "Set by this laptop's link to HQ",
      );
    } finally {
      await app.dispose();
    }
  });

  it('an unlinked laptop still offers demo data and a free office choice', async () => {
    await renderApp({ path: '/settings' });
    await screen.findByTestId('demo-load');
    const office = screen.getByTestId('settings-office');
    expect(within(office).getByRole('combobox').hasAttribute('disabled')).toBe(false);
  });
});

describe('first start', () => {
  it('a new laptop does not claim to be HQ: it asks which office it is for', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    window.location.hash = '';
    const root = await bootstrap(container, { databaseName: uniqueDbName('first') });
    try {
      await screen.findByTestId('screen-buyers');
      const header = screen.getByTestId('header-office').textContent ?? '';
      expect(header).not.toContain('HQ');
      expect(header).toContain('Not chosen yet');
      expect(screen.getByTestId('first-start').textContent).toContain(
        'Which office is this laptop for?',
      );
    } finally {
      root.unmount();
      container.remove();
    }
  });

  it('the question goes once an office is chosen in Settings', async () => {
    const { store } = await renderApp({ path: '/buyers' });
    store.setState({ officeChosen: false });
    await screen.findByTestId('first-start');
    await store.getState().setOfficeId('tokyo');
    await waitFor(() => expect(screen.queryByTestId('first-start')).toBeNull());
    expect(screen.getByTestId('header-office').textContent).toContain('Tokyo');
  });
});
