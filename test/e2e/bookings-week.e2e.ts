// The week, day and agenda views as people read them: all seven days in view at
// 1366x768 and 1280x720, block times whole (never "08:00–1"), the day fitted to the
// working day, in all five languages (screenshots for reading by eye).
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src-shared/bookings';
import { SUPPORTED_LANGUAGES, type Language } from '../../src-shared/i18n/languages';
import { seriousA11yViolations } from './support/axe';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';

const DAY = '2025-03-10';
const WHOLE_TIME = /^\d{2}:\d{2}(–\d{2}:\d{2})?$/;

async function chooseLanguage(page: Page, language: Language) {
  await page.goto(`${baseUrl()}#/settings`);
  await page.getByTestId('settings-language').click();
  await page.locator(`.ant-select-dropdown [data-language="${language}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

async function loadDemo(page: Page, officeId: string) {
  await page.goto(`${baseUrl()}#/settings`);
  await page.getByTestId('settings-office').click();
  await page.locator(`.ant-select-dropdown [data-office="${officeId}"]`).click();
  const demo = generateDemoData({ officeId, bookings: 400, from: '2025-03-03' });
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
}

/** What the week shows: day heads in view, and every block's time whole and inside its block. */
async function readWeek(page: Page, scrolled = false) {
  return page.evaluate(
    ([wholeTime, scrolled]) => {
      const viewport = document.documentElement.clientWidth;
      const heads = [...document.querySelectorAll('[data-testid="timeline-day-head"]')].map((h) => {
        const r = h.getBoundingClientRect();
        return { left: r.left, right: r.right, text: h.textContent ?? '' };
      });
      const re = new RegExp(wholeTime);
      const blocks = [...document.querySelectorAll<HTMLElement>('.bk-block')];
      const bad: string[] = [];
      let withTime = 0;
      for (const block of blocks) {
        const time = block.querySelector<HTMLElement>('.bk-block-time');
        const b = block.getBoundingClientRect();
        // A booking of 30 minutes or more shows at least its start (issue 16: blocks of
        // 30–45 minutes of the fitted day were empty boxes or a cut name).
        const minutes =
          (Date.parse(block.dataset.end ?? '') - Date.parse(block.dataset.start ?? '')) / 60_000;
        if (!time && minutes >= 30 && b.width >= 34) {
          bad.push(`no time in ${Math.round(b.width)} px: ${block.getAttribute('aria-label')}`);
        }
        // A double booking shows its whole range, on one line or two.
        if (time && block.classList.contains('bk-in-conflict') && !/–/.test(time.textContent ?? ''))
          bad.push(`conflict without its end: ${block.getAttribute('aria-label')}`);
        if (!scrolled && b.right > viewport + 0.5)
          bad.push(`off screen: ${block.getAttribute('aria-label')}`);
        if (!time) continue;
        withTime += 1;
        const text = time.textContent ?? '';
        if (!re.test(text)) bad.push(`not a whole time: "${text}"`);
        // Cut text: wider than its box, or its box past the block's edge.
        const t = time.getBoundingClientRect();
        if (time.scrollWidth > time.clientWidth + 0.5 || t.right > b.right + 0.5) {
          bad.push(`cut: "${text}" (${time.scrollWidth} > ${time.clientWidth})`);
        }
      }
      // Row names wrap between words only: never "12-" / "00" or "NAKAMUR" / "A".
      for (const word of document.querySelectorAll<HTMLElement>('.bk-row-title .bk-word')) {
        if (word.getClientRects().length > 1) bad.push(`word broken: "${word.textContent}"`);
      }
      const label = blocks[0]?.querySelector('.bk-block-label');
      return {
        viewport,
        heads,
        blocks: blocks.length,
        withTime,
        bad,
        labelEllipsis: label ? getComputedStyle(label).textOverflow : null,
      };
    },
    [WHOLE_TIME.source, scrolled] as const,
  );
}

describe('bookings week, day and agenda views', () => {
  const opened: Laptop[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((l) => l.close()));
  });

  it('shows all seven days with whole times at 1366x768 and 1280x720', async () => {
    const laptop = await openLaptop();
    opened.push(laptop);
    const { page } = laptop;
    await chooseLanguage(page, 'vi');
    await loadDemo(page, 'hochiminh');
    for (const [width, height] of [
      [1366, 768],
      [1280, 720],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const screen of ['interpreters', 'vehicles']) {
        await page.goto(`${baseUrl()}#/${screen}?date=${DAY}&view=week`);
        await page.reload();
        await page.locator('.bk-block').first().waitFor();
        const week = await readWeek(page);
        expect(week.heads).toHaveLength(7);
        for (const head of week.heads) {
          expect(head.left).toBeGreaterThanOrEqual(0);
          expect(head.right).toBeLessThanOrEqual(week.viewport + 0.5);
        }
        expect(week.blocks).toBeGreaterThan(20);
        // Every block has room for its whole time in the fitted week.
        expect(week.withTime).toBe(week.blocks);
        expect(week.bad).toEqual([]);
        expect(week.labelEllipsis).toBe('ellipsis');
        // The tooltip carries everything, whatever the block shows.
        const first = page.locator('.bk-block').first();
        await first.hover();
        expect(await first.getAttribute('title')).toMatch(/^\d{2}:\d{2}–\d{2}:\d{2} /);
        await screenshot(page, `bookings-week/vi-${screen}-week-${width}x${height}`);
      }
    }
    expect(laptop.errors).toEqual([]);
  });

  it('fits the working day in the viewport, zooms, filters, and reads well in every language', async () => {
    const laptop = await openLaptop();
    opened.push(laptop);
    const { page } = laptop;
    await page.setViewportSize({ width: 1366, height: 768 });
    await chooseLanguage(page, 'en');
    await loadDemo(page, 'tokyo');
    await page.goto(`${baseUrl()}#/interpreters?date=${DAY}`);
    await page.reload();
    await page.locator('.bk-block').first().waitFor();
    // The fitted day: no horizontal scroll, 08:00 to 19:00 (or wider for early/late bookings).
    const day = await page.evaluate(() => {
      const scroller = document.querySelector<HTMLElement>('.bk-timeline-scroll')!;
      return {
        scroll: scroller.scrollWidth - scroller.clientWidth,
        hours: [...document.querySelectorAll('.bk-axis-label')].map((l) => l.textContent),
      };
    });
    expect(day.scroll).toBeLessThanOrEqual(1);
    expect(day.hours).toContain('08');
    expect(day.hours).toContain('18');
    expect(day.hours).not.toContain('02');
    expect((await readWeek(page)).bad).toEqual([]);
    // Zoomed to an hour: the whole day on a scrolled track, opened at 07:00.
    await page.getByTestId('view-zoom').getByText('1 hour').click();
    await expect
      .poll(() =>
        page.locator('.bk-timeline-scroll').evaluate((el) => el.scrollWidth > el.clientWidth),
      )
      .toBe(true);
    expect((await readWeek(page, true)).bad).toEqual([]);
    await page.getByTestId('view-zoom').getByText('Fit').click();

    // The filter by resource: one language pair's interpreters only.
    const rowsBefore = await page.locator('[data-testid^="timeline-row-"]').count();
    await page.getByTestId('timeline-filter').click();
    await page
      .locator('.ant-select-dropdown:visible')
      .getByText('Korean ↔ Japanese')
      .first()
      .click();
    await page.keyboard.press('Escape');
    const rowsAfter = await page.locator('[data-testid^="timeline-row-"]').count();
    expect(rowsAfter).toBeGreaterThan(0);
    expect(rowsAfter).toBeLessThanOrEqual(rowsBefore);
    for (const subtitle of await page.locator('.bk-row-subtitle').allInnerTexts()) {
      expect(subtitle).toContain('Korean ↔ Japanese');
    }

    for (const language of SUPPORTED_LANGUAGES) {
      await chooseLanguage(page, language);
      for (const view of ['week', 'day']) {
        await page.goto(`${baseUrl()}#/interpreters?date=${DAY}&view=${view}`);
        await page.locator('.bk-block').first().waitFor();
        const read = await readWeek(page);
        expect(read.bad).toEqual([]);
        const text = await page.locator('body').innerText();
        // No internal values: pairs, zones, SME ids.
        expect(text).not.toMatch(/\bko-ja\b|Asia\/Tokyo|\bsme-\d+/);
        await screenshot(page, `bookings-week/${language}-interpreters-${view}`);
      }
      const violations = await seriousA11yViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await page.goto(`${baseUrl()}#/interpreters?date=${DAY}&tab=agenda`);
      await page.getByTestId('agenda').waitFor();
      await screenshot(page, `bookings-week/${language}-interpreters-agenda`);
    }
    expect(laptop.errors).toEqual([]);
  });
});
