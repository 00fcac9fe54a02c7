// @vitest-environment happy-dom
// Links into the vehicle screen (`?open=<bookingId>`, used by the sync screen for a change HQ
// refused) and the "not yet at HQ" mark on timeline blocks of trips whose changes wait.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../renderer/render-app';
import { getSyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import { DAY, morningTrip, seed } from './fixtures';

vi.setConfig({ testTimeout: 60_000 });
const SLOW = { timeout: 30_000 };

const apps: Awaited<ReturnType<typeof renderApp>>[] = [];
afterEach(async () => {
  cleanup();
  for (const app of apps.splice(0)) {
    getSyncService(app.db).stop();
    app.db.close();
    await app.db.delete();
  }
});

describe('vehicle screen links and marks', () => {
  it('opens the booking named by ?open= once loaded, and marks its unsent trip', async () => {
    const app = await renderApp({ path: `/vehicles?date=${DAY}&open=${morningTrip.id}` });
    apps.push(app);
    // Written on this laptop and never synced: every seeded record waits for HQ.
    await seed(app.db);
    const drawer = await screen.findByTestId('booking-drawer', {}, SLOW);
    // The seeded trip itself, in edit mode.
    await waitFor(
      () =>
        expect((within(drawer).getByTestId('booking-pickup') as HTMLInputElement).value).toBe(
          '창원시 의창구 중앙대로 300',
        ),
      SLOW,
    );
    await waitFor(() => {
      const block = screen.getByTestId(`block-${morningTrip.id}`);
      expect(block.className).toContain('bk-not-at-hq');
      expect(block.getAttribute('aria-label')).toContain('Not yet at HQ');
    }, SLOW);
  });
});
