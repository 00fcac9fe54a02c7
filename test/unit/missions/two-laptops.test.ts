/**
 * Two laptops of one office plan the same mission offline (issue 13): each edits the mission
 * and its requests, plans and accepts its own plan with no network, then both sync through a
 * real HQ server (SQLite, in process). They converge to the same records, and the two plans'
 * bookings of one interpreter or van at the same time surface as ordinary booking conflicts
 * (the conflict inbox's `detectConflicts`), nothing silently dropped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { detectConflicts, type Booking } from '@shared/bookings';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { MISSION_TABLES, buildProblem, duplicateMeetings, greedyPlan } from '@shared/missions';
import { generateMission } from '@shared/missions/planner/generate';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { BookingsRepository } from '../../../src-renderer/src/features/bookings/data/repository';
import { acceptPlan, cancelMeeting } from '../../../src-renderer/src/features/missions/data/accept';
import {
  applyPlan,
  loadMissionRecords,
  saveMission,
  saveParticipant,
  savePlace,
  saveRequest,
} from '../../../src-renderer/src/features/missions/data/repository';
import { SyncEngine, createHttpTransport } from '../../../src-renderer/src/sync';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { uniqueDbName } from '../renderer/migration-harness';
import { injectFetch } from '../sync/laptop';

const OFFICE = 'tokyo';
/** The bookings module's "now" (the generated mission is in June 2025); sync runs on real time. */
const NOW = Date.parse('2025-06-01T00:00:00Z');
const names = { firms: new Map<string, string>(), buyers: new Map<string, string>() };
const SYNCED = [
  MISSION_TABLES.missions,
  MISSION_TABLES.participants,
  MISSION_TABLES.requests,
  MISSION_TABLES.meetings,
  MISSION_TABLES.places,
  'interpreterBookings',
  'vehicleTrips',
];

interface Laptop {
  db: BridgeheadDatabase;
  engine: SyncEngine;
  repo: BookingsRepository;
}

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function laptop(server: TestServer, name: string): Promise<Laptop> {
  const { auth } = await server.enroll(OFFICE, name);
  const db = new BridgeheadDatabase(uniqueDbName(name));
  cleanup.push(() => db.close());
  const engine = new SyncEngine({
    db,
    registry: DEFAULT_TABLE_REGISTRY,
    transport: createHttpTransport({
      baseUrl: 'http://hq.test',
      credential: auth.slice('Bearer '.length),
      fetch: injectFetch(() => server.app),
    }),
    pullIn: 'thread',
  });
  return { db, engine, repo: new BookingsRepository(db, OFFICE, () => NOW) };
}

/** A table's rows as synced data (no local sync metadata), by id. */
async function rows(db: BridgeheadDatabase, table: string) {
  const all = (await db.table(table).toArray()) as Record<string, unknown>[];
  return all
    .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('_'))))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

