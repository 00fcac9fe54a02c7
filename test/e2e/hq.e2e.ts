// HQ mode end to end in Debian's Chromium: a real HQ server (child process, SQLite,
// 127.0.0.1). Two office laptops (Tokyo, Shanghai) enroll with one-time codes and push
// trade talks through the HTTP sync API; an HQ script device pushes the month's rates.
// Then a browser profile enrolls with an HQ code through the UI, opens the HQ dashboard,
// sees the province totals, exports XLSX (cells checked with exceljs), and every HQ
// screen is photographed in the five languages.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES, type Language } from '../../src-shared/i18n/languages';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_PATHS } from '../../src-shared/sync/protocol';
import { EXPECTED, officePush, ratesPush } from '../unit/hq-ui/fixtures';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';
import { startHqServer, type HqServer } from './support/hq-server';

const TIMEOUT = 60_000;

async function api(hq: HqServer, path: string, body: unknown, auth?: string) {
  const res = await fetch(hq.url + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(auth ? { authorization: `Bearer ${auth}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A laptop that is only an HTTP client: enrolls with a code, returns its credential. */
async function enrollByHttp(hq: HqServer, office: string, name: string): Promise<string> {
  const code = await hq.createEnrollmentCode(office);
  const answer = await api(hq, SYNC_PATHS.enroll, { code, deviceName: name });
  return String(answer.credential);
}

async function chooseLanguage(page: Page, language: Language) {
  await page.goto(`${baseUrl()}#/settings`);
  await page.getByTestId('settings-language').click();
  await page.locator(`.ant-select-dropdown [data-language="${language}"]`).click();
  await expect
    .poll(() => page.evaluate(() => document.documentElement.lang))
    .toBe(language === 'zh-CN' ? 'zh-CN' : language);
}

/** No horizontal overflow of the main area (clipped long words, e.g. Vietnamese). */
async function mainOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const main = document.querySelector('.bh-main') as HTMLElement | null;
    return main ? main.scrollWidth - main.clientWidth : 0;
  });
}

