// Data subjects (issue 14, item 6) end to end in Debian's Chromium with a real HQ server: a
// Tokyo laptop enters a buyer's contact person with where the data came from, syncs; HQ's
// laptop lists contacts with no recorded basis, opens the person's data page, downloads the
// JSON copy (a reason is asked), and erases the person everywhere. Afterwards neither the
// Tokyo laptop's IndexedDB (after its next sync) nor the HQ laptop's nor HQ's SQLite file
// holds any of the person's values. Screenshots of the new screens in five languages.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES, type Language } from '../../src-shared/i18n/languages';
import { SYNC_TIMEOUT, chooseLanguage, enrollThroughUi, idbRows, syncNow } from './support/app';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';
import { startHqServer, type HqServer } from './support/hq-server';

const BUYER = '株式会社柚香フーズ';
const FAMILY = '宮坂';
const GIVEN = '澄香';
const EMAIL = 'sumika.miyasaka@yuzuka-foods.example';
const VALUES = [FAMILY, GIVEN, EMAIL];

async function switchLanguage(page: Page, language: Language) {
  await page.getByTestId('language-switcher').click();
  await page.getByTestId(`language-option-${language}`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

/** Every store of the app's IndexedDB, opened with the profile's key, as text (without the app). */
async function idbText(page: Page): Promise<string> {
  const stores = await page.evaluate(async () => {
    const open = indexedDB.open('bridgehead');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const names = Array.from(db.objectStoreNames);
    db.close();
    return names;
  });
  const out: string[] = [];
  for (const name of stores) out.push(`${name}: ${JSON.stringify(await idbRows(page, name))}`);
  return out.join('\n');
}

/** Every row of every table of HQ's SQLite database, as text. */
function hqText(hq: HqServer): string {
  const db = new Database(join(hq.dataDir, 'hq.sqlite'), { readonly: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table'")
      .all() as Array<{ name: string }>;
    return tables
      .map((t) => `${t.name}: ${JSON.stringify(db.prepare(`select * from "${t.name}"`).all())}`)
      .join('\n');
  } finally {
    db.close();
  }
}

describe('data subjects', () => {
  let hq: HqServer;
  let tokyo: Laptop;
  let desk: Laptop;

  beforeAll(async () => {
    hq = await startHqServer();
    tokyo = await openLaptop();
    desk = await openLaptop();
  });

  afterAll(async () => {
    await tokyo?.close();
    await desk?.close();
    await hq?.dispose();
  });

  it('hands over a copy and erases a person from HQ and every laptop', async () => {
    const page = tokyo.page;
    await chooseLanguage(page, 'en');
    await enrollThroughUi(
      page,
      hq.url,
      await hq.createEnrollmentCode('tokyo', 'Ito Ken'),
      'Tokyo 1',
      'Tokyo',
    );
    await page.goto(`${baseUrl()}#/buyers`);
    await page.getByTestId('buyer-create').click();
    await page.getByTestId('screen-buyer-form').waitFor();
    await page.getByTestId('buyer-name-native').fill(BUYER);
    await page.getByTestId('contact-0-family').fill(FAMILY);
    await page.getByTestId('contact-0-given').fill(GIVEN);
    await page.getByTestId('contact-0-emails').fill(EMAIL);
    await page.getByTestId('contact-0-data-source').click();
    await page
      .locator('.ant-select-dropdown:visible')
      .getByText('Business card handed over')
      .click();
    await page.getByTestId('buyer-save').click();
    await page.getByTestId('screen-buyer').waitFor();
    // Source recorded, no legal basis yet: the card says so.
    expect(await page.getByTestId('contact-card').innerText()).toContain('Not recorded');
    await syncNow(page);

    // HQ's laptop: the contact is listed as having no basis recorded.
    const hqPage = desk.page;
    await chooseLanguage(hqPage, 'en');
    await enrollThroughUi(
      hqPage,
      hq.url,
      await hq.createEnrollmentCode('hq', 'Park Jiwon'),
      'HQ desk',
      'HQ',
    );
    await syncNow(hqPage);
    await hqPage.goto(`${baseUrl()}#/hq-subjects`);
    const table = hqPage.getByTestId('subjects-table');
    await table.getByText(`${FAMILY} ${GIVEN}`).waitFor();
    expect(await table.innerText()).toContain('No legal basis');
    for (const language of SUPPORTED_LANGUAGES) {
      await switchLanguage(hqPage, language);
      await screenshot(hqPage, `hq-subjects-${language}`);
    }
    await switchLanguage(hqPage, 'en');

    // The person's data page: the JSON copy asks a reason and holds the person.
    await table.getByText(`${FAMILY} ${GIVEN}`).click();
    await hqPage.getByTestId('screen-subject').waitFor();
    expect(await hqPage.getByTestId('subject-sheet').innerText()).toContain(EMAIL);
    for (const language of SUPPORTED_LANGUAGES) {
      await switchLanguage(hqPage, language);
      await screenshot(hqPage, `subject-page-${language}`);
    }
    await switchLanguage(hqPage, 'en');
    const download = hqPage.waitForEvent('download');
    await hqPage.getByTestId('subject-json').click();
    await hqPage.getByTestId('reason-partner_request').click();
    await hqPage.getByTestId('reason-ok').click();
    const file = await (await download).path();
    const copy = JSON.parse(readFileSync(file, 'utf8'));
    expect(copy).toMatchObject({
      format: 'bridgehead-subject-copy/1',
      officeId: 'tokyo',
      contact: {
        familyName: FAMILY,
        givenName: GIVEN,
        emails: [EMAIL],
        dataSource: 'business_card',
      },
    });
    // The export is on record; HQ gets the entry with the next sync (in plain form there).
    const subjectUrl = hqPage.url();
    await syncNow(hqPage);
    // (The access records go after the sync cycle, in their own stream.)
    await expect.poll(() => hqText(hq), { timeout: SYNC_TIMEOUT }).toContain('subject_copy');
    expect(hqText(hq)).toContain('partner_request');

    // Before: both laptops hold the person (so the checks below can see a value).
    expect(await idbText(page)).toContain(EMAIL);
    expect(await idbText(hqPage)).toContain(EMAIL);
    expect(hqText(hq)).toContain(EMAIL);

    // Erase everywhere.
    await hqPage.goto(subjectUrl);
    await hqPage.getByTestId('subject-erase').click();
    await hqPage.getByTestId('subject-erase-confirm').click();
    await hqPage.getByTestId('screen-buyer').waitFor({ timeout: 60_000 });
    await syncNow(hqPage);
    await syncNow(page);

    const laptops = { tokyo: await idbText(page), hqLaptop: await idbText(hqPage) };
    const server = hqText(hq);
    for (const value of VALUES) {
      expect(laptops.tokyo, `tokyo laptop holds ${value}`).not.toContain(value);
      expect(laptops.hqLaptop, `HQ laptop holds ${value}`).not.toContain(value);
      expect(server, `HQ database holds ${value}`).not.toContain(value);
    }
    expect(laptops.tokyo).toContain(BUYER); // the company stays (and the stores were opened)
    await page.goto(`${baseUrl()}#/buyers`);
    await page.getByText(BUYER).click();
    await page.getByTestId('screen-buyer').waitFor();
    expect(await page.getByTestId('contact-card').count()).toBe(0);
  }, 600_000);
});
