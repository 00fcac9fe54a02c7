/**
 * Accepting a plan writes real bookings through the bookings module (one
 * transaction with the meetings), re-accepting updates the same bookings,
 * cancelling a meeting cancels its bookings, and a double booking refuses the
 * whole plan with nothing written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MISSION_TABLES, greedyPlan, buildProblem, type Meeting } from '@shared/missions';
import { generateMission } from '@shared/missions/planner/generate';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { BookingsRepository } from '../../../src-renderer/src/features/bookings/data/repository';
import {
  applyPlan,
  loadMissionRecords,
  saveMission,
  saveParticipant,
  savePlace,
  saveRequest,
} from '../../../src-renderer/src/features/missions/data/repository';
import { acceptPlan, cancelMeeting } from '../../../src-renderer/src/features/missions/data/accept';
import { uniqueDbName } from '../renderer/migration-harness';

const OFFICE = 'office-x';
const names = { firms: new Map<string, string>(), buyers: new Map<string, string>() };
let db: BridgeheadDatabase;

afterEach(() => db?.close());

async function seed() {
  db = new BridgeheadDatabase(uniqueDbName('accept'));
  const records = generateMission({
    seed: 21,
    smes: 3,
    requests: 10,
    days: 2,
    interpreters: 2,
    vans: 1,
  });
  const repo = new BookingsRepository(db, OFFICE, () => Date.parse('2025-06-01T00:00:00Z'));
  for (const i of records.interpreters) expect((await repo.saveInterpreter(i)).ok).toBe(true);
  for (const d of records.drivers) expect((await repo.saveDriver(d)).ok).toBe(true);
  for (const v of records.vehicles) expect((await repo.saveVehicle(v)).ok).toBe(true);
  expect((await saveMission(db, OFFICE, records.mission)).ok).toBe(true);
  for (const p of records.places) expect((await savePlace(db, OFFICE, p)).ok).toBe(true);
  for (const p of records.participants)
    expect((await saveParticipant(db, OFFICE, p)).ok).toBe(true);
  for (const r of records.requests) expect((await saveRequest(db, OFFICE, r)).ok).toBe(true);
  const loaded = (await loadMissionRecords(db, OFFICE, records.mission.id))!;
  const plan = greedyPlan(buildProblem(loaded)).solution;
  let n = 0;
  await applyPlan(db, loaded, plan, () => `meeting-${n++}`);
  return { repo, missionId: records.mission.id, plan };
}

describe('accepting a plan', () => {
  it('writes interpreter bookings and van trips with the mission as requester', async () => {
    const { repo, missionId, plan } = await seed();
    const records = (await loadMissionRecords(db, OFFICE, missionId))!;
    expect(records.meetings.length).toBe(plan.meetings.length);
    const result = await acceptPlan(db, repo, records, names);
    expect(result.ok).toBe(true);
    const ib = await db.table('interpreterBookings').toArray();
    const vt = await db.table('vehicleTrips').toArray();
    expect(ib.length).toBe(plan.meetings.filter((m) => m.interpreterId).length);
    expect(vt.length).toBe(plan.legs.length);
    expect(vt.length).toBeGreaterThan(0);
    for (const b of [...ib, ...vt]) {
      expect(b.requester).toEqual({
        kind: 'delegation',
        delegationId: missionId,
        label: records.mission.name,
      });
      expect(b.status).toBe('tentative');
    }
    const meetings = (await db.table(MISSION_TABLES.meetings).toArray()) as Meeting[];
    expect(meetings.every((m) => m.status === 'accepted')).toBe(true);
    // The sync outbox recorded the bookings and the meetings in the same transactions.
    const outboxTables = new Set(
      (await db.table('_outbox').toArray()).flatMap((r: { entries: { tbl: string }[] }) =>
        r.entries.map((e) => e.tbl),
      ),
    );
    expect(
      outboxTables.has('interpreterBookings') && outboxTables.has(MISSION_TABLES.meetings),
    ).toBe(true);

    // Accepting again writes the same bookings (same ids), nothing new.
    const again = await acceptPlan(
      db,
      repo,
      (await loadMissionRecords(db, OFFICE, missionId))!,
      names,
    );
    expect(again.ok).toBe(true);
    expect(await db.table('interpreterBookings').count()).toBe(ib.length);
    expect(await db.table('vehicleTrips').count()).toBe(vt.length);
  });

  it('cancels a meeting together with its bookings', async () => {
    const { repo, missionId } = await seed();
    await acceptPlan(db, repo, (await loadMissionRecords(db, OFFICE, missionId))!, names);
    const records = (await loadMissionRecords(db, OFFICE, missionId))!;
    const target = records.meetings.find((m) => m.interpreterId)!;
    const result = await cancelMeeting(db, repo, records, target.id, names);
    expect(result.ok).toBe(true);
    expect((await db.table(MISSION_TABLES.meetings).get(target.id)).status).toBe('cancelled');
    expect((await db.table('interpreterBookings').get(`${target.id}:interpreter`)).status).toBe(
      'cancelled',
    );
    const others = (await db.table('interpreterBookings').toArray()).filter(
      (b) => b.id !== `${target.id}:interpreter`,
    );
    expect(others.every((b) => b.status === 'tentative')).toBe(true);
  });

  it('refuses the whole plan when an interpreter was booked meanwhile, writing nothing', async () => {
    const { repo, missionId } = await seed();
    const records = (await loadMissionRecords(db, OFFICE, missionId))!;
    const meeting = records.meetings.find((m) => m.interpreterId)!;
    const clash = await repo.saveBooking({
      kind: 'interpreter',
      id: 'someone-else',
      officeId: OFFICE,
      timeZone: records.mission.timeZone,
      start: meeting.start,
      end: meeting.end,
      purpose: 'trade-talk',
      status: 'confirmed',
      interpreterId: meeting.interpreterId,
    });
    expect(clash.ok).toBe(true);
    const result = await acceptPlan(db, repo, records, names);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('bookings.interpreter_double_booked');
    expect(await db.table('interpreterBookings').count()).toBe(1);
    expect(await db.table('vehicleTrips').count()).toBe(0);
    const meetings = (await db.table(MISSION_TABLES.meetings).toArray()) as Meeting[];
    expect(meetings.every((m) => m.status === 'proposed')).toBe(true);
  });
});
