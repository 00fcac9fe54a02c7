import type { Meeting } from './schemas';

/**
 * A request with more than one live (not cancelled) meeting: what two laptops
 * that planned or accepted the same mission offline leave behind after sync
 * (each laptop's meetings have their own ids, so sync keeps both). A person
 * decides which one stays; the planner never picks for them.
 */
export interface DuplicateMeetings {
  readonly requestId: string;
  /** Held first (an outcome recorded), then accepted, then proposed; earlier first. */
  readonly meetings: readonly Meeting[];
}

const RANK: Readonly<Record<Meeting['status'], number>> = {
  done: 0,
  accepted: 1,
  proposed: 2,
  cancelled: 3,
};

export function duplicateMeetings(meetings: readonly Meeting[]): DuplicateMeetings[] {
  const byRequest = new Map<string, Meeting[]>();
  for (const m of meetings) {
    if (m.status === 'cancelled') continue;
    const list = byRequest.get(m.requestId) ?? [];
    list.push(m);
    byRequest.set(m.requestId, list);
  }
  return [...byRequest]
    .filter(([, list]) => list.length > 1)
    .map(([requestId, list]) => ({
      requestId,
      meetings: [...list].sort(
        (a, b) =>
          RANK[a.status] - RANK[b.status] ||
          Date.parse(a.start) - Date.parse(b.start) ||
          (a.id < b.id ? -1 : 1),
      ),
    }))
    .sort((a, b) => Date.parse(a.meetings[0]!.start) - Date.parse(b.meetings[0]!.start));
}
