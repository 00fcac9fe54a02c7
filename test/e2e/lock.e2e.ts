// The app lock (issue 14) end to end in Debian's Chromium, with a real HQ server: HQ sets the
// idle time to one minute (`hq policy:app-lock`), a Tokyo laptop is linked through the UI for
// a named person (the code names her), she chooses a PIN (screenshots of that screen and of
// the lock screen in five languages), enters a buyer, the laptop syncs and takes HQ's
// policy, and after a minute without use it locks by itself: the lock screen replaces the
// app, no buyer or contact value is in the DOM or the window title, sync goes on; a wrong PIN
// is refused, the right one brings the buyer back. HQ's laptop list names the person.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES, type Language } from '../../src-shared/i18n/languages';
import {
  E2E_PIN,
  SYNC_TIMEOUT,
  chooseLanguage,
  choosePin,
  idbRows,
  linkThroughUi,
  outboxCount,
  unlock,
} from './support/app';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';
import { startHqServer, type HqServer } from './support/hq-server';

const PERSON = 'Sato Yui';
const BUYER = '株式会社北浜精機';
const CONTACT_EMAIL = 'haruka.kitahama@kitahama-seiki.example';

async function switchLanguage(page: Page, language: Language) {
  await page.getByTestId('language-switcher').click();
  await page.getByTestId(`language-option-${language}`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

/** No horizontal overflow of the lock card (clipped long words, e.g. Vietnamese). */
async function cardOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const card = document.querySelector('.bh-lock-card') as HTMLElement | null;
    return card ? card.scrollWidth - card.clientWidth : 0;
  });
}

describe('app lock', () => {
  let hq: HqServer;
  let laptop: Laptop;

  beforeAll(async () => {
    hq = await startHqServer();
    // HQ's policy, low for the test: the laptop takes it with its first sync.
    expect(await hq.cli(['policy:app-lock', '--idle-minutes', '1'])).toContain('after 1 minutes');
    laptop = await openLaptop();
  });

  afterAll(async () => {
    await laptop?.close();
    await hq?.dispose();
  });

  it('links for a named person, asks a PIN, locks after HQ’s idle time showing nothing personal, and unlocks', async () => {
    const { page } = laptop;
    await chooseLanguage(page, 'en');
    await linkThroughUi(page, hq.url, await hq.createEnrollmentCode('tokyo', PERSON), 'Tokyo 3');

    // The PIN screen replaces the app and names whom the laptop is linked for.
    expect(await page.getByTestId('lock-who').innerText()).toContain(PERSON);
    expect(await page.locator('.bh-header').count()).toBe(0);
    for (const language of SUPPORTED_LANGUAGES) {
      await switchLanguage(page, language);
      const text = await page.getByTestId('lock-setup').innerText();
      expect(text, language).not.toMatch(/\b(setup|screen|relink|button)\.[a-z]/);
      expect(await cardOverflow(page), `${language} overflows`).toBeLessThanOrEqual(1);
      await screenshot(page, `lock-setup-${language}`);
    }
    await switchLanguage(page, 'en');
    // Too easy, or two different entries: refused, nothing stored.
    await page.getByTestId('lock-setup-pin').fill('123456');
    await page.getByTestId('lock-setup-repeat').fill('123457');
    await page.getByTestId('lock-setup-save').click();
    await page.getByText('Too easy to guess').waitFor();
    await page.getByText('The two entries differ.').waitFor();
    await choosePin(page, E2E_PIN);

    // Linked: the sync screen names the person; HQ's policy arrives with the first sync (no
    // long waits from here on: a minute without input locks the app).
    await page.getByTestId('sync-status').waitFor();
    expect(await page.getByTestId('sync-person').innerText()).toBe(PERSON);
    const devices = await hq.cli(['devices:list']);
    expect(devices.split('\n').find((l) => l.includes('Tokyo 3'))).toContain(PERSON);

    // Personal data on screen: a buyer with a contact.
    await page.goto(`${baseUrl()}#/buyers`);
    await page.getByTestId('buyer-create').click();
    await page.getByTestId('screen-buyer-form').waitFor();
    await page.getByTestId('buyer-name-native').fill(BUYER);
    await page.getByTestId('buyer-name-latin').fill('Kitahama Seiki');
    await page.getByTestId('contact-0-family').fill('北浜');
    await page.getByTestId('contact-0-given').fill('遥');
    await page.getByTestId('contact-0-emails').fill(CONTACT_EMAIL);
    await page.getByTestId('buyer-save').click();
    const detail = page.getByTestId('screen-buyer');
    await detail.waitFor();
    expect(await page.title()).toContain(BUYER);
    expect(await page.content()).toContain(CONTACT_EMAIL);

    // A minute without use (HQ's policy): the lock screen replaces the app by itself.
    const lockScreen = page.getByTestId('lock-screen');
    await lockScreen.waitFor({ timeout: 2 * 60_000 });
    expect(await page.getByTestId('lock-reason').innerText()).toContain('1 minute');
    const html = await page.content();
    for (const personal of [BUYER, 'Kitahama', CONTACT_EMAIL, '北浜']) {
      expect(html, personal).not.toContain(personal);
    }
    expect(await page.title()).not.toContain(BUYER);
    expect(await page.locator('.bh-header, [data-testid="screen-buyer"]').count()).toBe(0);
    expect(await page.getByTestId('lock-who').innerText()).toContain(PERSON);

    // Locked only because HQ's policy arrived (the default is 10 minutes); sync goes on while
    // locked: the buyer reaches HQ (nothing waits in the outbox).
    expect(await idbRows(page, 'securityPolicies')).toEqual([
      expect.objectContaining({ id: 'app-lock', idleMinutes: 1 }),
    ]);
    await expect.poll(() => outboxCount(page), { timeout: SYNC_TIMEOUT }).toBe(0);

    for (const language of SUPPORTED_LANGUAGES) {
      await switchLanguage(page, language);
      const text = await lockScreen.innerText();
      expect(text, language).not.toMatch(/\b(setup|screen|relink|button)\.[a-z]/);
      expect(await cardOverflow(page), `${language} overflows`).toBeLessThanOrEqual(1);
      await screenshot(page, `lock-screen-${language}`);
    }
    await switchLanguage(page, 'en');

    // A wrong PIN is refused; the right one brings the buyer back where it was.
    await page.getByTestId('lock-pin').fill('000001');
    await page.getByTestId('lock-unlock').click();
    await page.getByTestId('lock-wrong').waitFor();
    expect(await page.content()).not.toContain(BUYER);
    await unlock(page, E2E_PIN);
    await detail.waitFor();
    expect(await detail.locator('h1').innerText()).toBe(BUYER);

    // The Lock button locks at once.
    await page.getByTestId('app-lock-button').click();
    await lockScreen.waitFor();
    expect(await page.getByTestId('lock-reason').innerText()).toContain('Lock button');
    expect(await page.content()).not.toContain(BUYER);
    await unlock(page);
    expect(laptop.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  }, 600_000);
});