describe('HQ mode in Chromium against a real HQ server', () => {
  let hq: HqServer;
  let laptop: Laptop;

  beforeAll(async () => {
    hq = await startHqServer();
    const now = Date.now();
    const rates = await enrollByHttp(hq, 'hq', 'HQ rates script');
    await api(hq, SYNC_PATHS.push, ratesPush(now, 'a'.repeat(16)), rates);
    for (const [office, node] of [
      ['tokyo', 'b'],
      ['shanghai', 'c'],
    ] as const) {
      const credential = await enrollByHttp(hq, office, `${office} laptop 1`);
      await api(hq, SYNC_PATHS.push, officePush(office, now, node.repeat(16)), credential);
    }
    laptop = await openLaptop();
  });

  afterAll(async () => {
    await laptop?.close();
    await hq?.dispose();
  });

  it('an HQ laptop enrolls with an HQ code, sees the province totals and exports them', async () => {
    const { page } = laptop;
    await chooseLanguage(page, 'en');
    // Before enrolling with HQ, the navigation has no HQ screens.
    expect(await page.getByTestId('nav-hq-dashboard').count()).toBe(0);

    const code = await hq.createEnrollmentCode('hq');
    await page.goto(`${baseUrl()}#/sync`);
    await page.getByTestId('sync-enroll').waitFor();
    await page.getByLabel('HQ server address').fill(hq.url);
    await page.getByLabel('One-time code').fill(code);
    await page.getByLabel('Name of this laptop').fill('Changwon desk');
    await page.getByRole('button', { name: 'Link this laptop' }).click();
    await page.getByTestId('sync-status').waitFor();

    await page.getByTestId('nav-hq-dashboard').click();
    const figures = page.getByTestId('hq-figures');
    await figures.waitFor({ timeout: TIMEOUT });
    const value = (key: string) =>
      page.getByTestId(`hq-figure-${key}`).locator('.ant-statistic-content').innerText();
    expect(await value('talksHeld')).toBe(String(EXPECTED.talksHeld));
    expect(await value('buyersMet')).toBe(String(EXPECTED.buyersMet));
    expect(await value('smeFirmsHelped')).toBe(String(EXPECTED.smeFirmsHelped));
    expect(await value('contracted')).toBe('₩250,000,000');
    await expect
      .poll(() => page.getByTestId('hq-office-table').innerText(), { timeout: TIMEOUT })
      .toContain('₩150,000,000');
    expect(await page.getByTestId('hq-fresh-tokyo').innerText()).toMatch(/Tokyo Office: synced/);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: TIMEOUT }),
      page.getByTestId('hq-export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^bridgehead-report-\d{4}-\d{2}-\d{4}-\d{2}-KRW\.xlsx$/,
    );
    const wb = new ExcelJS.Workbook();
    const bytes = await readFile((await download.path())!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const summary = wb.getWorksheet('Summary')!;
    const cells = new Map<string, unknown>();
    summary.eachRow((r) => cells.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(cells.get('Trade talks held')).toBe(EXPECTED.talksHeld);
    expect(cells.get('Buyers met')).toBe(EXPECTED.buyersMet);
    expect(cells.get('SME exporters helped')).toBe(EXPECTED.smeFirmsHelped);
    expect(cells.get('Contract amount (KRW)')).toBe(EXPECTED.contractKrw);
    expect(cells.get('Amount under negotiation (KRW)')).toBe(EXPECTED.negotiatedKrw);
    const perOffice = wb.getWorksheet('Offices by month')!;
    const contracts = new Map<string, unknown>();
    perOffice.eachRow((r, n) => {
      if (n > 1) contracts.set(String(r.getCell(1).value), r.getCell(6).value);
    });
    expect(contracts).toEqual(
      new Map([
        ['Shanghai Office', EXPECTED.shanghaiContractKrw],
        ['Tokyo Office', EXPECTED.tokyoContractKrw],
      ]),
    );

    // Drill-down from a figure to the talks behind it, and the printable one-pager.
    await page.getByRole('button', { name: /^Contract amount: / }).click();
    const drill = page.getByTestId('hq-drill');
    await expect.poll(() => drill.innerText(), { timeout: TIMEOUT }).toContain('株式会社山田商事');
    expect(await drill.innerText()).toContain('上海浦东贸易有限公司');
    await screenshot(page, 'hq-drill-en');
    await page.keyboard.press('Escape');
    await page.getByTestId('hq-onepager-tokyo').click();
    await expect
      .poll(() => page.getByTestId('hq-onepager').innerText(), { timeout: TIMEOUT })
      .toContain('₩150,000,000');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => document.body.classList.add('bh-printing-onepager'));
    await screenshot(page, 'hq-onepager-print-en');
    await page.evaluate(() => document.body.classList.remove('bh-printing-onepager'));
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('Escape');

    // The HQ laptop pulled every office's rows: read-only browsing of Tokyo's talks.
    await page.goto(`${baseUrl()}#/hq-offices`);
    await page.getByRole('link', { name: 'Tokyo Office' }).click();
    await page.getByRole('tab', { name: 'Buyers' }).waitFor();
    await expect
      .poll(() => page.getByTestId('hq-browse-buyers').innerText(), { timeout: TIMEOUT })
      .toContain('株式会社山田商事');
    expect(laptop.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  }, 300_000);

  it('every HQ screen in five languages: screenshots, no raw keys, no horizontal overflow', async () => {
    const { page } = laptop;
    const screens = [
      ['hq-dashboard', 'hq-figures'],
      ['hq-offices', 'hq-offices-table'],
      ['hq-devices', 'hq-devices-table'],
      ['hq-codes', 'hq-codes-table'],
      ['hq-rates', 'hq-rates-grid'],
    ] as const;
    for (const language of SUPPORTED_LANGUAGES) {
      await chooseLanguage(page, language);
      for (const [route, ready] of screens) {
        await page.goto(`${baseUrl()}#/${route}`);
        await page.getByTestId(ready).waitFor({ timeout: TIMEOUT });
        await page.waitForLoadState('networkidle');
        if (route === 'hq-offices') {
          await expect
            .poll(() => page.getByTestId('hq-offices-table').innerText(), { timeout: TIMEOUT })
            .toMatch(/\d/);
        }
        const text = await page.locator('.bh-main').innerText();
        expect(text, `${language} ${route}`).not.toMatch(
          /\b(hq|figures|dashboard|offices|rates|codes|devices)\.[a-z][A-Za-z.]+/,
        );
        expect(await mainOverflow(page), `${language} ${route} overflows`).toBeLessThanOrEqual(1);
        await screenshot(page, `hq-${route}-${language}`);
      }
      // A freshly created code, shown once.
      await page.goto(`${baseUrl()}#/hq-codes`);
      await page.getByTestId('hq-code-target').click();
      await page.locator('.ant-select-dropdown .ant-select-item-option').nth(1).click();
      await page.getByTestId('hq-code-create').click();
      await page.getByTestId('hq-code-value').waitFor({ timeout: TIMEOUT });
      await screenshot(page, `hq-codes-created-${language}`);
    }
    expect(laptop.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  }, 600_000);
});
