// Shared by the sync screen tests: a JSON answer, a fake HQ, and the per-test set-up that
// collects console errors and closes every database a test opened (after its sync settles).
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SYNC_PATHS } from '@shared/sync/protocol';
import { getSyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import type { BridgeheadDatabase } from '../../../src-renderer/src/data/db';

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A fake HQ for a Tokyo laptop: enrollment answers `enrollAnswer` (default: accepted);
 * push/pull answer `syncAnswer` (default: HQ unreachable). `calls` lists the paths asked.
 */
export function fakeHq(
  options: { enrollAnswer?: () => Response; syncAnswer?: () => Response } = {},
) {
  const calls: string[] = [];
  const fetch = vi.fn<FetchLike>(async (url) => {
    const path = new URL(url).pathname;
    calls.push(path);
    if (path === SYNC_PATHS.enroll) {
      return (
        options.enrollAnswer?.() ??
        json(200, { deviceId: 'dev-123', credential: 'secret-credential', officeId: 'tokyo' })
      );
    }
    if (options.syncAnswer) return options.syncAnswer();
    throw new TypeError('fetch failed');
  });
  return { fetch, calls };
}

/**
 * Registers the hooks: console.error is collected (React and antd report misuse through it)
 * and must stay empty; databases pushed to `opened` are closed and deleted after each test.
 */
export function useSyncScreenHarness(): { opened: BridgeheadDatabase[] } {
  const opened: BridgeheadDatabase[] = [];
  let consoleErrors: unknown[][] = [];
  beforeEach(() => {
    consoleErrors = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      consoleErrors.push(args);
    });
  });
  afterEach(async () => {
    cleanup();
    vi.restoreAllMocks();
    for (const db of opened.splice(0)) {
      // A cycle still in flight would meet a closed database (and log it): let it finish.
      const service = getSyncService(db);
      const idle = service.whenIdle();
      service.stop();
      await idle;
      db.close();
      await db.delete();
    }
    expect(consoleErrors).toEqual([]);
  });
  return { opened };
}

/** Fills and submits the "link this laptop" form. */
export async function fillEnrollment(url: string, code = 'ABCD-1234', name = 'Tokyo reception') {
  const user = userEvent.setup({ delay: null });
  await user.type(screen.getByLabelText('HQ server address'), url);
  await user.type(screen.getByLabelText('One-time code'), code);
  await user.type(screen.getByLabelText('Name of this laptop'), name);
  await user.click(screen.getByRole('button', { name: 'Link this laptop' }));
  return user;
}

/** The PIN every unit test chooses after linking (issue 14's app lock). */
export const TEST_PIN = '482913';

/** Right after a successful link: chooses the app lock's PIN; the app shows again. */
export async function choosePinInUi(pin = TEST_PIN) {
  const user = userEvent.setup({ delay: null });
  await screen.findByTestId('lock-setup', {}, { timeout: 20_000 });
  await user.type(screen.getByTestId('lock-setup-pin'), pin);
  await user.type(screen.getByTestId('lock-setup-repeat'), pin);
  await user.click(screen.getByTestId('lock-setup-save'));
  await waitFor(() => expect(screen.queryByTestId('lock-setup')).toBeNull(), { timeout: 20_000 });
}
