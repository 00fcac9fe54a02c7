// The app lock (issue 14): the gate the composition root wraps the app in, the header's Lock
// button, and the Dexie store of HQ's security policies. Imports only sync-ui.
export { LockGate } from './LockGate';
export { LockButton } from './LockButton';
export { LOCK_STORES } from './data/stores';
export { getLockService, type LockPhase, type LockService } from './lock-service';
