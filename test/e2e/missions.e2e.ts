// Issue 13 in Chromium: a Tokyo mission of 3 SME firms meeting 8 of the office's buyers is
// planned in the planner worker (HiGHS), one meeting pinned, re-planned around it, accepted
// into interpreter bookings and van trips, its Korean SME itinerary and a buyer's Japanese
// one shown for print, and an outcome recorded as a trade talk. The mission, its firms and
// requests are put into the laptop's database directly (the forms have their own tests);
// every step after that is the app's. Screens in all five languages go to
// test-results/screenshots/missions-*.png.
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages';
import { generateMission } from '../../src-shared/missions/planner/generate';
import { idbRows, type IdbRow } from './support/app';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';

const TIMEOUT = 60_000;

/** The settings screen's language picker (usable in hooks, unlike expect.poll). */
async function chooseLanguage(page: Page, language: string) {
  await page.goto(`${baseUrl()}#/settings`);
  await page.getByTestId('settings-language').click();
  await page.locator(`.ant-select-dropdown [data-language="${language}"]`).click();
  await page.waitForFunction((lng) => document.documentElement.lang === lng, language);
}

async function idbPut(page: Page, rows: Record<string, readonly object[]>) {
  await page.evaluate(
    async (all) => {
      const open = indexedDB.open('bridgehead');
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        const tx = db.transaction(Object.keys(all), 'readwrite');
        for (const [store, list] of Object.entries(all)) {
          for (const row of list) tx.objectStore(store).put(row);
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    rows as Record<string, object[]>,
  );
}

describe('trade missions in Chromium', () => {
  let laptop: Laptop;
  let missionId = '';
  let participantId = '';
  let buyerId = '';

  beforeAll(async () => {
    laptop = await openLaptop();
    const { page } = laptop;
    await chooseLanguage(page, 'en');
    await page.getByTestId('settings-office').click();
    await page.locator('.ant-select-dropdown [data-office="tokyo"]').click();
    await page.getByTestId('demo-load').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.locator('.ant-message').getByText('Demo data loaded').waitFor({ timeout: 120_000 });

    const buyers = (await idbRows(page, 'buyers')).filter((b) => b.officeId === 'tokyo');
    const firms = await idbRows(page, 'smeFirms');
    expect(buyers.length).toBeGreaterThanOrEqual(8);
    expect(firms.length).toBeGreaterThanOrEqual(3);
    // From tomorrow in Tokyo: the bookings land in the timeline's coming days.
    const arrival = DateTime.now().setZone('Asia/Tokyo').plus({ days: 1 }).toISODate()!;
    const generated = generateMission({
      seed: 5,
      smes: 3,
      requests: 12,
      days: 2,
      interpreters: 0,
      vans: 0,
      arrival,
      officeId: 'tokyo',
      windowShare: 0.3,
    });
    const buyerOf = new Map<string, IdbRow>();
    for (const r of generated.requests) {
      if (!buyerOf.has(r.buyerId)) buyerOf.set(r.buyerId, buyers[buyerOf.size % 8]!);
    }
    const mission = { ...generated.mission, name: 'Gyeongnam food mission' };
    missionId = mission.id;
    const participants = generated.participants.map((p, i) => ({
      ...p,
      smeFirmId: firms[i]!.id,
    }));
    participantId = participants[0]!.id;
    const requests = generated.requests.map((r) => ({ ...r, buyerId: buyerOf.get(r.buyerId)!.id }));
    buyerId = requests[0]!.buyerId;
    await idbPut(page, {
      missions: [mission],
      missionPlaces: generated.places,
      missionParticipants: participants,
      missionRequests: requests,
    });
  }, 180_000);

  afterAll(async () => {
    await laptop?.close();
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
    const bookings = [
      ...(await idbRows(page, 'interpreterBookings')),
      ...(await idbRows(page, 'vehicleTrips')),
    ].filter(
      (b) => (b.requester as { delegationId?: string } | undefined)?.delegationId === missionId,
    );
    expect(bookings.length).toBeGreaterThan(0);
    await page.goto(`${baseUrl()}#/vehicles?view=week`);
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
    expect(talk).toMatchObject({ startsAt: expect.any(String) });
    expect(Date.parse(talk!.startsAt as string)).toBe(Date.parse(meeting.start as string));
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
      await page.keyboard.press('Escape');
    }
    expect(laptop.errors).toEqual([]);
  }, 300_000);
});
