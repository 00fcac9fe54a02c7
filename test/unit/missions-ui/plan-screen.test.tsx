// @vitest-environment happy-dom
/**
 * The mission screen end to end in happy-dom: a mission with firms, buyers'
 * requests, interpreters and a van is planned (in the page: no worker here),
 * shown day by day, and accepted into real interpreter bookings and van trips.
 */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { generateMission } from '@shared/missions/planner/generate';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { BookingsRepository } from '../../../src-renderer/src/features/bookings/data/repository';
import {
  saveMission,
  saveParticipant,
  savePlace,
  saveRequest,
} from '../../../src-renderer/src/features/missions/data/repository';
import { renderApp } from '../renderer/render-app';
import { uniqueDbName } from '../renderer/migration-harness';

async function seedDatabase(dbName: string) {
  const records = generateMission({
    seed: 4,
    smes: 2,
    requests: 5,
    days: 1,
    interpreters: 2,
    vans: 1,
    officeId: 'hq',
    timeZone: 'Asia/Seoul',
  });
  const db = new BridgeheadDatabase(dbName);
  const repo = new BookingsRepository(db, 'hq');
  for (const i of records.interpreters) await repo.saveInterpreter(i);
  for (const d of records.drivers) await repo.saveDriver(d);
  for (const v of records.vehicles) await repo.saveVehicle(v);
  await saveMission(db, 'hq', records.mission);
  for (const p of records.places) await savePlace(db, 'hq', p);
  for (const p of records.participants) await saveParticipant(db, 'hq', p);
  for (const r of records.requests) await saveRequest(db, 'hq', r);
  db.close();
  return records;
}

describe('mission plan screen', () => {
  it('plans, shows the meetings and accepts them into bookings', async () => {
    const dbName = uniqueDbName('mission-ui');
    const records = await seedDatabase(dbName);
    const user = userEvent.setup();
    const { db } = await renderApp({ dbName, path: `/missions/${records.mission.id}?tab=plan` });
    const tab = await screen.findByTestId('plan-tab');
    await user.click(within(tab).getByTestId('plan-run'));
    const summary = await screen.findByTestId('plan-summary');
    expect(summary.textContent).toMatch(/of 5 meeting requests placed/);
    const meetings = await screen.findAllByTestId('plan-meeting');
    expect(meetings.length).toBeGreaterThan(0);
    expect(await db.table('missionMeetings').count()).toBe(meetings.length);

    await user.click(screen.getByTestId('plan-accept'));
    await waitFor(async () => {
      const stored = (await db.table('missionMeetings').toArray()) as { status: string }[];
      const accepted = stored.filter((m) => m.status === 'accepted').length;
      expect(accepted).toBe(meetings.length);
    });
    const bookings = [
      ...(await db.table('interpreterBookings').toArray()),
      ...(await db.table('vehicleTrips').toArray()),
    ];
    expect(bookings.length).toBeGreaterThan(0);
    expect(bookings.every((b) => b.requester?.delegationId === records.mission.id)).toBe(true);
  });
});
