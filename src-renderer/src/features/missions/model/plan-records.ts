import {
  msOf,
  parseMeeting,
  type Leg,
  type Meeting,
  type MissionRecords,
  type PlanSolution,
} from '@shared/missions';

const iso = (minutes: number) => new Date(msOf(minutes)).toISOString();

/**
 * A planner solution as meeting records: which to write and which proposed
 * meetings to remove. Pure, so the transaction in the repository only writes.
 */
export function solutionToMeetings(
  records: MissionRecords,
  solution: PlanSolution,
  newId: () => string,
): { upserts: Meeting[]; deletes: string[] } {
  const { mission } = records;
  const current = new Map(
    records.meetings.filter((m) => m.status !== 'cancelled').map((m) => [m.requestId, m]),
  );
  const legsOf = new Map<string, Leg[]>();
  for (const l of solution.legs) {
    if (!l.vehicleId) continue;
    const list = legsOf.get(l.requestId) ?? [];
    list.push({
      kind: l.kind,
      vehicleId: l.vehicleId,
      ...(l.driverId ? { driverId: l.driverId } : {}),
      fromPlaceId: l.from,
      toPlaceId: l.to,
      start: iso(l.start),
      end: iso(l.end),
      passengers: l.passengers,
    });
    legsOf.set(l.requestId, list);
  }
  const upserts: Meeting[] = [];
  const placed = new Set<string>();
  for (const m of solution.meetings) {
    placed.add(m.requestId);
    const before = current.get(m.requestId);
    const { interpreterId: _previous, ...kept } = before ?? {};
    const parsed = parseMeeting({
      ...kept,
      id: before?.id ?? newId(),
      officeId: mission.officeId,
      missionId: mission.id,
      requestId: m.requestId,
      status: before?.status ?? 'proposed',
      pinned: before?.pinned ?? false,
      start: iso(m.start),
      end: iso(m.end),
      timeZone: mission.timeZone,
      placeId: m.placeId,
      ...(m.interpreterId ? { interpreterId: m.interpreterId } : {}),
      legs: legsOf.get(m.requestId) ?? [],
    });
    if (parsed.ok) upserts.push(parsed.value);
  }
  const deletes = [...current.values()]
    .filter((m) => !placed.has(m.requestId) && m.status === 'proposed' && !m.pinned)
    .map((m) => m.id);
  return { upserts, deletes };
}
