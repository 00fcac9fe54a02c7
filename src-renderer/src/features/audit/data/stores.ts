/**
 * Dexie stores of the access records (schema version 6). Not in the sync table registry:
 * entries never go through the last-writer-wins outbox; they reach HQ in their own stream.
 */
export const ACCESS_LOG = '_accessLog';
/** This laptop's send cursor per HQ link (device id → highest seq HQ holds). */
export const ACCESS_LOG_CURSORS = '_accessLogCursors';

export const AUDIT_STORES: Readonly<Record<string, string>> = {
  [ACCESS_LOG]: 'seq',
  [ACCESS_LOG_CURSORS]: 'deviceId',
};
