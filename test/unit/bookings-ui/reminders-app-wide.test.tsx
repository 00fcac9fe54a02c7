// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../renderer/render-app';
import { conflictsToTell } from '../../../src-renderer/src/features/bookings/model/conflict-notices';
import { morningTrip, seed, van } from './fixtures';

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
        expect(RecordingNotification.shown.map((n) => n.title)).toContainEqual(
          expect.stringMatching(/^In (29|30) minutes$/),
        );
      },
      { timeout: 10_000, interval: 200 },
    );
    // Shown once, however often the poll runs.
    vi.advanceTimersByTime(5 * 60_000);
    expect(
      RecordingNotification.shown.filter((n) => /^In \d+ minutes$/.test(n.title)),
    ).toHaveLength(1);
  });
});

describe('bookings in conflict after sync (issue 16: clash owners told)', () => {
  it('tell this laptop once per pair, on any screen, naming the van and both bookings', async () => {
    const app = await renderApp({ path: '/buyers' });
    await screen.findByTestId('screen-buyers');
    // Two laptops booked the van offline: the second trip arrives with sync (a local save
    // would have been refused), in two days, overlapping the first.
    const start = Date.now() + 2 * 86_400_000;
    const at = (ms: number) => new Date(ms).toISOString();
    await seed(app.db, [
      { ...morningTrip, start: at(start), end: at(start + 3_600_000) },
      {
        ...morningTrip,
        id: 'trip-synced',
        start: at(start + 1_800_000),
        end: at(start + 5_400_000),
        requester: { kind: 'delegation', label: 'Busan buyers visit' },
      },
    ]);
    const notices = () => RecordingNotification.shown.filter((n) => /Booked twice/.test(n.title));
    await vi.waitFor(
      () => {
        vi.advanceTimersByTime(60_000);
        expect(notices()).toHaveLength(1);
      },
      { timeout: 10_000, interval: 200 },
    );
    const body = notices()[0]!.body ?? '';
    expect(body).toContain(`Vehicle ${van.plate} is booked twice`);
    expect(body).toContain('Gyeongnam trade mission');
    expect(body).toContain('Busan buyers visit');
    // Told once, however often the poll runs, and not again after a restart.
    vi.advanceTimersByTime(5 * 60_000);
    expect(notices()).toHaveLength(1);
    expect(JSON.parse(localStorage.getItem('bridgehead.bookings.conflictsTold')!)).toEqual([
      'trip-morning|trip-synced',
    ]);
  });

  it('says nothing of a clash already over', () => {
    const past = Date.now() - 86_400_000;
    const conflict = {
      key: 'vehicle:van|a|b',
      resource: { kind: 'vehicle', id: 'van' },
      bookingIds: ['a', 'b'],
      count: 1,
      occurrences: [
        {
          a: { start: new Date(past).toISOString(), end: new Date(past + 3_600_000).toISOString() },
          b: { start: new Date(past).toISOString(), end: new Date(past + 7_200_000).toISOString() },
        },
      ],
    } as const;
    expect(conflictsToTell([conflict], Date.now(), new Set())).toEqual([]);
    expect(conflictsToTell([conflict], past, new Set())).toEqual([[conflict]]);
    expect(conflictsToTell([conflict], past, new Set(['a|b']))).toEqual([]);
  });
});

describe('booking reminders in Electron', () => {
  afterEach(() => {
    delete (window as { bridgehead?: unknown }).bridgehead;
  });

  it('go through the preload as native notifications, with no Web Notification permission', async () => {
    // No Web Notification permission at all: in Electron main shows the notification.
    RecordingNotification.permission = 'denied';
    const notify = vi.fn(async (_title: string, _body: string) => true);
    (window as { bridgehead?: unknown }).bridgehead = {
      getOsLocale: async () => ({ languages: ['en-US'] }),
      getVersion: async () => ({ version: 'test' }),
      setLanguage: async () => ({ language: 'en' }),
      openExternal: async () => ({ opened: false }),
      notify,
      printToPdf: async () => false,
      credentials: { get: async () => null, set: async () => {}, clear: async () => {} },
    };
    try {
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
          expect(notify.mock.calls.map((c) => c[0])).toContainEqual(
            expect.stringMatching(/^In (29|30) minutes$/),
          );
        },
        { timeout: 10_000, interval: 200 },
      );
      const body = notify.mock.calls.find((c) => /^In \d+ minutes$/.test(c[0]))?.[1] ?? '';
      expect(body).toMatch(/\d{1,2}:\d{2}/);
      expect(RecordingNotification.shown).toHaveLength(0);
    } finally {
      RecordingNotification.permission = 'granted';
    }
  });
});
