// Issue 16 (items 1-5) in Debian's Chromium against a real HQ server: a linked laptop
// offers no demo data and a locked office; HQ's dashboard, offices and buyers read right in
// ko / ja / vi at 1366×768 (screenshots in test-results/screenshots/trust-*), with no
// serious axe finding on the dashboard.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src-shared/i18n/languages';
import { chooseLanguage, enrollThroughUi, syncNow, SYNC_TIMEOUT } from './support/app';
import { seriousA11yViolations } from './support/axe';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';
import { startHqServer, type HqServer } from './support/hq-server';

const TIMEOUT = 30_000;
const LANGUAGES: Language[] = ['ko', 'ja', 'vi'];

async function createBuyer(page: Page, nameNative: string, nameLatin: string, family: string) {
  await page.goto(`${baseUrl()}#/buyers/new`);
  await page.getByTestId('screen-buyer-form').waitFor();
  await page.getByTestId('buyer-name-native').fill(nameNative);
  await page.getByTestId('buyer-name-latin').fill(nameLatin);
  await page.getByTestId('contact-0-family').fill(family);
  await page.getByTestId('buyer-save').click();
  await page.getByTestId('screen-buyer').locator('h1').getByText(nameNative).waitFor();
}

describe('issue 16: trust in what reaches HQ, in three languages', () => {
  let hq: HqServer;
  let tokyo: Laptop;
  let hqLaptop: Laptop;

  beforeAll(async () => {
    hq = await startHqServer();
    [tokyo, hqLaptop] = await Promise.all([openLaptop(), openLaptop()]);
    for (const laptop of [tokyo, hqLaptop]) {
      await laptop.page.setViewportSize({ width: 1366, height: 768 });
    }
  });
  afterAll(async () => {
    await Promise.all([tokyo?.close(), hqLaptop?.close()]);
    await hq?.dispose();
  });

  it(
    'a linked office laptop: no demo data, office locked; HQ: offices without HQ, buyers read-only',
    { timeout: 300_000 },
    async () => {
      // A new laptop asks for its office instead of starting as HQ.
      await chooseLanguage(tokyo.page, 'en');
      await tokyo.page.goto(`${baseUrl()}#/buyers`);
      await tokyo.page.getByTestId('first-start').waitFor();
      expect(await tokyo.page.getByTestId('header-office').innerText()).toContain('Not chosen');

      await enrollThroughUi(
        tokyo.page,
        hq.url,
        await hq.createEnrollmentCode('tokyo'),
        'Tokyo laptop',
        'Tokyo',
      );
      await enrollThroughUi(
        hqLaptop.page,
        hq.url,
        await hq.createEnrollmentCode('hq'),
        'Changwon desk',
        'HQ',
      );
      await createBuyer(tokyo.page, '株式会社山田商事', 'Yamada Shoji Co., Ltd.', '山田');
      await syncNow(tokyo.page);
      await syncNow(hqLaptop.page);

      for (const language of LANGUAGES) {
        // The office laptop's settings: no demo loader, the office locked with the reason.
        await chooseLanguage(tokyo.page, language);
        await tokyo.page.goto(`${baseUrl()}#/settings`);
        await tokyo.page.getByTestId('demo-linked').waitFor();
        expect(await tokyo.page.getByTestId('demo-load').count()).toBe(0);
        expect(await tokyo.page.getByTestId('settings-office').locator('input').isDisabled()).toBe(
          true,
        );
        await screenshot(tokyo.page, `trust-settings-linked-${language}`);

        const { page } = hqLaptop;
        await chooseLanguage(page, language);
        await page.goto(`${baseUrl()}#/hq-dashboard`);
        await page.getByTestId('hq-figures').waitFor({ timeout: TIMEOUT });
        await page.waitForLoadState('networkidle');
        expect(await page.getByTestId('hq-fresh-hq').count()).toBe(0);
        await screenshot(page, `trust-dashboard-${language}`);
        expect(await seriousA11yViolations(page), `${language} dashboard axe`).toEqual([]);

        await page.goto(`${baseUrl()}#/hq-offices`);
        await expect
          .poll(() => page.getByTestId('hq-offices-table').innerText(), { timeout: TIMEOUT })
          .toMatch(/\d/);
        await screenshot(page, `trust-offices-${language}`);

        await page.goto(`${baseUrl()}#/buyers`);
        await expect
          .poll(() => page.getByTestId('buyer-office').count(), { timeout: SYNC_TIMEOUT })
          .toBeGreaterThan(0);
        await screenshot(page, `trust-buyers-hq-${language}`);
        await page.getByTestId('buyer-row').first().click();
        await page.getByTestId('buyer-readonly').waitFor();
        expect(await page.getByTestId('buyer-edit').count()).toBe(0);
        await screenshot(page, `trust-buyer-readonly-${language}`);
      }
      expect(hqLaptop.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    },
  );
});
