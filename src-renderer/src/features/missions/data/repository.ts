import type { Dexie } from 'dexie';
import {
  parseDriver,
  parseInterpreter,
  parseInterpreterBooking,
  parseVehicle,
  parseVehicleTrip,
  type Booking,
  type Result,
} from '@shared/bookings';
import {
  MISSION_TABLES,
  parseMeeting,
  parseMeetingRequest,
  parseMission,
  parseParticipant,
  parsePlace,
  parseTravelOverride,
  travelPairKey,
  type Meeting,
  type MeetingRequest,
  type Mission,
  type MissionRecords,
  type MissionResult,
  type Participant,
  type Place,
  type PlanSolution,
  type TravelOverride,
} from '@shared/missions';
import { solutionToMeetings } from '../model/plan-records';

/**
 * Reads and writes of the mission tables. Every write validates with the
 * shared schema first (a refusal changes nothing) and goes through Dexie, so
 * the sync middleware records it in the same transaction.
 */

const T = MISSION_TABLES;

function parseRows<T>(rows: unknown[], parse: (row: unknown) => { ok: boolean; value?: T }): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const parsed = parse(row);
    // A row that no longer validates (older app, bad sync) is left out, not fatal.
    if (parsed.ok) out.push(parsed.value as T);
  }
  return out;
}

async function put<T extends { officeId: string }>(
  db: Dexie,
  table: string,
  officeId: string,
  parsed: MissionResult<T>,
): Promise<MissionResult<T>> {
  if (!parsed.ok) return parsed;
  if (parsed.value.officeId !== officeId)
    return { ok: false, error: { code: 'missions.office_mismatch' } };
  await db.table(table).put(parsed.value);
  return parsed;
}

export const saveMission = (db: Dexie, officeId: string, input: unknown) =>
  put<Mission>(db, T.missions, officeId, parseMission(input));
export const saveParticipant = (db: Dexie, officeId: string, input: unknown) =>
  put<Participant>(db, T.participants, officeId, parseParticipant(input));
export const saveRequest = (db: Dexie, officeId: string, input: unknown) =>
  put<MeetingRequest>(db, T.requests, officeId, parseMeetingRequest(input));
export const savePlace = (db: Dexie, officeId: string, input: unknown) =>
  put<Place>(db, T.places, officeId, parsePlace(input));

/** A person's travel time for a pair of places; one record per pair (both directions). */
export function saveTravelOverride(
  db: Dexie,
  officeId: string,
  input: { placeIds: [string, string]; minutes: number; note?: string },
) {
  const [a, b] = [...input.placeIds].sort() as [string, string];
  return put<TravelOverride>(
    db,
    T.travelOverrides,
    officeId,
    parseTravelOverride({ ...input, id: travelPairKey(a, b), officeId, placeIds: [a, b] }),
  );
}

/** Removes a request with its meetings that have no bookings yet. */
export async function deleteRequest(db: Dexie, requestId: string): Promise<void> {
  await db.transaction('rw', db.table(T.requests), db.table(T.meetings), async () => {
    const meetings = (await db
      .table(T.meetings)
      .where('requestId')
      .equals(requestId)
      .toArray()) as Meeting[];
    for (const m of meetings) {
      if (m.status === 'proposed') await db.table(T.meetings).delete(m.id);
    }
    await db.table(T.requests).delete(requestId);
  });
}

export async function listMissions(db: Dexie, officeId: string): Promise<Mission[]> {
  const rows = await db.table(T.missions).where('officeId').equals(officeId).toArray();
  return parseRows(rows, parseMission).sort((a, b) => (a.arrival < b.arrival ? 1 : -1));
}

function parseBooking(row: unknown): Result<Booking> {
  return (row as { kind?: string }).kind === 'vehicle'
    ? parseVehicleTrip(row)
    : parseInterpreterBooking(row);
}

/** Everything the planner and the mission screens need, read in one transaction. */
export async function loadMissionRecords(
  db: Dexie,
  officeId: string,
  missionId: string,
): Promise<MissionRecords | null> {
  const tables = [
    T.missions,
    T.participants,
    T.requests,
    T.meetings,
    T.places,
    T.travelOverrides,
    'interpreters',
    'vehicles',
    'drivers',
    'interpreterBookings',
    'vehicleTrips',
  ].map((name) => db.table(name));
  return db.transaction('r', tables, async () => {
    const mission = parseMission(await db.table(T.missions).get(missionId));
    if (!mission.ok || mission.value.officeId !== officeId) return null;
    const ofMission = (name: string) =>
      db.table(name).where('missionId').equals(missionId).toArray();
    const ofOffice = (name: string) => db.table(name).where('officeId').equals(officeId).toArray();
    const [
      participants,
      requests,
      meetings,
      places,
      overrides,
      interpreters,
      vehicles,
      drivers,
      ib,
      vt,
    ] = await Promise.all([
      ofMission(T.participants),
      ofMission(T.requests),
      ofMission(T.meetings),
      ofOffice(T.places),
      ofOffice(T.travelOverrides),
      ofOffice('interpreters'),
      ofOffice('vehicles'),
      ofOffice('drivers'),
      ofOffice('interpreterBookings'),
      ofOffice('vehicleTrips'),
    ]);
    return {
      mission: mission.value,
      participants: parseRows(participants, parseParticipant),
      requests: parseRows(requests, parseMeetingRequest),
      meetings: parseRows(meetings, parseMeeting),
      places: parseRows(places, parsePlace),
      overrides: parseRows(overrides, parseTravelOverride),
      interpreters: parseRows(interpreters, parseInterpreter),
      vehicles: parseRows(vehicles, parseVehicle),
      drivers: parseRows(drivers, parseDriver),
      bookings: parseRows([...ib, ...vt], parseBooking),
    };
  });
}

/**
 * Writes a planner run as the mission's meetings, in one transaction: a
 * placed request keeps its meeting (and id) with the new time, place,
 * interpreter and legs; a new one gets a proposed meeting; a proposed meeting
 * whose request was not placed this time is removed. Pinned and accepted
 * meetings were kept by the planner and are written back unchanged but for
 * their re-derived legs.
 */
export async function applyPlan(
  db: Dexie,
  records: MissionRecords,
  solution: PlanSolution,
  newId: () => string = () => crypto.randomUUID(),
): Promise<Meeting[]> {
  const { upserts, deletes } = solutionToMeetings(records, solution, newId);
  await db.transaction('rw', db.table(T.meetings), async () => {
    if (deletes.length > 0) await db.table(T.meetings).bulkDelete(deletes);
    if (upserts.length > 0) await db.table(T.meetings).bulkPut(upserts);
  });
  return upserts;
}
