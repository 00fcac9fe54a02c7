// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 30_000 });
import { renderApp } from '../renderer/render-app';
import { DAY, driver, morningTrip, seed, van } from './fixtures';

let consoleErrors: unknown[][];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** i18n problems (missing keys) must not hide behind a passing test. */
function missingKeys() {
  return consoleErrors.filter((args) => String(args[0]).includes('[i18n]'));
}

async function openVehicles(path = `/vehicles?date=${DAY}`) {
  const app = await renderApp({ path });
  await seed(app.db);
  await screen.findByTestId(`block-${morningTrip.id}`);
  return app;
}

async function trips(app: Awaited<ReturnType<typeof renderApp>>) {
  return (await app.db.table('vehicleTrips').toArray()) as Array<{
    id: string;
    start: string;
    end: string;
    pickUp: { address: string };
    driverId: string | null;
  }>;
}

/** Opens an antd Select by its test id and picks the option with this text. */
async function choose(user: ReturnType<typeof userEvent.setup>, testId: string, text: string) {
  const select = screen.getByTestId(testId);
  const input = within(select).getByRole('combobox');
  await user.click(input);
  // The list is virtual: search so the option is rendered.
  await user.type(input, text);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option')].find(
      (el) => el.textContent === text && !el.closest('.ant-select-dropdown-hidden'),
    );
    if (!found) throw new Error(`no option ${text}`);
    return found as HTMLElement;
  });
  await user.click(option);
}

