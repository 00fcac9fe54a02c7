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
import { buildProblem, greedyPlan } from '@shared/missions';
import {
  applyPlan,
  loadMissionRecords,
  saveMission,
  saveParticipant,
  savePlace,
  saveRequest,
} from '../../../src-renderer/src/features/missions/data/repository';
import { createBuyer } from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { saveSmeFirm } from '../../../src-renderer/src/features/crm/data/talk-repository';
import { renderApp } from '../renderer/render-app';
import { uniqueDbName } from '../renderer/migration-harness';

/** A valid, distinct business registration number per firm (check digit computed). */
function brn(i: number): string {
  const digits = [...`12481${String(i).padStart(4, '0')}`].map(Number);
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  const sum =
    digits.reduce((s, d, k) => s + d * weights[k]!, 0) + Math.floor((digits[8]! * 5) / 10);
  return `${digits.join('')}${(10 - (sum % 10)) % 10}`;
}

async function seedDatabase(dbName: string, withCrm = false) {
  const generated = generateMission({
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
  // The CRM's own buyers and firms, for outcomes (a trade talk names real ones).
  const buyerIds = new Map<string, string>();
  const firmIds = new Map<string, string>();
  if (withCrm) {
    for (const r of generated.requests) {
      if (buyerIds.has(r.buyerId)) continue;
      const { buyer } = await createBuyer(db, 'hq', {
        buyer: { nameNative: `株式会社${r.buyerId}`, nameScript: 'ja', country: 'JP' },
        contacts: [],
      });
      buyerIds.set(r.buyerId, buyer.id);
    }
    for (const [i, p] of generated.participants.entries()) {
      const firm = await saveSmeFirm(db, {
        nameKo: `(주)경남${i}`,
        nameEn: `Gyeongnam ${i}`,
        businessRegistrationNumber: brn(i),
        industry: 'machinery',
        products: [],
        contactPerson: '',
        phone: '',
        email: '',
      });
      firmIds.set(p.smeFirmId, firm.id);
    }
  }
  const records = {
    ...generated,
    participants: generated.participants.map((p) => ({
      ...p,
      smeFirmId: firmIds.get(p.smeFirmId) ?? p.smeFirmId,
    })),
    requests: generated.requests.map((r) => ({
      ...r,
      buyerId: buyerIds.get(r.buyerId) ?? r.buyerId,
    })),
  };
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
  }, 90_000);

  it('records a held meeting’s outcome as its trade talk, prefilled, in one write', async () => {
    const dbName = uniqueDbName('mission-outcome');
    const records = await seedDatabase(dbName, true);
    const user = userEvent.setup();
    const { db } = await renderApp({ dbName, path: `/missions/${records.mission.id}?tab=plan` });
    const tab = await screen.findByTestId('plan-tab');
    await user.click(within(tab).getByTestId('plan-run'));
    await screen.findByTestId('plan-summary');
    await screen.findAllByTestId('plan-meeting');
    // No outcome before the plan is accepted (nothing has been held).
    expect(screen.queryByTestId('plan-outcome')).toBeNull();
    await user.click(screen.getByTestId('plan-accept'));
    await waitFor(
      async () => {
        const stored = (await db.table('missionMeetings').toArray()) as { status: string }[];
        expect(stored.every((m) => m.status === 'accepted')).toBe(true);
      },
      { timeout: 5000 },
    );
    const [button] = await screen.findAllByTestId('plan-outcome', {}, { timeout: 5000 });
    const row = button!.closest<HTMLElement>('[data-testid="plan-meeting"]')!;
    const meetingId = row.dataset.meetingId!;
    await user.click(button!);
    const form = await screen.findByTestId('talk-form');
    await user.click(within(form).getByTestId('talk-negotiated'));
    await user.paste('1500000');
    // A change behind the open form (here a meeting row written again, as a sync would) re-renders
    // the plan, which hands the form a new, equal prefill: what was typed must stay.
    const anyMeeting = (await db.table('missionMeetings').toArray())[0] as object;
    await db.table('missionMeetings').put({ ...anyMeeting });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((within(form).getByTestId('talk-negotiated') as HTMLInputElement).value).toBe(
      '1,500,000',
    );
    await user.click(screen.getByTestId('talk-save'));

    await waitFor(async () => {
      const meeting = (await db.table('missionMeetings').get(meetingId)) as {
        status: string;
        tradeTalkId?: string;
        start: string;
        requestId: string;
      };
      expect(meeting.status).toBe('done');
      expect(meeting.tradeTalkId).toBeTruthy();
    });
    const meeting = (await db.table('missionMeetings').get(meetingId)) as {
      tradeTalkId: string;
      start: string;
      requestId: string;
      interpreterId?: string;
    };
    const talk = (await db.table('tradeTalks').get(meeting.tradeTalkId)) as {
      buyerId: string;
      smeFirmId: string;
      startsAt: string;
      interpreterId?: string;
      negotiated?: { amount: { amountMinor: number } };
    };
    const request = records.requests.find((r) => r.id === meeting.requestId)!;
    const participant = records.participants.find((p) => p.id === request.participantId)!;
    expect(talk.buyerId).toBe(request.buyerId);
    expect(talk.smeFirmId).toBe(participant.smeFirmId);
    expect(Date.parse(talk.startsAt)).toBe(Date.parse(meeting.start));
    expect(talk.interpreterId).toBe(meeting.interpreterId);
    expect(talk.negotiated?.amount.amountMinor).toBe(1_500_000);
    expect(await db.table('tradeTalks').count()).toBe(1);
    // The button now edits the recorded talk.
    expect(await within(row).findByText('Edit the outcome')).toBeTruthy();
  }, 90_000);

  it('prints a firm’s itinerary in Korean and a buyer’s in Japanese, whatever the screen’s language', async () => {
    const dbName = uniqueDbName('mission-itinerary');
    const records = await seedDatabase(dbName, true);
    const seeded = new BridgeheadDatabase(dbName);
    const loaded = (await loadMissionRecords(seeded, 'hq', records.mission.id))!;
    const meetings = await applyPlan(seeded, loaded, greedyPlan(buildProblem(loaded)).solution);
    seeded.close();
    expect(meetings.length).toBeGreaterThan(0);
    const first = meetings[0]!;
    const request = records.requests.find((r) => r.id === first.requestId)!;

    const { unmount } = await renderApp({
      dbName,
      path: `/missions/${records.mission.id}/itinerary/sme/${request.participantId}`,
    });
    const title = await screen.findByTestId('itinerary-title');
    expect(title.textContent).toMatch(/^일정표: \(주\)경남/);
    const table = (await screen.findAllByTestId('itinerary-table'))[0]!;
    expect(table.textContent).toContain('바이어');
    expect(table.textContent).toContain('통역원');
    // Buyers in both scripts… the native name, in its own script.
    expect(table.textContent).toMatch(/株式会社buyer-/);
    // The screen itself stays in the reader's language (English) around the sheet.
    expect(screen.getByTestId('itinerary-print').textContent).toBe('Print');
    unmount();

    await renderApp({
      dbName,
      path: `/missions/${records.mission.id}/itinerary/buyer/${request.buyerId}`,
    });
    const buyerTitle = await screen.findByTestId('itinerary-title');
    expect(buyerTitle.textContent).toMatch(/^韓国訪問団との商談日程：株式会社buyer-/);
    expect(screen.getAllByTestId('itinerary-row').length).toBe(
      meetings.filter(
        (m) => records.requests.find((r) => r.id === m.requestId)!.buyerId === request.buyerId,
      ).length,
    );
  }, 90_000);

  it('flags a request with two meetings (two laptops’ plans merged by sync) and cancels one', async () => {
    const dbName = uniqueDbName('mission-duplicates');
    const records = await seedDatabase(dbName);
    const seeded = new BridgeheadDatabase(dbName);
    const loaded = (await loadMissionRecords(seeded, 'hq', records.mission.id))!;
    const meetings = await applyPlan(seeded, loaded, greedyPlan(buildProblem(loaded)).solution);
    // Another laptop's meeting for the same request, an hour later, arrived by sync.
    const first = meetings[0]!;
    const later = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();
    const other = { ...first, id: 'b-meeting-1', start: later(first.start), end: later(first.end) };
    await seeded.table('missionMeetings').put(other);
    seeded.close();

    const user = userEvent.setup();
    const { db } = await renderApp({ dbName, path: `/missions/${records.mission.id}?tab=plan` });
    const alert = await screen.findByTestId('plan-duplicates');
    expect(alert.textContent).toMatch(/One meeting request has two meetings/);
    expect(within(alert).getAllByTestId('duplicate-request')).toHaveLength(1);
    const rows = within(alert).getAllByTestId('duplicate-meeting');
    expect(rows.map((r) => r.dataset.meetingId)).toEqual([first.id, other.id]);
    expect(screen.getAllByTestId('plan-duplicate-flag')).toHaveLength(2);
    // Accepting would book both: not until a person has chosen.
    expect(screen.getByTestId('plan-accept').hasAttribute('disabled')).toBe(true);

    await user.click(within(rows[1]!).getByTestId('duplicate-cancel'));
    // The confirmation's own button (the popover), not the row's.
    const confirm = await waitFor(() => {
      const button = document.querySelector<HTMLElement>('.ant-popconfirm .ant-btn-primary');
      expect(button?.textContent).toBe('Cancel this meeting');
      return button!;
    });
    await user.click(confirm);
    await waitFor(async () => {
      const stored = (await db.table('missionMeetings').get(other.id)) as { status: string };
      expect(stored.status).toBe('cancelled');
    });
    await waitFor(() => expect(screen.queryByTestId('plan-duplicates')).toBeNull());
    expect(screen.queryByTestId('plan-duplicate-flag')).toBeNull();
    expect(((await db.table('missionMeetings').get(first.id)) as { status: string }).status).toBe(
      'proposed',
    );
  }, 90_000);
});
