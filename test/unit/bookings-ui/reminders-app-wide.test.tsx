// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../renderer/render-app';
import { morningTrip, seed } from './fixtures';

/** A stand-in for the Web Notification API that records what was shown. */
class RecordingNotification {
  static permission: NotificationPermission = 'granted';
  static shown: { title: string; body?: string }[] = [];
  constructor(title: string, options?: NotificationOptions) {
    RecordingNotification.shown.push({ title, body: options?.body });
  }
}

beforeEach(() => {
  RecordingNotification.shown = [];
  localStorage.clear();
  vi.stubGlobal('Notification', RecordingNotification);
  // Only the reminder poll is faked: IndexedDB (fake-indexeddb) keeps its real timers.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('booking reminders', () => {
  it('fire on any screen, not only on the scheduling ones', async () => {
    const app = await renderApp({ path: '/buyers' });
    await screen.findByTestId('screen-buyers');
    const start = Date.now() + 30 * 60_000;
    await seed(app.db, [
      {
        ...morningTrip,
        start: new Date(start).toISOString(),
        end: new Date(start + 3_600_000).toISOString(),
      },
    ]);
    await vi.waitFor(
      () => {
        vi.advanceTimersByTime(60_000);
        expect(RecordingNotification.shown.map((n) => n.title)).toContain('In one hour');
      },
      { timeout: 10_000, interval: 200 },
    );
    // Shown once, however often the poll runs.
    vi.advanceTimersByTime(5 * 60_000);
    expect(RecordingNotification.shown.filter((n) => n.title === 'In one hour')).toHaveLength(1);
  });
});