describe('vehicle timeline', () => {
  it('shows one h1, the vehicle row and the seeded trip in office time', async () => {
    await openVehicles();
    const root = screen.getByTestId('screen-vehicles');
    expect(within(root).getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByTestId(`timeline-row-${van.id}`).textContent).toContain('GN-VAN-1');
    const block = screen.getByTestId(`block-${morningTrip.id}`);
    // A one-hour trip in the day fitted to 1024 px (73 px) shows its start; the whole
    // range is in its name and tooltip.
    expect(block.textContent).toMatch(/^09:00 /);
    expect(block.getAttribute('aria-label')).toMatch(
      /^09:00 Gyeongnam trade mission, 09:00–10:00, /,
    );
    // The van's usual driver is in the row's subtitle, not repeated on each trip; the
    // reader is English: the driver's name in Latin letters.
    expect(block.textContent).not.toContain('KIM Minsu');
    expect(screen.getByTestId(`timeline-row-${van.id}`).textContent).toContain('KIM Minsu');
    expect(missingKeys()).toEqual([]);
  });

  it('creates a trip from the row button with the office-zone wall times', async () => {
    const user = userEvent.setup();
    const app = await openVehicles();
    await user.click(screen.getByTestId(`timeline-new-${van.id}`));
    const drawer = await screen.findByTestId('booking-drawer');
    // Prefilled: this vehicle, its usual driver, 09:00 on the shown day (busy: 09:00-10:00 + 15 min).
    await choose(user, 'booking-start', '13:00');
    await user.type(within(drawer).getByTestId('booking-pickup'), 'Changwon City Hall');
    await user.type(within(drawer).getByTestId('booking-dropoff'), '김해국제공항');
    await waitFor(() =>
      expect(screen.getByTestId('booking-availability').textContent).toContain('Free at this time'),
    );
    await user.click(screen.getByTestId('booking-save'));
    await waitFor(async () => expect(await trips(app)).toHaveLength(2));
    const created = (await trips(app)).find((t) => t.id !== morningTrip.id)!;
    // 13:00-14:00 in Seoul (UTC+9).
    expect(created.start).toBe('2025-03-10T04:00:00.000Z');
    expect(created.end).toBe('2025-03-10T05:00:00.000Z');
    expect(created.driverId).toBe(driver.id);
    expect(created.pickUp.address).toBe('Changwon City Hall');
    // It is in the outbox, so it reaches HQ.
    expect(await app.db.table('_outbox').count()).toBeGreaterThan(0);
    await screen.findByTestId(`block-${created.id}`);
  });

  it('refuses a clash, names the clashing trip and offers the next free slot, then books it', async () => {
    const user = userEvent.setup();
    const app = await openVehicles();
    await user.click(screen.getByTestId(`timeline-new-${van.id}`));
    const drawer = await screen.findByTestId('booking-drawer');
    await choose(user, 'booking-start', '09:30');
    await user.type(within(drawer).getByTestId('booking-pickup'), 'Hotel');
    await user.type(within(drawer).getByTestId('booking-dropoff'), 'Factory');
    // Live availability already says no.
    await waitFor(() =>
      expect(screen.getByTestId('availability-clash').textContent).toContain('GN-VAN-1'),
    );
    await user.click(screen.getByTestId('booking-save'));
    const refusal = await screen.findByTestId('save-refusal');
    expect(refusal.textContent).toContain('This vehicle is already scheduled at this time');
    expect(screen.getByTestId('save-refusal-clash').textContent).toBe(
      'It clashes with GN-VAN-1 · KIM Minsu · Gyeongnam trade mission (Mar 10, 2025 09:00–10:00).',
    );
    // 10:00 + 15 minutes turnaround.
    expect(screen.getByTestId('save-refusal-slot').textContent).toBe(
      'Next free time: Mar 10, 2025 10:15–11:15.',
    );
    expect(await trips(app)).toHaveLength(1);

    await user.click(screen.getByTestId('save-refusal-use-slot'));
    await user.click(screen.getByTestId('booking-save'));
    await waitFor(async () => expect(await trips(app)).toHaveLength(2));
    const created = (await trips(app)).find((t) => t.id !== morningTrip.id)!;
    expect(created.start).toBe('2025-03-10T01:15:00.000Z');
    expect(missingKeys()).toEqual([]);
  });

  it('moves a trip with the keyboard: M, then arrows by 15 minutes, Enter saves, clashes refused', async () => {
    const app = await openVehicles();
    // A second trip at 11:00-12:00 to run into.
    await app.db.table('vehicleTrips').put({
      ...morningTrip,
      id: 'trip-late',
      start: '2025-03-10T02:00:00.000Z',
      end: '2025-03-10T03:00:00.000Z',
      requester: { kind: 'delegation', label: 'Buyer visit' },
    });
    await screen.findByTestId('block-trip-late');
    const block = screen.getByTestId(`block-${morningTrip.id}`);
    block.focus();
    fireEvent.keyDown(block, { key: 'm' });
    fireEvent.keyDown(block, { key: 'ArrowRight' });
    fireEvent.keyDown(block, { key: 'ArrowRight' });
    expect(screen.getByTestId('timeline-announcement').textContent).toContain('09:30–10:30');
    fireEvent.keyDown(block, { key: 'ArrowRight', shiftKey: true });
    fireEvent.keyDown(block, { key: 'Enter' });
    await waitFor(async () => {
      const moved = (await trips(app)).find((t) => t.id === morningTrip.id)!;
      expect(moved.start).toBe('2025-03-10T00:30:00.000Z');
      expect(moved.end).toBe('2025-03-10T01:45:00.000Z');
    });

    // 10:45 end + 15 min buffer would still fit before 11:00; three more steps run into it.
    await screen.findByText('Booking moved.');
    const again = screen.getByTestId(`block-${morningTrip.id}`);
    again.focus();
    fireEvent.keyDown(again, { key: 'm' });
    for (let i = 0; i < 3; i += 1) fireEvent.keyDown(again, { key: 'ArrowRight' });
    fireEvent.keyDown(again, { key: 'Enter' });
    const refusal = await screen.findByTestId('move-refusal');
    expect(refusal.textContent).toContain('Buyer visit');
    const kept = (await trips(app)).find((t) => t.id === morningTrip.id)!;
    expect(kept.start).toBe('2025-03-10T00:30:00.000Z');

    // Escape drops a pending move.
    const block3 = screen.getByTestId(`block-${morningTrip.id}`);
    fireEvent.keyDown(block3, { key: 'm' });
    fireEvent.keyDown(block3, { key: 'ArrowLeft' });
    expect(screen.getByTestId('timeline-announcement').textContent).not.toBe('');
    fireEvent.keyDown(block3, { key: 'Escape' });
    expect(screen.getByTestId('timeline-announcement').textContent).toBe('');
  });

  it('roves between bookings and rows with arrow keys, and moves a trip to another vehicle (conflict checked)', async () => {
    const app = await openVehicles();
    const { defaultDriverId: _none, ...noDriver } = van;
    await app.db.table('vehicles').put({ ...noDriver, id: 'van-2', plate: 'GN-VAN-2' });
    await app.db.table('vehicleTrips').put({
      ...morningTrip,
      id: 'trip-van2',
      vehicleId: 'van-2',
      driverId: null,
      requester: { kind: 'delegation', label: 'Buyer visit' },
    });
    const other = await screen.findByTestId('block-trip-van2');
    const block = screen.getByTestId(`block-${morningTrip.id}`);
    // Roving focus: one block in the tab order.
    expect(block.tabIndex).toBe(0);
    expect(other.tabIndex).toBe(-1);
    block.focus();
    fireEvent.keyDown(block, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(other);
    expect(other.tabIndex).toBe(0);
    fireEvent.keyDown(other, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getByTestId(`block-${morningTrip.id}`));

    // M, then down: the same time on GN-VAN-2, which is taken: refused, naming the clash.
    const moving = screen.getByTestId(`block-${morningTrip.id}`);
    fireEvent.keyDown(moving, { key: 'm' });
    fireEvent.keyDown(moving, { key: 'ArrowDown' });
    expect(screen.getByTestId('timeline-announcement').textContent).toContain('GN-VAN-2');
    await waitFor(() =>
      expect(screen.getByTestId('timeline-row-van-2').className).toContain('bk-row-drop'),
    );
    const inRow2 = within(screen.getByTestId('timeline-row-van-2')).getByTestId(
      `block-${morningTrip.id}`,
    );
    expect(document.activeElement).toBe(inRow2);
    fireEvent.keyDown(inRow2, { key: 'Enter' });
    const refusal = await screen.findByTestId('move-refusal');
    expect(refusal.textContent).toContain('Buyer visit');
    let saved = (await app.db.table('vehicleTrips').get(morningTrip.id)) as { vehicleId: string };
    expect(saved.vehicleId).toBe('van-1');

    // 10:15, after the other trip and its 15-minute turnaround: saved on GN-VAN-2.
    const again = await waitFor(() =>
      within(screen.getByTestId(`timeline-row-${van.id}`)).getByTestId(`block-${morningTrip.id}`),
    );
    again.focus();
    fireEvent.keyDown(again, { key: 'm' });
    fireEvent.keyDown(again, { key: 'ArrowDown' });
    const moved = within(screen.getByTestId('timeline-row-van-2')).getByTestId(
      `block-${morningTrip.id}`,
    );
    for (let i = 0; i < 5; i += 1) fireEvent.keyDown(moved, { key: 'ArrowRight' });
    fireEvent.keyDown(moved, { key: 'Enter' });
    await waitFor(async () => {
      saved = (await app.db.table('vehicleTrips').get(morningTrip.id)) as { vehicleId: string };
      expect(saved).toMatchObject({ vehicleId: 'van-2', start: '2025-03-10T01:15:00.000Z' });
    });
    expect(missingKeys()).toEqual([]);
  });

  it('prints a day sheet with the driver in the reader script, phone, messenger and local addresses', async () => {
    const app = await renderApp({
      path: `/vehicles/day-sheet/vehicle/${van.id}/${DAY}`,
      language: 'ko',
    });
    await seed(app.db);
    const rows = await screen.findAllByTestId('day-sheet-row');
    expect(rows).toHaveLength(1);
    const sheet = screen.getByTestId('day-sheet');
    expect(within(sheet).getByRole('heading', { level: 1 }).textContent).toBe(
      '일일 운행표: 차량 GN-VAN-1 · Hyundai Staria',
    );
    const row = rows[0]!.textContent ?? '';
    expect(row).toContain('09:00–10:00');
    // A Korean reader gets the Hangul name, with the Latin form beside it.
    expect(row).toContain('김민수');
    expect(row).toContain('KIM Minsu');
    expect(row).toContain('+82 10 1234 5678');
    expect(row).toContain('카카오톡 minsu.kim');
    expect(row).toContain('창원시 의창구 중앙대로 300');
    expect(row).toContain('김해국제공항 국내선');
    expect(row).toContain('박지성');
    const print = vi.fn();
    vi.stubGlobal('print', print);
    fireEvent.click(screen.getByTestId('print'));
    // Printing asks why first (issue 14): nothing prints before the answer.
    fireEvent.click(await screen.findByTestId('reason-meeting_prep'));
    expect(print).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('reason-ok'));
    await waitFor(() => expect(print).toHaveBeenCalledOnce());
    vi.unstubAllGlobals();
  });

  it('exports the vehicle calendar as ICS with the office zone and translated summaries', async () => {
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:ics';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    const app = await renderApp({
      path: `/vehicles?date=${DAY}&tab=agenda&resource=vehicle:${van.id}`,
      language: 'ja',
    });
    await seed(app.db);
    await waitFor(() => expect(screen.getByTestId('agenda').textContent).toContain('09:00–10:00'));
    await user.click(screen.getByTestId('ics-export'));
    await user.click(await screen.findByTestId('reason-report'));
    await user.click(screen.getByTestId('reason-ok'));
    await waitFor(() => expect(downloads).toEqual(['GN-VAN-1.ics']));
    expect(blobs[0]!.type).toContain('text/calendar');
    const text = (await blobs[0]!.text()).replace(/\r\n /g, '');
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain('DTSTART;TZID=Asia/Seoul:20250310T090000');
    expect(text).toContain('DTEND;TZID=Asia/Seoul:20250310T100000');
    expect(text).toContain('BEGIN:VTIMEZONE');
    // A Japanese reader: the driver's Hangul name is not readable, so the Latin one.
    expect(text).toContain('SUMMARY:GN-VAN-1 · KIM Minsu · Gyeongnam trade mission');
    expect(text).toContain(`UID:${morningTrip.id}@`);
    expect(text).toContain('LOCATION:창원시 의창구 중앙대로 300 → 김해국제공항 국내선');
    expect(missingKeys()).toEqual([]);
  });

  it('lists an after-sync overlap in the conflict inbox, marks both trips, and resolves it', async () => {
    const user = userEvent.setup();
    const app = await renderApp({ path: `/vehicles?date=${DAY}` });
    // As if pulled from another laptop: written straight to the table, no check.
    const twin = {
      ...morningTrip,
      id: 'trip-twin',
      status: 'tentative' as const,
      requester: { kind: 'delegation' as const, label: 'Other laptop' },
    };
    await seed(app.db, [morningTrip, twin]);
    await screen.findByTestId('block-trip-twin');
    await waitFor(() =>
      expect(screen.getByTestId(`block-${morningTrip.id}`).className).toContain('bk-in-conflict'),
    );
    expect(screen.getByTestId('block-trip-twin').className).toContain('bk-in-conflict');
    // One pair of trips clashing on the vehicle and on its driver: one inbox entry.
    expect(screen.getByTestId('conflicts-tab').textContent).toContain('1');
    await user.click(screen.getByTestId('conflicts-tab'));
    const card = await screen.findByTestId('conflict-card');
    expect(card.textContent).toContain(
      'Vehicle GN-VAN-1 is booked twice · Driver KIM Minsu is booked twice',
    );
    expect(card.textContent).toContain('Other laptop');
    // Reschedule the twin to the first free time after the other trip (10:00 + 15 min buffer).
    const move = within(card)
      .getAllByRole('button')
      .find(
        (b) =>
          b.textContent?.startsWith('Move to') &&
          b.closest('.bk-conflict-booking')?.textContent?.includes('Other laptop'),
      );
    expect(move?.textContent).toBe('Move to Mar 10, 2025 10:15–11:15');
    await user.click(move!);
    await screen.findByTestId('conflicts-empty');
    const moved = (await trips(app)).find((t) => t.id === 'trip-twin')!;
    expect(moved.start).toBe('2025-03-10T01:15:00.000Z');
    expect(missingKeys()).toEqual([]);
  });

  it('edits one day of a daily series as "this one", leaving the others', async () => {
    const user = userEvent.setup();
    const series = {
      ...morningTrip,
      id: 'daily',
      recurrence: {
        freq: 'daily' as const,
        interval: 1,
        count: 5,
        timeZone: 'Asia/Seoul',
        exdates: [],
      },
    };
    const app = await renderApp({ path: '/vehicles?date=2025-03-11' });
    await seed(app.db, [series]);
    await user.click(await screen.findByTestId('block-daily'));
    await screen.findByTestId('booking-drawer');
    expect(screen.getByTestId('booking-scope').textContent).toContain('This one');
    await choose(user, 'booking-start', '14:00');
    await user.click(screen.getByTestId('booking-save'));
    await waitFor(async () => expect(await trips(app)).toHaveLength(2));
    const rows = (await app.db.table('vehicleTrips').toArray()) as Array<{
      id: string;
      start: string;
      recurrence?: { exdates: string[] };
      detachedFrom?: { seriesId: string };
    }>;
    const kept = rows.find((r) => r.id === 'daily')!;
    const detached = rows.find((r) => r.id !== 'daily')!;
    expect(kept.recurrence?.exdates).toEqual(['2025-03-11T00:00:00.000Z']);
    expect(detached.start).toBe('2025-03-11T05:00:00.000Z');
    expect(detached.detachedFrom?.seriesId).toBe('daily');
    expect(detached.recurrence).toBeUndefined();
  });
});

describe('the vehicles list (issue 16)', () => {
  it('names the turnaround time once: the heading carries no unit, the cell says "15 minutes"', async () => {
    const app = await renderApp({ path: '/vehicles?tab=resources' });
    await seed(app.db);
    const row = await screen.findByText('GN-VAN-1');
    const table = row.closest('table')!;
    const headings = [...table.querySelectorAll('th')].map((th) => th.textContent);
    expect(headings).toContain('Turnaround time');
    expect(headings.join(' ')).not.toMatch(/minutes/);
    expect(row.closest('tr')!.textContent).toContain('15 minutes');
    expect(missingKeys()).toEqual([]);
  });
});
