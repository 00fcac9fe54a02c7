/** What one sync cycle did (the runner's status and the benches read it). */
export interface SyncStats {
  pushed: number;
  pushRequests: number;
  pulledRows: number;
  pullRequests: number;
  rejected: number;
}

export function emptySyncStats(): SyncStats {
  return { pushed: 0, pushRequests: 0, pulledRows: 0, pullRequests: 0, rejected: 0 };
}
