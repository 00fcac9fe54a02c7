/**
 * The daily purge of access records past the retention period, run by `hq serve` (once at
 * start, then every day) beside the `access-log:purge` command.
 */
import type { HqDatabase } from '../db/connect';
import { purgeAccessLog } from './store';

export const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;

export function startAccessLogPurge(
  hq: HqDatabase,
  retentionDays: number,
  log: (line: string) => void,
  now: () => number = Date.now,
): () => void {
  const run = () =>
    purgeAccessLog(hq, now(), retentionDays)
      .then(({ entries, flags }) => {
        if (entries || flags) {
          log(
            `access records: purged ${entries} entries and ${flags} flags older than ${retentionDays} days`,
          );
        }
      })
      .catch((error: unknown) => log(`access records: purge failed: ${String(error)}`));
  void run();
  const timer = setInterval(() => void run(), PURGE_INTERVAL_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}
