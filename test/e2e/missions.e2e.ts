// Issue 13 in Chromium: a Tokyo laptop linked to a real HQ server (child process, SQLite)
// types everything through the app's forms — interpreters, a van, 8 buyers, the mission, 3 SME
// firms new to the registry, their requests to meet the buyers with a Japanese interpreter —
// plans it in the planner worker (HiGHS), pins one meeting, re-plans around it, accepts it into
// interpreter bookings and van trips, finds an interpreter's booking on the timeline and in
// that interpreter's day sheet, shows its Korean SME itinerary and a buyer's Japanese one for print, records
// an outcome as a trade talk, and syncs. An HQ laptop then finds the mission in the
// dashboard's mission report with that outcome, the buyer and the firm by name. Screens in all
// five languages go to test-results/screenshots/missions-*.png.
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeBusinessRegistrationNumber } from '../../src-shared/crm/validators';
import { SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages';
import { enrollThroughUi, idbRows, pickByTyping, syncNow, SYNC_TIMEOUT } from './support/app';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';
import { startHqServer, type HqServer } from './support/hq-server';

const TIMEOUT = 60_000;
const MISSION_NAME = 'Gyeongnam food mission';
/** The Tokyo office's buyers the mission meets, typed on the laptop (native, Latin). */
const BUYERS: readonly [string, string][] = [
  ['株式会社山田商事', 'Yamada Shoji'],
  ['佐藤食品株式会社', 'Sato Foods'],
  ['株式会社鈴木精機', 'Suzuki Seiki'],
  ['高橋物産株式会社', 'Takahashi Bussan'],
  ['株式会社田中工業', 'Tanaka Kogyo'],
  ['伊藤貿易株式会社', 'Ito Boeki'],
  ['株式会社渡辺化成', 'Watanabe Kasei'],
  ['中村電機株式会社', 'Nakamura Denki'],
];
/** The delegation's firms, new to the province's registry. */
const FIRMS = ['(주)경남푸드', '(주)창원정밀', '(주)진주식품'];

/** A business registration number with a valid check digit, different for each n. */
function validBrn(n: number): string {
  for (let last = 0; last < 10; last++) {
    const brn = `${12481000 + n * 11}9${last}`;
    if (normalizeBusinessRegistrationNumber(brn)) return brn;
  }
  throw new Error('no check digit');
}
/** The month of the mission's first day (tomorrow in Tokyo). */
const missionMonth = () =>
  DateTime.now().setZone('Asia/Tokyo').plus({ days: 1 }).toFormat('yyyy-MM');

/** The settings screen's language picker (usable in hooks, unlike expect.poll). */
async function chooseLanguage(page: Page, language: string) {
  await page.goto(`${baseUrl()}#/settings`);
  await page.getByTestId('settings-language').click();
  await page.locator(`.ant-select-dropdown [data-language="${language}"]`).click();
  await page.waitForFunction((lng) => document.documentElement.lang === lng, language);
}

/** Opens an antd Select (by its form label) and takes the option with that exact text. */
async function pick(page: Page, form: string, label: string, option: string) {
  await page.getByTestId(form).getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** Waits until a store holds `count` rows (usable in hooks, unlike expect.poll). */
async function waitForRows(page: Page, store: string, count: number) {
  for (let i = 0; i < 100; i++) {
    if ((await idbRows(page, store)).length === count) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`${store}: never ${count} rows`);
}

/** Presses the open modal's primary button and waits for the modal to close. */
async function saveModal(page: Page) {
  const modal = page.locator('.ant-modal-wrap:visible');
  await modal.locator('.ant-btn-primary').click();
  await modal.waitFor({ state: 'hidden', timeout: TIMEOUT });
}

describe('trade missions in Chromium', () => {
  let hq: HqServer;
  let laptop: Laptop;
  let hqLaptop: Laptop | null = null;
  let missionId = '';
  let participantId = '';
  let buyerId = '';
  /** The buyer and firm of the meeting whose outcome is recorded. */
  let heldBuyer: Record<string, unknown> = {};
  let heldFirm: Record<string, unknown> = {};

  beforeAll(async () => {
    hq = await startHqServer();
    laptop = await openLaptop();
    const { page } = laptop;
    await chooseLanguage(page, 'en');
    // The Tokyo laptop is linked to HQ first and everything is typed through the forms: the
    // buyers and firms it meets are its own records, so they reach HQ with the mission.
    await enrollThroughUi(
      page,
      hq.url,
      await hq.createEnrollmentCode('tokyo'),
      'Tokyo laptop',
      'Tokyo',
    );
    // The office's interpreters (Korean ↔ Japanese), a driver and a van, typed too.
    await page.goto(`${baseUrl()}#/interpreters?tab=resources`);
    for (const name of ['田中 美咲', '小林 健太']) {
      await page.getByTestId('add-interpreter').click();
      await page.getByLabel('Name in native script').fill(name);
      await page.getByLabel('Language pairs').click();
      const pair = page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: 'Korean ↔ Japanese' });
      // The form may keep the last interpreter's pairs: a second click would remove it.
      if (!((await pair.getAttribute('class')) ?? '').includes('option-selected'))
        await pair.click();
      await page.getByLabel('Name in native script').click(); // closes the list
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('cell', { name }).waitFor({ timeout: TIMEOUT });
    }
    await page.goto(`${baseUrl()}#/vehicles?tab=resources`);
    await page.getByRole('button', { name: 'Add driver' }).click();
    await page.getByLabel('Name in native script').fill('佐々木 健');
    await page.getByLabel('Phone', { exact: true }).fill('+81 90 1234 5678');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: '佐々木 健' }).waitFor({ timeout: TIMEOUT });
    await page.getByTestId('add-vehicle').click();
    await page.getByLabel('License plate').fill('品川 300 あ 1234');
    await page.getByLabel('Model').fill('HiAce');
    await page.getByLabel('Seats').fill('9');
    await page.getByLabel('Usual driver').click();
    await page.locator('.ant-select-dropdown:visible').getByText('佐々木 健').click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: '品川 300 あ 1234' }).waitFor({ timeout: TIMEOUT });

    for (const [native, latin] of BUYERS) {
      await page.goto(`${baseUrl()}#/buyers/new`);
      await page.getByTestId('screen-buyer-form').waitFor({ timeout: TIMEOUT });
      await page.getByTestId('buyer-name-native').fill(native);
      await page.getByTestId('buyer-name-latin').fill(latin);
      await page.getByTestId('buyer-save').click();
      await page.getByTestId('screen-buyer').waitFor({ timeout: TIMEOUT });
    }
    await waitForRows(page, 'buyers', BUYERS.length);
    const typed = await idbRows(page, 'buyers');
    const buyers = BUYERS.map(([native]) => typed.find((b) => b.nameNative === native)!);
    expect(buyers.every((b) => b?.officeId === 'tokyo' && b.nameScript === 'ja')).toBe(true);

    // The mission, typed: from tomorrow in Tokyo, two days.
    const tomorrow = DateTime.now().setZone('Asia/Tokyo').plus({ days: 1 });
    await page.goto(`${baseUrl()}#/missions`);
    await page.getByRole('button', { name: 'New mission' }).click();
    const form = page.getByTestId('mission-form');
    await form.getByLabel('Name', { exact: true }).fill(MISSION_NAME);
    await form.getByLabel('Arrival and departure').click();
    await page.keyboard.type(tomorrow.toISODate()!);
    await page.keyboard.press('Enter');
    await page.keyboard.type(tomorrow.plus({ days: 1 }).toISODate()!);
    await page.keyboard.press('Enter');
    await saveModal(page);
    await page.getByTestId('screen-mission').waitFor({ timeout: TIMEOUT });
    missionId = decodeURIComponent(page.url().split('#/missions/')[1]!.split('?')[0]!);

    // Three SME firms, new to the registry: registered from the participant form, one person each.
    const people = ['김민준', '이서연', '박지훈'];
    for (const [i, name] of FIRMS.entries()) {
      await page.getByTestId('add-participant').click();
      await page.getByTestId('participant-new-firm').click();
      await page.getByTestId('firm-name-ko').fill(name);
      await page.getByTestId('firm-brn').fill(validBrn(i));
      await pickByTyping(page, 'firm-industry', 'Processed food');
      await page.locator('.ant-modal:visible .ant-btn-primary').last().click();
      await page.getByTestId('firm-name-ko').waitFor({ state: 'hidden', timeout: TIMEOUT });
      await page.getByTestId('participant-form').getByLabel('Name (Korean)').fill(people[i]!);
      await saveModal(page);
    }
    await waitForRows(page, 'missionParticipants', 3);
    const firms = FIRMS.map(async (name) =>
      (await idbRows(page, 'smeFirms')).find((f) => f.nameKo === name)!,
    );
    const firmRows = await Promise.all(firms);
    const participants = await idbRows(page, 'missionParticipants');
    participantId = participants.find((p) => p.smeFirmId === firmRows[0]!.id)!.id;

    // Eight buyers to meet at their premises: each firm asks for some of them. The firms'
    // people speak Korean only and the buyers Japanese: every meeting needs an interpreter.
    await page.goto(`${baseUrl()}#/missions/${missionId}?tab=requests`);
    for (const [i, buyer] of buyers.entries()) {
      await page.getByTestId('add-request').click();
      await pick(page, 'request-form', 'SME exporter', FIRMS[i % 3]!);
      await pick(page, 'request-form', 'Buyer', String(buyer.nameNative));
      await pick(page, 'request-form', 'Interpreter language', 'Japanese');
      await saveModal(page);
    }
    await waitForRows(page, 'missionRequests', 8);
    expect((await idbRows(page, 'missionRequests')).map((r) => r.language)).toEqual(
      Array(8).fill('ja'),
    );
    buyerId = buyers[0]!.id;
  }, 300_000);

  afterAll(async () => {
    await laptop?.close();
    await hqLaptop?.close();
    await hq?.dispose();
  });

  it('plans in the worker, pins, re-plans around the pin and accepts into bookings', async () => {
    const { page } = laptop;
    await page.goto(`${baseUrl()}#/missions/${missionId}?tab=plan`);
    await page.getByTestId('plan-run').click();
    await page.getByTestId('plan-summary').waitFor({ timeout: TIMEOUT });
    const first = page.getByTestId('plan-meeting').first();
    await first.waitFor({ timeout: TIMEOUT });
    // HiGHS ran in the worker: the summary names the proven bound.
    expect(await page.getByTestId('plan-summary').innerText()).toMatch(/best possible plan/);

    const pinnedId = (await first.getAttribute('data-meeting-id'))!;
    await first.getByTestId('plan-pin').click();
    await expect
      .poll(async () => (await idbRows(page, 'missionMeetings')).find((m) => m.id === pinnedId))
      .toMatchObject({ pinned: true });
    const before = (await idbRows(page, 'missionMeetings')).find((m) => m.id === pinnedId)!;
    await page.getByTestId('plan-run').click();
    // The summary of the first run is still shown: wait for this run to start and end.
    const running = page.locator('[data-testid="plan-run"].ant-btn-loading');
    await running.waitFor({ timeout: TIMEOUT });
    await running.waitFor({ state: 'detached', timeout: TIMEOUT });
    const after = (await idbRows(page, 'missionMeetings')).find((m) => m.id === pinnedId)!;
    expect(after).toMatchObject({ pinned: true, start: before.start, end: before.end });

    await page.getByTestId('plan-accept').click();
    await expect
      .poll(
        async () => (await idbRows(page, 'missionMeetings')).every((m) => m.status === 'accepted'),
        {
          timeout: TIMEOUT,
        },
      )
      .toBe(true);
    const ofMission = (b: Record<string, unknown>) =>
      (b.requester as { delegationId?: string } | undefined)?.delegationId === missionId;
    const interpreting = (await idbRows(page, 'interpreterBookings')).filter(ofMission);
    const trips = (await idbRows(page, 'vehicleTrips')).filter(ofMission);
    // Every meeting needs Japanese: each placed one went out with an interpreter, booked for it.
    const meetings = await idbRows(page, 'missionMeetings');
    expect(meetings.length).toBeGreaterThan(0);
    expect(meetings.every((m) => typeof m.interpreterId === 'string')).toBe(true);
    expect(interpreting.length).toBe(meetings.length);
    expect(trips.length).toBeGreaterThan(0);

    // The interpreters' timeline, on the first booking's day, shows it in the interpreter's row…
    const booking = interpreting.sort((a, b) => String(a.start).localeCompare(String(b.start)))[0]!;
    const interpreterId = String(booking.interpreterId);
    const day = DateTime.fromISO(String(booking.start)).setZone('Asia/Tokyo').toISODate()!;
    await page.goto(`${baseUrl()}#/interpreters?date=${day}`);
    const row = page.getByTestId(`timeline-row-${interpreterId}`);
    await row.locator('.bk-block').first().waitFor({ timeout: TIMEOUT });
    await screenshot(page, 'missions-en-interpreter-timeline');
    // …and the row's day sheet lists the mission's booking, requester = the mission.
    await page.getByTestId(`timeline-sheet-${interpreterId}`).click();
    await page.getByTestId('day-sheet-table').waitFor({ timeout: TIMEOUT });
    expect(page.url()).toContain(
      `#/interpreters/day-sheet/interpreter/${encodeURIComponent(interpreterId)}/${day}`,
    );
    const sheetRows = page.getByTestId('day-sheet-row');
    const onSheet = interpreting.filter(
      (b) =>
        b.interpreterId === interpreterId &&
        DateTime.fromISO(String(b.start)).setZone('Asia/Tokyo').toISODate() === day,
    );
    expect(await sheetRows.count()).toBe(onSheet.length);
    expect(await sheetRows.first().innerText()).toContain(MISSION_NAME);
    const interpreterName = (await idbRows(page, 'interpreters')).find(
      (i) => i.id === interpreterId,
    )!.name as { native: string };
    expect(await page.getByTestId('day-sheet').innerText()).toContain(interpreterName.native);
    await screenshot(page, 'missions-en-interpreter-day-sheet');

    await page.goto(`${baseUrl()}#/vehicles?view=week&date=${day}`);
    await page.locator('.bk-block').first().waitFor({ timeout: TIMEOUT });
    await screenshot(page, 'missions-en-timeline');
  }, 180_000);

  it('shows the firm’s itinerary in Korean and the buyer’s in Japanese for print', async () => {
    const { page } = laptop;
    await page.goto(`${baseUrl()}#/missions/${missionId}/itinerary/sme/${participantId}`);
    const title = page.getByTestId('itinerary-title');
    await title.waitFor({ timeout: TIMEOUT });
    expect(await title.innerText()).toMatch(/^일정표: /);
    expect(await page.getByTestId('itinerary').getAttribute('lang')).toBe('ko');
    await page.getByTestId('itinerary-row').first().waitFor({ timeout: TIMEOUT });
    // The printout: no app chrome, no buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('itinerary-print').isVisible()).toBe(false);
    expect(await page.locator('.bh-sider').isVisible()).toBe(false);
    await screenshot(page, 'missions-print-sme-ko');
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${baseUrl()}#/missions/${missionId}/itinerary/buyer/${buyerId}`);
    await page.getByTestId('itinerary-title').waitFor({ timeout: TIMEOUT });
    expect(await page.getByTestId('itinerary').getAttribute('lang')).toBe('ja');
    expect(await page.getByTestId('itinerary-title').innerText()).toMatch(
      /^韓国訪問団との商談日程：/,
    );
  }, 120_000);

  it('records an outcome as a trade talk', async () => {
    const { page } = laptop;
    await page.goto(`${baseUrl()}#/missions/${missionId}?tab=plan`);
    const row = page.getByTestId('plan-meeting').first();
    const meetingId = (await row.getAttribute('data-meeting-id'))!;
    await row.getByTestId('plan-outcome').click();
    await page.getByTestId('talk-form').waitFor({ timeout: TIMEOUT });
    await page.getByTestId('talk-negotiated').fill('2500000');
    await page.getByTestId('talk-save').click();
    await expect
      .poll(async () => (await idbRows(page, 'missionMeetings')).find((m) => m.id === meetingId), {
        timeout: TIMEOUT,
      })
      .toMatchObject({ status: 'done' });
    const meeting = (await idbRows(page, 'missionMeetings')).find((m) => m.id === meetingId)!;
    const talk = (await idbRows(page, 'tradeTalks')).find((t) => t.id === meeting.tradeTalkId);
    // The amount typed is the amount saved (a re-render of the plan once wiped it).
    expect(talk).toMatchObject({
      startsAt: expect.any(String),
      negotiated: { amount: { amountMinor: 2_500_000, currency: 'JPY' } },
    });
    expect(Date.parse(talk!.startsAt as string)).toBe(Date.parse(meeting.start as string));
    const request = (await idbRows(page, 'missionRequests')).find(
      (r) => r.id === meeting.requestId,
    )!;
    heldBuyer = (await idbRows(page, 'buyers')).find((b) => b.id === request.buyerId)!;
    const participant = (await idbRows(page, 'missionParticipants')).find(
      (p) => p.id === request.participantId,
    )!;
    heldFirm = (await idbRows(page, 'smeFirms')).find((f) => f.id === participant.smeFirmId)!;
    expect(FIRMS).toContain(heldFirm.nameKo);
    expect(laptop.errors).toEqual([]);
  }, 120_000);

  it('screens in all five languages', async () => {
    const { page } = laptop;
    for (const language of SUPPORTED_LANGUAGES) {
      await chooseLanguage(page, language);
      const shots: [string, string, string][] = [
        ['plan', `missions/${missionId}?tab=plan`, 'plan-meeting'],
        ['itineraries', `missions/${missionId}?tab=itineraries`, 'itineraries-tab'],
        ['sme-itinerary', `missions/${missionId}/itinerary/sme/${participantId}`, 'itinerary-row'],
        ['buyer-itinerary', `missions/${missionId}/itinerary/buyer/${buyerId}`, 'itinerary-row'],
        ['overview', `missions/${missionId}/itinerary/overview`, 'itinerary-overview'],
      ];
      for (const [name, hash, ready] of shots) {
        await page.goto(`${baseUrl()}#/${hash}`);
        await page.getByTestId(ready).first().waitFor({ timeout: TIMEOUT });
        await page.mouse.move(0, 0);
        await screenshot(page, `missions-${language}-${name}`);
      }
      await page.goto(`${baseUrl()}#/missions/${missionId}?tab=plan`);
      await page.getByTestId('plan-outcome').first().click();
      await page.getByTestId('talk-form').waitFor({ timeout: TIMEOUT });
      await screenshot(page, `missions-${language}-outcome`);
      await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
      await page.getByTestId('talk-form').waitFor({ state: 'hidden', timeout: TIMEOUT });
      // The participant form, with its button that registers a new SME exporter.
      await page.goto(`${baseUrl()}#/missions/${missionId}?tab=participants`);
      await page.getByTestId('add-participant').click();
      await page.getByTestId('participant-new-firm').waitFor({ timeout: TIMEOUT });
      await screenshot(page, `missions-${language}-participant-form`);
      await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
      await page.getByTestId('participant-form').waitFor({ state: 'hidden', timeout: TIMEOUT });
    }

    // Another laptop's accepted plan, merged by sync, gave a request a second meeting (an
    // hour later): the plan tab flags it and a person cancels one.
    const kept = (await idbRows(page, 'missionMeetings')).find((m) => m.status === 'accepted')!;
    const later = (iso: unknown) => new Date(Date.parse(iso as string) + 3_600_000).toISOString();
    const second = {
      ...kept,
      id: 'other-laptop-meeting',
      start: later(kept.start),
      end: later(kept.end),
    };
    await page.evaluate(async (row) => {
      const open = indexedDB.open('bridgehead');
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('missionMeetings', 'readwrite');
        tx.objectStore('missionMeetings').put(row);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, second);
    for (const language of SUPPORTED_LANGUAGES) {
      await chooseLanguage(page, language);
      await page.goto(`${baseUrl()}#/missions/${missionId}?tab=plan`);
      const alert = page.getByTestId('plan-duplicates');
      await alert.waitFor({ timeout: TIMEOUT });
      expect(await alert.getByTestId('duplicate-meeting').count()).toBe(2);
      await page.mouse.move(0, 0);
      await screenshot(page, `missions-${language}-duplicates`);
    }
    await chooseLanguage(page, 'en');
    await page.goto(`${baseUrl()}#/missions/${missionId}?tab=plan`);
    await page
      .locator('[data-testid="duplicate-meeting"][data-meeting-id="other-laptop-meeting"]')
      .getByTestId('duplicate-cancel')
      .click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('plan-duplicates').waitFor({ state: 'detached', timeout: TIMEOUT });
    expect(
      (await idbRows(page, 'missionMeetings')).find((m) => m.id === 'other-laptop-meeting'),
    ).toMatchObject({ status: 'cancelled' });
    expect(laptop.errors).toEqual([]);
  }, 400_000);

  it('syncs to HQ, where the mission report shows the outcome', async () => {
    const { page } = laptop;
    await chooseLanguage(page, 'en');
    await syncNow(page);
    hqLaptop = await openLaptop();
    const hqPage = hqLaptop.page;
    await chooseLanguage(hqPage, 'en');
    await enrollThroughUi(
      hqPage,
      hq.url,
      await hq.createEnrollmentCode('hq'),
      'Changwon desk',
      'HQ',
    );
    await hqPage.goto(`${baseUrl()}#/hq-dashboard?from=${missionMonth()}&to=${missionMonth()}`);
    const row = hqPage.getByTestId('hq-missions').locator('tr', { hasText: MISSION_NAME });
    await row.waitFor({ timeout: SYNC_TIMEOUT });
    // One meeting of the plan held (its outcome recorded), one trade talk, one buyer, one firm.
    expect(await row.innerText()).toMatch(/\b1 of \d+/);
    await row.getByRole('button', { name: MISSION_NAME }).click();
    await hqPage.getByTestId('hq-mission-focus').waitFor({ timeout: TIMEOUT });
    expect(hqPage.url()).toContain(`mission=${encodeURIComponent(missionId)}`);
    for (const figure of ['talksHeld', 'buyersMet', 'smeFirmsHelped']) {
      expect(await hqPage.getByTestId(`hq-mission-figure-${figure}`).innerText()).toMatch(/\n1$/);
    }
    // The drill-down lists the talk typed at the buyer's door, in its own currency.
    await hqPage.getByTestId('hq-mission-figure-negotiated').click();
    const drill = hqPage.getByTestId('hq-drill');
    // Data rows only: antd's "no data" placeholder is a tbody row too, shown while loading.
    const talkRows = drill.locator('tbody tr.ant-table-row');
    await talkRows.first().waitFor({ timeout: TIMEOUT });
    expect(await talkRows.count()).toBe(1);
    // …with the buyer (both scripts) and the firm by name: the laptop's own records reached HQ.
    const talkRow = await talkRows.innerText();
    expect(talkRow).toMatch(/2,500,000/);
    expect(talkRow).toContain(heldBuyer.nameNative as string);
    expect(talkRow).toContain(heldBuyer.nameLatin as string);
    expect(talkRow).toContain(heldFirm.nameKo as string);
    await hqPage.keyboard.press('Escape');
    // Filtered to the mission, the talk breakdowns narrow to its talks (not hidden); the
    // offices' period figures stay out of a mission's view.
    const byCountry = hqPage.getByTestId('hq-by-country');
    await byCountry.locator('tr', { hasText: 'Japan' }).waitFor({ timeout: TIMEOUT });
    expect(await byCountry.locator('tbody tr').count()).toBe(1);
    expect(await hqPage.getByTestId('hq-office-table').count()).toBe(0);
    expect(hqLaptop.errors).toEqual([]);

    // HQ's dashboard: the period's missions, and the dashboard filtered to this one.
    const period = `from=${missionMonth()}&to=${missionMonth()}`;
    for (const language of SUPPORTED_LANGUAGES) {
      await chooseLanguage(hqPage, language);
      await hqPage.goto(`${baseUrl()}#/hq-dashboard?${period}`);
      await hqPage.getByTestId('hq-missions').locator('tr.ant-table-row').first().waitFor();
      await hqPage.mouse.move(0, 0);
      await screenshot(hqPage, `missions-${language}-hq-missions`);
      // Tokyo's printable one-pager lists the office's missions of the period.
      await hqPage.getByTestId('hq-onepager-tokyo').click();
      const onePagerMissions = hqPage
        .getByTestId('hq-onepager')
        .getByTestId('hq-onepager-missions');
      await onePagerMissions.waitFor({ timeout: TIMEOUT });
      expect(await onePagerMissions.innerText()).toContain(MISSION_NAME);
      await screenshot(hqPage, `missions-${language}-hq-onepager`);
      await hqPage.keyboard.press('Escape');
      await hqPage.getByTestId('hq-onepager').waitFor({ state: 'hidden' });
      await hqPage.goto(
        `${baseUrl()}#/hq-dashboard?${period}&mission=${encodeURIComponent(missionId)}`,
      );
      await hqPage.getByTestId('hq-mission-focus').waitFor();
      await screenshot(hqPage, `missions-${language}-hq-mission`);
    }
    expect(hqLaptop.errors).toEqual([]);
  }, 400_000);
});
