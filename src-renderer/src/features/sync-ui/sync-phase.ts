import { platformIsOnline, type SyncStatus } from '../../sync';

export type SyncPhaseKind =
  'notYet' | 'upToDate' | 'syncing' | 'offline' | 'unreachable' | 'error' | 'blocked';

export interface SyncPhaseView {
  /** Locale key under `sync:phase.<kind>` */
  kind: SyncPhaseKind;
  alert: 'success' | 'info' | 'warning' | 'error';
  /** errors:sync.<code> to show with it, or null. */
  errorCode: string | null;
}

/**
 * What the runner's status means for a person, in one of a few plain states. A request that
 * got no answer while the network is up is not "offline": HQ cannot be reached (server down,
 * wrong address, a firewall), which is for HQ to fix, not for the person to find a network.
 */
export function describeSync(
  status: SyncStatus | null,
  networkUp: boolean = platformIsOnline(),
): SyncPhaseView {
  if (!status) return { kind: 'notYet', alert: 'info', errorCode: null };
  switch (status.phase) {
    case 'syncing':
      return { kind: 'syncing', alert: 'info', errorCode: null };
    case 'offline':
      return networkUp
        ? { kind: 'unreachable', alert: 'warning', errorCode: null }
        : { kind: 'offline', alert: 'warning', errorCode: null };
    case 'error':
      return { kind: 'error', alert: 'error', errorCode: status.lastErrorCode };
    case 'blocked':
      return { kind: 'blocked', alert: 'error', errorCode: status.lastErrorCode };
    default:
      return status.lastSuccessAt
        ? { kind: 'upToDate', alert: 'success', errorCode: null }
        : { kind: 'notYet', alert: 'info', errorCode: null };
  }
}