describe('two laptops planning one mission offline', () => {
  it('converge after sync, and two accepted plans surface as booking conflicts', async () => {
    const opened = await sqliteBackend.open();
    cleanup.push(() => opened.cleanup());
    const server = await startServer(opened.hq, { registry: DEFAULT_TABLE_REGISTRY });
    cleanup.push(() => server.app.close());
    const a = await laptop(server, 'laptop-a');
    const b = await laptop(server, 'laptop-b');

    // Laptop A enters the mission and its resources; B pulls them.
    const generated = generateMission({
      seed: 8,
      smes: 3,
      requests: 10,
      days: 2,
      interpreters: 1,
      vans: 1,
      officeId: OFFICE,
    });
    for (const i of generated.interpreters) expect((await a.repo.saveInterpreter(i)).ok).toBe(true);
    for (const d of generated.drivers) expect((await a.repo.saveDriver(d)).ok).toBe(true);
    for (const v of generated.vehicles) expect((await a.repo.saveVehicle(v)).ok).toBe(true);
    expect((await saveMission(a.db, OFFICE, generated.mission)).ok).toBe(true);
    for (const p of generated.places) expect((await savePlace(a.db, OFFICE, p)).ok).toBe(true);
    for (const p of generated.participants)
      expect((await saveParticipant(a.db, OFFICE, p)).ok).toBe(true);
    for (const r of generated.requests) expect((await saveRequest(a.db, OFFICE, r)).ok).toBe(true);
    await a.engine.sync();
    await b.engine.sync();
    const missionId = generated.mission.id;
    expect((await loadMissionRecords(b.db, OFFICE, missionId))!.requests).toHaveLength(10);

    // Offline: A renames the mission, B changes its notes and a request's priority; each plans
    // (different meeting ids) and accepts its own plan.
    const onA = (await loadMissionRecords(a.db, OFFICE, missionId))!;
    expect(
      (await saveMission(a.db, OFFICE, { ...onA.mission, name: 'Gyeongnam food mission' })).ok,
    ).toBe(true);
    const onB = (await loadMissionRecords(b.db, OFFICE, missionId))!;
    expect((await saveMission(b.db, OFFICE, { ...onB.mission, notes: 'Hotel changed' })).ok).toBe(
      true,
    );
    const request = onB.requests[0]!;
    expect(
      (
        await saveRequest(b.db, OFFICE, {
          ...request,
          priority: request.priority === 'must' ? 'want' : 'must',
        })
      ).ok,
    ).toBe(true);
    for (const [l, prefix] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      const records = (await loadMissionRecords(l.db, OFFICE, missionId))!;
      let n = 0;
      await applyPlan(l.db, records, greedyPlan(buildProblem(records)).solution, () => {
        n += 1;
        return `${prefix}-meeting-${n}`;
      });
      const accepted = await acceptPlan(
        l.db,
        l.repo,
        (await loadMissionRecords(l.db, OFFICE, missionId))!,
        names,
      );
      expect(accepted.ok).toBe(true);
    }

    // Back online: A, B, A (A gets B's changes).
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();

    for (const table of SYNCED) {
      expect(await rows(b.db, table), table).toEqual(await rows(a.db, table));
    }
    const mission = (await loadMissionRecords(a.db, OFFICE, missionId))!;
    // Edits of different fields on the two laptops both survive.
    expect(mission.mission).toMatchObject({
      name: 'Gyeongnam food mission',
      notes: 'Hotel changed',
    });
    expect(mission.requests.find((r) => r.id === request.id)!.priority).not.toBe(request.priority);
    // Both plans' meetings are there (none lost), each plan's bookings with them.
    const meetings = mission.meetings.map((m) => m.id);
    expect(meetings.some((id) => id.startsWith('a-'))).toBe(true);
    expect(meetings.some((id) => id.startsWith('b-'))).toBe(true);
    const bookings = [
      ...(await rows(a.db, 'interpreterBookings')),
      ...(await rows(a.db, 'vehicleTrips')),
    ] as unknown as Booking[];
    expect(bookings.some((x) => x.id.startsWith('a-'))).toBe(true);
    expect(bookings.some((x) => x.id.startsWith('b-'))).toBe(true);

    // The same interpreter or van at the same time in A's and B's plans: ordinary conflicts.
    const conflicts = detectConflicts(
      bookings.filter((x) => x.status !== 'cancelled'),
      { horizon: { from: NOW - 86_400_000, to: NOW + 366 * 86_400_000 } },
    );
    expect(conflicts.length).toBeGreaterThan(0);
    for (const c of conflicts) {
      const [x, y] = c.bookingIds;
      // Each conflict pairs a booking of A's plan with one of B's, never two of one plan.
      expect(new Set([x[0], y[0]])).toEqual(new Set(['a', 'b']));
    }

    // A request both plans placed now has two live meetings: found, and a person cancels one
    // (here B's) on laptop A; its bookings go with it, and B sees the same after sync.
    const duplicates = duplicateMeetings(mission.meetings);
    expect(duplicates.length).toBeGreaterThan(0);
    for (const d of duplicates) {
      expect(d.meetings.map((m) => m.id[0]).sort()).toEqual(['a', 'b']);
    }
    for (const d of duplicates) {
      const extra = d.meetings.find((m) => m.id.startsWith('b-'))!;
      const current = (await loadMissionRecords(a.db, OFFICE, missionId))!;
      const res = await cancelMeeting(a.db, a.repo, current, extra.id, names);
      expect(res.ok ? null : res.error).toBeNull();
    }
    await a.engine.sync();
    await b.engine.sync();
    for (const l of [a, b]) {
      const after = (await loadMissionRecords(l.db, OFFICE, missionId))!;
      expect(duplicateMeetings(after.meetings)).toEqual([]);
      const cancelledIds = new Set(
        duplicates.map((d) => d.meetings.find((m) => m.id.startsWith('b-'))!.id),
      );
      for (const id of cancelledIds)
        expect(after.meetings.find((m) => m.id === id)!.status).toBe('cancelled');
      // Their bookings are cancelled with them: only A's plan still holds the interpreter and van.
      const own = after.bookings.filter((x) =>
        [...cancelledIds].some((id) => x.id.startsWith(`${id}:`)),
      );
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((x) => x.status === 'cancelled')).toBe(true);
    }
  }, 60_000);
});
