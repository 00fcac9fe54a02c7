/**
 * Demo records are marked by their id: every record the demo loader writes has an id that
 * starts with `demo-` (real records get random UUIDs). The outbox and the re-send after an
 * HQ restore skip these ids, so sample buyers and talks never reach HQ's reports, whatever
 * happens to the laptop afterwards (linked later, edited, restored).
 */
export const DEMO_ID_PREFIX = 'demo-';

export function isDemoId(id: unknown): boolean {
  return typeof id === 'string' && id.startsWith(DEMO_ID_PREFIX);
}
