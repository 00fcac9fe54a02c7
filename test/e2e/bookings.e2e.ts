// Vehicle schedules in a real Chromium: a Los Angeles office books a van, is
// refused on a clash, drags a trip, prints a driver's day sheet and exports
// ICS; then the timeline, the form and the day sheet in all five languages.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src-shared/bookings';
import { SUPPORTED_LANGUAGES, type Language } from '../../src-shared/i18n/languages';
import { idbRows } from './support/app';
import { seriousA11yViolations } from './support/axe';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';

const DAY = '2025-03-10'; // the Monday after the spring-forward Sunday: PDT, UTC-7
const RAW_KEY = /\b[a-z][a-zA-Z]+(\.[a-zA-Z_]+){1,}\b/;

async function chooseLanguage(page: Page, language: Language) {
  await page.goto(`${baseUrl()}#/settings`);
  await page.getByTestId('settings-language').click();
  await page.locator(`.ant-select-dropdown [data-language="${language}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

/** antd Select: open, search, take the highlighted option. */
async function selectOption(
  page: Page,
  testIdOrLabel: { testId?: string; label?: string },
  text: string,
) {
  const select = testIdOrLabel.testId
    ? page.getByTestId(testIdOrLabel.testId)
    : page.getByLabel(testIdOrLabel.label!, { exact: true });
  await select.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The row (vehicle or interpreter) a booking's block is drawn in. */
function blockRow(page: Page, bookingTestId: string) {
  return page
    .getByTestId(bookingTestId)
    .evaluate((block) => block.closest('[data-row-id]')?.getAttribute('data-row-id'));
}

/**
 * Until a move or resize is saved: the block shows its new place at once and is disabled
 * while the save runs, and a drag or focus meanwhile would be ignored.
 */
async function saved(page: Page, bookingTestId: string) {
  await expect.poll(() => page.getByTestId(bookingTestId).isEnabled()).toBe(true);
}

async function blockTimes(page: Page, bookingTestId: string) {
  const block = page.getByTestId(bookingTestId);
  return {
    start: await block.getAttribute('data-start'),
    end: await block.getAttribute('data-end'),
  };
}

describe('vehicle schedules', () => {
  const opened: Laptop[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((l) => l.close()));
  });

  it('books, refuses a clash, drags, prints a day sheet and exports ICS in Los Angeles', async () => {
    const laptop = await openLaptop();
    opened.push(laptop);
    const { page } = laptop;
    await chooseLanguage(page, 'en');
    await page.getByTestId('settings-office').click();
    await page.locator('.ant-select-dropdown [data-office="losangeles"]').click();

    // A driver and a van.
    await page.goto(`${baseUrl()}#/vehicles?tab=resources`);
    await page.getByRole('button', { name: 'Add driver' }).click();
    await page.getByLabel('Name in native script').fill('Carlos Díaz');
    await page.getByLabel('Phone', { exact: true }).fill('+1 213 555 0147');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Carlos Díaz' }).waitFor();
    await page.getByTestId('add-vehicle').click();
    await page.getByLabel('License plate').fill('8ABC123');
    await page.getByLabel('Model').fill('Ford Transit');
    await page.getByLabel('Seats').fill('7');
    await page.getByLabel('Usual driver').click();
    await page.locator('.ant-select-dropdown:visible').getByText('Carlos Díaz').click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: '8ABC123' }).waitFor();

    // Book 09:00-10:00 from the row's "+" button.
    await page.goto(`${baseUrl()}#/vehicles?date=${DAY}`);
    const row = page.locator('[data-testid^="timeline-row-"]').first();
    const vehicleId = ((await row.getAttribute('data-testid')) ?? '').replace('timeline-row-', '');
    await page.getByTestId(`timeline-new-${vehicleId}`).click();
    await page.getByTestId('booking-pickup').fill('LAX Terminal B');
    await page.getByTestId('booking-dropoff').fill('1000 Wilshire Blvd, Los Angeles');
    await page.getByTestId('booking-passengers').fill('5');
    await expect
      .poll(() => page.getByTestId('booking-availability').innerText())
      .toContain('Free at this time');
    await page.getByTestId('booking-save').click();
    const first = page.locator('.bk-block').first();
    await first.waitFor();
    const firstId = (await first.getAttribute('data-testid'))!;
    expect(await blockTimes(page, firstId)).toEqual({
      start: '2025-03-10T16:00:00.000Z',
      end: '2025-03-10T17:00:00.000Z',
    });

    // 09:30 clashes: refused with the trip named and the next free slot offered.
    await page.getByTestId(`timeline-new-${vehicleId}`).click();
    await selectOption(page, { testId: 'booking-start' }, '09:30');
    await page.getByTestId('booking-pickup').fill('Hotel Figueroa');
    await page.getByTestId('booking-dropoff').fill('Port of Long Beach');
    await page.getByTestId('booking-save').click();
    const refusal = page.getByTestId('save-refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('This vehicle is already scheduled at this time');
    expect(await page.getByTestId('save-refusal-clash').innerText()).toContain(
      '8ABC123 · Carlos Díaz',
    );
    // 10:00 end + the van's 15-minute turnaround.
    expect(await page.getByTestId('save-refusal-slot').innerText()).toContain('10:15–11:15');
    await screenshot(page, 'bookings/en-form-refused');
    await page.getByTestId('save-refusal-use-slot').click();
    await page.getByTestId('booking-save').click();
    await expect.poll(() => page.locator('.bk-block').count()).toBe(2);

    // Drag the first trip one hour earlier with the mouse.
    // The day fitted to the viewport: the timeline says how many pixels an hour takes.
    const pxPerHour = Number(await page.getByTestId('timeline').getAttribute('data-px-per-hour'));
    expect(pxPerHour).toBeGreaterThan(40);
    const box = (await page.getByTestId(firstId).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - pxPerHour / 2, box.y + box.height / 2, {
      steps: 4,
    });
    await page.mouse.move(box.x + box.width / 2 - pxPerHour, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect
      .poll(() => blockTimes(page, firstId))
      .toEqual({ start: '2025-03-10T15:00:00.000Z', end: '2025-03-10T16:00:00.000Z' });
    await saved(page, firstId);

    // Dragging it onto the second trip is refused and it stays put.
    const moved = (await page.getByTestId(firstId).boundingBox())!;
    await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height / 2);
    await page.mouse.down();
    await page.mouse.move(moved.x + moved.width / 2 + pxPerHour, moved.y + moved.height / 2, {
      steps: 4,
    });
    await page.mouse.move(moved.x + moved.width / 2 + 2 * pxPerHour, moved.y + moved.height / 2, {
      steps: 4,
    });
    await page.mouse.up();
    await page.getByTestId('move-refusal').waitFor();
    expect(await blockTimes(page, firstId)).toEqual({
      start: '2025-03-10T15:00:00.000Z',
      end: '2025-03-10T16:00:00.000Z',
    });
    await screenshot(page, 'bookings/en-vehicles-refused-drag');
    await saved(page, firstId);

    // Resize with the mouse: the block's last 8 px are its grip. 09:00 -> 08:30 -> 09:00.
    const resize = async (dx: number) => {
      const b = (await page.getByTestId(firstId).boundingBox())!;
      const x = b.x + b.width - 3;
      await page.mouse.move(x, b.y + b.height / 2);
      await page.mouse.down();
      await page.mouse.move(x + dx / 2, b.y + b.height / 2, { steps: 4 });
      await page.mouse.move(x + dx, b.y + b.height / 2, { steps: 4 });
      await page.mouse.up();
    };
    await resize(-pxPerHour / 2);
    await expect
      .poll(() => blockTimes(page, firstId))
      .toEqual({ start: '2025-03-10T15:00:00.000Z', end: '2025-03-10T15:30:00.000Z' });
    await saved(page, firstId);
    await resize(pxPerHour / 2);
    await expect
      .poll(() => blockTimes(page, firstId))
      .toEqual({ start: '2025-03-10T15:00:00.000Z', end: '2025-03-10T16:00:00.000Z' });
    await saved(page, firstId);

    // The driver's day sheet, as printed.
    const driverId = await page.evaluate(async () => {
      const open = indexedDB.open('bridgehead');
      const db: IDBDatabase = await new Promise(
        (resolve) => (open.onsuccess = () => resolve(open.result)),
      );
      const rows: Array<{ id: string }> = await new Promise((resolve) => {
        const req = db.transaction('drivers').objectStore('drivers').getAll();
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      return rows[0]!.id;
    });
    await page.goto(`${baseUrl()}#/vehicles/day-sheet/driver/${driverId}/${DAY}`);
    await page.getByTestId('day-sheet-table').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.bh-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    const printed = await page.getByTestId('day-sheet').innerText();
    expect(printed).toContain('Carlos Díaz');
    expect(printed).toContain('+1 213 555 0147');
    expect(printed).toContain('08:00–09:00');
    expect(printed).toContain('10:15–11:15');
    expect(printed).toContain('LAX Terminal B');
    expect(printed).toContain('Port of Long Beach');
    expect(printed).toContain('8ABC123');
    await screenshot(page, 'bookings/en-day-sheet-print');
    // Los Angeles prints on Letter by default; the @page rule carries the choice into print.
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('page-rule').textContent()).toContain('size: letter');
    const letterPdf = await page.pdf({ preferCSSPageSize: true });
    expect(letterPdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 612 792\s*\]/);
    await page.getByTestId('paper-size').getByText('A4').click();
    expect(await page.getByTestId('page-rule').textContent()).toContain('size: A4');
    const a4Pdf = await page.pdf({ preferCSSPageSize: true });
    expect(a4Pdf.toString('latin1')).toMatch(
      /\/MediaBox\s*\[\s*0 0 59[45][.\d]* 84[12][.\d]*\s*\]/,
    );
    // Browser mode: no Electron bridge, so no "Save as PDF"; print CSS + window.print.
    expect(await page.getByTestId('save-pdf').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format, printBackground: false });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // One sheet of paper for two trips.
      expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    }
    await page.emulateMedia({ media: 'screen' });

    // ICS of the van.
    await page.goto(`${baseUrl()}#/vehicles?date=${DAY}&tab=agenda&resource=vehicle:${vehicleId}`);
    await page.getByTestId('agenda').getByText('08:00–09:00').waitFor();
    const downloaded = page.waitForEvent('download');
    await page.getByTestId('ics-export').click();
    // The reason prompt (issue 14) comes first: no file until a reason is given, and the
    // export is then on record with it.
    await page.getByTestId('reason-backup').click();
    await page.getByTestId('reason-ok').click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('8ABC123.ics');
    const exports = (await idbRows(page, '_accessLog')).filter((e) => e.action === 'export');
    expect(exports.map((e) => e.format)).toEqual(['ics']);
    const ics = readFileSync((await download.path())!, 'utf8').replace(/\r\n /g, '');
    expect(ics).toContain('DTSTART;TZID=America/Los_Angeles:20250310T080000');
    expect(ics).toContain('DTSTART;TZID=America/Los_Angeles:20250310T101500');
    expect(ics).toContain('SUMMARY:8ABC123 · Carlos Díaz · Trade talk');
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(laptop.errors).toEqual([]);

    // A second van; drag the 08:00 trip down onto its row: reassigned, same time.
    await page.goto(`${baseUrl()}#/vehicles?tab=resources`);
    await page.getByTestId('add-vehicle').click();
    await page.getByLabel('License plate').fill('9XYZ456');
    await page.getByLabel('Model').fill('Toyota Sienna');
    await page.getByLabel('Seats').fill('7');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: '9XYZ456' }).waitFor();
    await page.goto(`${baseUrl()}#/vehicles?date=${DAY}`);
    await expect.poll(() => page.locator('[data-testid^="timeline-row-"]').count()).toBe(2);
    const rowIds = await page
      .locator('[data-testid^="timeline-row-"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id')!));
    const secondVan = rowIds.find((id) => id !== vehicleId)!;
    const from = (await page.getByTestId(firstId).boundingBox())!;
    const toTrack = (await page.getByTestId(`timeline-track-${secondVan}`).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, toTrack.y + toTrack.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => blockRow(page, firstId)).toBe(secondVan);
    await saved(page, firstId);
    expect(await blockTimes(page, firstId)).toEqual({
      start: '2025-03-10T15:00:00.000Z',
      end: '2025-03-10T16:00:00.000Z',
    });

    // Keyboard: roving focus between rows, M to move, up to the first van, 10:15 clashes there
    // with the second trip: refused with it named; Escape, then back to 08:00 on the first van.
    await page.getByTestId(firstId).focus();
    await page.keyboard.press('ArrowUp');
    const secondTripId = await page.evaluate(() =>
      document.activeElement?.getAttribute('data-testid'),
    );
    expect(secondTripId).not.toBe(firstId);
    expect(secondTripId).toMatch(/^block-/);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      firstId,
    );
    await page.keyboard.press('m');
    await page.keyboard.press('ArrowUp');
    for (let i = 0; i < 9; i += 1) await page.keyboard.press('ArrowRight'); // 10:15
    expect(await page.getByTestId('timeline-announcement').innerText()).toContain('8ABC123');
    await screenshot(page, 'bookings/en-vehicles-keyboard-move');
    await page.keyboard.press('Enter');
    const moveRefusal = page.getByTestId('move-refusal');
    await moveRefusal.waitFor();
    expect(await moveRefusal.innerText()).toContain('10:15–11:15');
    expect(await blockRow(page, firstId)).toBe(secondVan);
    await saved(page, firstId);
    await page.getByTestId(firstId).focus();
    await page.keyboard.press('m');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => blockRow(page, firstId)).toBe(vehicleId);
    await saved(page, firstId);
    expect(await blockTimes(page, firstId)).toEqual({
      start: '2025-03-10T15:00:00.000Z',
      end: '2025-03-10T16:00:00.000Z',
    });
    expect(laptop.errors).toEqual([]);

    // Every language: timeline (a DST week too), form and day sheet.
    for (const language of SUPPORTED_LANGUAGES) {
      await chooseLanguage(page, language);
      await page.goto(`${baseUrl()}#/vehicles?date=${DAY}`);
      await page.getByTestId(firstId).waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
      await screenshot(page, `bookings/${language}-vehicles`);
      const violations = await seriousA11yViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await page.getByTestId(firstId).click();
      await page.getByTestId('booking-drawer').waitFor();
      await page.locator('.bk-availability .ant-alert').first().waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
      await screenshot(page, `bookings/${language}-form`);
      await page.keyboard.press('Escape');
      await page.goto(`${baseUrl()}#/vehicles/day-sheet/driver/${driverId}/${DAY}`);
      await page.getByTestId('day-sheet-table').waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
      await screenshot(page, `bookings/${language}-day-sheet`);
    }
    await page.goto(`${baseUrl()}#/vehicles?date=2025-03-09&zoom=hour`);
    await page.getByTestId('timeline').waitFor();
    // Spring forward: 23 hour columns (the whole day, zoomed to an hour).
    expect(await page.locator('.bk-axis-label').count()).toBe(23);
    expect(laptop.errors).toEqual([]);
  });

  it('shows a week of 14 interpreters, 5 vehicles and 2,000 bookings, and measures its render', async () => {
    const laptop = await openLaptop();
    opened.push(laptop);
    const { page } = laptop;
    await chooseLanguage(page, 'vi');
    await page.getByTestId('settings-office').click();
    await page.locator('.ant-select-dropdown [data-office="losangeles"]').click();
    const demo = generateDemoData({ officeId: 'losangeles', bookings: 2000, from: '2025-03-03' });
    // Straight into IndexedDB (as a finished sync would leave it), then a reload.
    await page.evaluate(
      async (data) => {
        const open = indexedDB.open('bridgehead');
        const db: IDBDatabase = await new Promise(
          (resolve) => (open.onsuccess = () => resolve(open.result)),
        );
        const tx = db.transaction(
          ['interpreters', 'vehicles', 'drivers', 'interpreterBookings', 'vehicleTrips'],
          'readwrite',
        );
        for (const row of data.interpreters) tx.objectStore('interpreters').put(row);
        for (const row of data.vehicles) tx.objectStore('vehicles').put(row);
        for (const row of data.drivers) tx.objectStore('drivers').put(row);
        for (const row of data.bookings) {
          tx.objectStore(row.kind === 'vehicle' ? 'vehicleTrips' : 'interpreterBookings').put(row);
        }
        await new Promise((resolve) => (tx.oncomplete = resolve));
        db.close();
      },
      JSON.parse(JSON.stringify(demo)) as typeof demo,
    );
    await page.goto(`${baseUrl()}#/interpreters?date=${DAY}`);
    await page.reload();
    await page.locator('.bk-block').first().waitFor();
    const weekMs = await page.evaluate(async () => {
      const root = document.querySelector('[data-testid="view-mode"]')!;
      const week = root.querySelectorAll('input')[1]!;
      const isWeek = () => document.querySelector('[data-testid="timeline"][data-mode="week"]');
      const t0 = performance.now();
      week.click();
      await new Promise<void>((resolve) => {
        if (isWeek()) return resolve();
        const observer = new MutationObserver(() => {
          if (!isWeek()) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(document.body, { subtree: true, attributes: true, childList: true });
      });
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return performance.now() - t0;
    });
    const blocks = await page.locator('.bk-block').count();
    console.info(
      `[bench] interpreters week: ${blocks} blocks, ${weekMs.toFixed(1)} ms to render and paint`,
    );
    expect(await page.getByTestId('timeline').getAttribute('data-mode')).toBe('week');
    expect(blocks).toBeGreaterThan(100);
    // No bound here: this build is React's development build on a shared CPU
    // (see the report); the figure is logged for the benchmark to come.
    expect(weekMs).toBeGreaterThan(0);
    await screenshot(page, 'bookings/vi-interpreters-week');
    // Zoomed to an hour, the week scrolls: only the blocks in view are drawn; scrolled to
    // the week's end, that end's are.
    await page.goto(`${baseUrl()}#/interpreters?date=${DAY}&view=week&zoom=hour`);
    await page.locator('.bk-block').first().waitFor();
    const inView = () =>
      page.evaluate(() => {
        const scroller = document.querySelector('.bk-timeline-scroll')!.getBoundingClientRect();
        const left = scroller.left + 220; // after the row heads
        return [...document.querySelectorAll('.bk-block')].filter((b) => {
          const r = b.getBoundingClientRect();
          return r.right > left && r.left < scroller.right;
        }).length;
      });
    const atStart = await inView();
    expect(atStart).toBeGreaterThan(10);
    // Thursday and Friday (at 48 px an hour a screen shows about a day and a half; the
    // week's end is a quiet Saturday and an empty Sunday).
    await page.locator('.bk-timeline-scroll').evaluate((el) => {
      el.scrollLeft = el.scrollWidth * (3 / 7);
    });
    await expect.poll(inView).toBeGreaterThan(10);
    await screenshot(page, 'bookings/vi-interpreters-week-end');
    await page.goto(`${baseUrl()}#/vehicles?date=${DAY}&view=week`);
    await page.locator('.bk-block').first().waitFor();
    await screenshot(page, 'bookings/vi-vehicles-week');
    await page.goto(`${baseUrl()}#/vehicles?date=${DAY}&tab=utilization`);
    await page.getByTestId('utilization').waitFor();
    await screenshot(page, 'bookings/vi-utilization');
    expect(laptop.errors).toEqual([]);
  });
});
