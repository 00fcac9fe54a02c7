// Issue 14's flow end to end in Debian's Chromium with a real HQ server, in one test: HQ's
// laptop sets the app lock's idle time on its Laptops screen (screenshots of that card in
// five languages); a Tokyo laptop is linked for a named person, views a buyer and exports the
// buyers (a reason is asked), takes HQ's idle time with its sync, locks by itself after that
// idle time (the page's clock is moved on: no minutes of waiting), unlocks with the PIN,
// syncs, and HQ's review screen shows the view and the export with the person, the laptop,
// the office and the reason.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES, type Language } from '../../src-shared/i18n/languages';
import {
  SYNC_TIMEOUT,
  chooseLanguage,
  enrollThroughUi,
  idbRows,
  syncNow,
  unlock,
} from './support/app';
import { seriousA11yViolations } from './support/axe';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';
import { startHqServer, type HqServer } from './support/hq-server';

const PERSON = 'Sato Yui';
const BUYER = '株式会社青葉テック';
const EMAIL = 'kaori.aoba@aoba-tech.example';

async function switchLanguage(page: Page, language: Language) {
  await page.getByTestId('language-switcher').click();
  await page.getByTestId(`language-option-${language}`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

describe('personal data protection, the whole flow (issue 14)', () => {
  let hq: HqServer;
  let tokyo: Laptop;
  let desk: Laptop;

  beforeAll(async () => {
    hq = await startHqServer();
    desk = await openLaptop();
    tokyo = await openLaptop();
    // The Tokyo page's timers and Date under Playwright's clock (time flows as usual until
    // the test moves it on): the idle lock is reached without waiting a minute.
    await tokyo.page.clock.install();
  });

  afterAll(async () => {
    await tokyo?.close();
    await desk?.close();
    await hq?.dispose();
  });

  it('links for a person, records views and exports with a reason, locks by idle time, and HQ reviews the records', async () => {
    // HQ's laptop: the app lock's idle time, set on the Laptops screen.
    const hqPage = desk.page;
    await chooseLanguage(hqPage, 'en');
    await enrollThroughUi(
      hqPage,
      hq.url,
      await hq.createEnrollmentCode('hq', 'Park Jiwon'),
      'HQ desk',
      'HQ',
    );
    await hqPage.goto(`${baseUrl()}#/hq-devices`);
    const card = hqPage.getByTestId('hq-app-lock');
    await expect.poll(() => hqPage.getByTestId('hq-app-lock-minutes').inputValue()).toBe('10');
    await hqPage.getByTestId('hq-app-lock-minutes').fill('0');
    await hqPage.getByTestId('hq-app-lock-error').waitFor();
    expect(await hqPage.getByTestId('hq-app-lock-save').isDisabled()).toBe(true);
    await hqPage.getByTestId('hq-app-lock-minutes').fill('1');
    await hqPage.getByTestId('hq-app-lock-save').click();
    await hqPage.getByText('Laptops will lock after 1 minute without use.').waitFor();
    expect(await hq.cli(['policy:app-lock'])).toContain('after 1 minutes');
    for (const language of SUPPORTED_LANGUAGES) {
      await switchLanguage(hqPage, language);
      // Readable and labelled in every language (axe: serious and critical violations).
      expect(await seriousA11yViolations(hqPage), language).toEqual([]);
      const text = await card.innerText();
      expect(text, language).not.toMatch(/\bappLock\.[a-z]/);
      await screenshot(hqPage, `hq-devices-app-lock-${language}`);
    }
    await switchLanguage(hqPage, 'en');

    // The Tokyo laptop, linked for a named person.
    const page = tokyo.page;
    await chooseLanguage(page, 'en');
    await enrollThroughUi(
      page,
      hq.url,
      await hq.createEnrollmentCode('tokyo', PERSON),
      'Tokyo 7',
      'Tokyo',
    );
    expect(await page.getByTestId('sync-person').innerText()).toBe(PERSON);

    // A buyer with a contact; its detail is a view on record.
    await page.goto(`${baseUrl()}#/buyers`);
    await page.getByTestId('buyer-create').click();
    await page.getByTestId('screen-buyer-form').waitFor();
    await page.getByTestId('buyer-name-native').fill(BUYER);
    await page.getByTestId('contact-0-family').fill('青葉');
    await page.getByTestId('contact-0-given').fill('香織');
    await page.getByTestId('contact-0-emails').fill(EMAIL);
    await page.getByTestId('buyer-save').click();
    await page.getByTestId('screen-buyer').waitFor();

    // Export the buyers: the reason is asked first; no reason, no file.
    await page.goto(`${baseUrl()}#/buyers`);
    await page.getByTestId('buyer-row').first().waitFor();
    await page.getByTestId('buyer-export').click();
    await page.getByText('CSV (Excel, UTF-8)').click();
    await page.getByTestId('reason-meeting_prep').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('reason-meeting_prep').click();
    await page.getByTestId('reason-ok').click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
    const local = await idbRows(page, '_accessLog');
    expect(local.map((e) => [e.action, e.staffName])).toEqual(
      expect.arrayContaining([
        ['view', PERSON],
        ['export', PERSON],
      ]),
    );

    // The sync brings HQ's idle time (1 minute) and takes the records to HQ.
    await syncNow(page);
    expect(await idbRows(page, 'securityPolicies')).toEqual([
      expect.objectContaining({ id: 'app-lock', idleMinutes: 1 }),
    ]);

    // Open the buyer, then leave the laptop alone for a minute (the page's clock moves on).
    await page.goto(`${baseUrl()}#/buyers`);
    await page.getByText(BUYER).click();
    await page.getByTestId('screen-buyer').waitFor();
    await page.clock.fastForward('01:05');
    await page.getByTestId('lock-screen').waitFor({ timeout: SYNC_TIMEOUT });
    expect(await page.getByTestId('lock-reason').innerText()).toContain('1 minute');
    const html = await page.content();
    for (const personal of [BUYER, EMAIL, '青葉']) expect(html, personal).not.toContain(personal);
    expect(await page.title()).not.toContain(BUYER);

    // Unlock: the buyer is back where it was; sync sends what was recorded meanwhile.
    await unlock(page);
    await page.getByTestId('screen-buyer').waitFor();
    await syncNow(page);

    // HQ's review screen: the view and the export, with the person, laptop, office, reason.
    await hqPage.goto(`${baseUrl()}#/hq-access`);
    const table = hqPage.getByTestId('access-table');
    await expect
      .poll(
        async () => {
          await hqPage
            .getByRole('button', { name: /Refresh/ })
            .first()
            .click()
            .catch(() => undefined);
          return table.innerText();
        },
        { timeout: SYNC_TIMEOUT },
      )
      .toContain('Exported');
    const rows = (await table.locator('tbody tr').allInnerTexts()).map((r) =>
      r.replace(/\s+/g, ' '),
    );
    const exported = rows.find((r) => r.includes('Exported'));
    expect(exported).toContain(PERSON);
    expect(exported).toContain('Tokyo 7');
    expect(exported).toContain('Tokyo');
    expect(exported).toContain('Preparing a meeting or visit');
    expect(
      rows.filter((r) => r.includes('Viewed') && r.includes(PERSON)).length,
    ).toBeGreaterThanOrEqual(2);
    expect(rows.join('\n')).not.toContain(EMAIL);
    await screenshot(hqPage, 'hq-access-flow-en');
    expect(tokyo.errors.filter((e) => !/ERR_|Failed to fetch/.test(e))).toEqual([]);
  }, 600_000);
});
