import { SECURITY_POLICIES_TABLE } from '@shared/security/app-lock';

/** Dexie store specs of the app lock: HQ's security policies (synced, shared, read-only here). */
export const LOCK_STORES: Readonly<Record<string, string>> = {
  [SECURITY_POLICIES_TABLE]: 'id',
};
