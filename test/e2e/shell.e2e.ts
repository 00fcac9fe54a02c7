// The app shell in a real Chromium with real IndexedDB: every screen in every
// language, accessibility, and settings that survive a reload and a restart.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES, type Language } from '../../src-shared/i18n/languages';
import { seriousA11yViolations } from './support/axe';
import { baseUrl, newProfileDir, openLaptop, screenshot, type Laptop } from './support/browser';

const SCREENS = [
  'buyers',
  'talks',
  'missions',
  'interpreters',
  'vehicles',
  'sync',
  'settings',
] as const;

// A raw i18next key leaking into the UI shows as its path, e.g. "screens.talks.title"
// (i18next prints the key when a translation is missing). Collect every nested key
// path of the English files; plain words (one segment) are too common to search for.
const KEY_PATHS = (() => {
  const paths: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else if (prefix.includes('.')) {
      paths.push(prefix.replace(/_(zero|one|two|few|many|other)$/, ''));
    }
  };
  const dir = resolve(import.meta.dirname, '../../locales/en');
  for (const file of readdirSync(dir)) walk(JSON.parse(readFileSync(join(dir, file), 'utf8')), '');
  return [...new Set(paths)];
})();

function rawKeysIn(text: string): string[] {
  return KEY_PATHS.filter((path) =>
    new RegExp(`(^|[^\\w.])${path.replace(/\./g, '\\.')}($|[^\\w.])`).test(text),
  );
}

async function chooseLanguage(laptop: Laptop, language: Language) {
  const { page } = laptop;
  await page.goto(`${baseUrl()}#/settings`);
  const select = page.getByTestId('settings-language');
  await select.click();
  await page.locator(`.ant-select-dropdown [data-language="${language}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

describe('app shell', () => {
  const opened: Laptop[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((l) => l.close()));
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`shows every screen in ${language} with no raw keys, console errors or serious a11y violations`, async () => {
      const laptop = await openLaptop();
      opened.push(laptop);
      const { page } = laptop;
      await chooseLanguage(laptop, language);
      const titles = new Set<string>();
      for (const screen of SCREENS) {
        await page.getByTestId(`nav-${screen}`).click();
        const root = page.getByTestId(`screen-${screen}`);
        await root.waitFor();
        expect(page.url()).toContain(`#/${screen}`);
        const h1 = (await root.locator('h1').innerText()).trim();
        expect(h1.length).toBeGreaterThan(0);
        titles.add(h1);
        const text = await page.locator('body').innerText();
        expect(rawKeysIn(text)).toEqual([]);
        await screenshot(page, `${language}/${screen}`);
        const violations = await seriousA11yViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      }
      expect(titles.size).toBe(SCREENS.length);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      expect(laptop.errors).toEqual([]);
    });
  }

  it('translates the navigation differently in each language', async () => {
    const laptop = await openLaptop();
    opened.push(laptop);
    const labels = new Map<Language, string>();
    for (const language of SUPPORTED_LANGUAGES) {
      await chooseLanguage(laptop, language);
      labels.set(language, (await laptop.page.getByTestId('nav-buyers').innerText()).trim());
    }
    expect(new Set(labels.values()).size).toBe(SUPPORTED_LANGUAGES.length);
    expect(labels.get('ko')).toContain('바이어');
    expect(labels.get('ja')).toContain('バイヤー');
    expect(labels.get('zh-CN')).toContain('采购商');
  });

  it('defaults to the browser language on first start', async () => {
    const laptop = await openLaptop({ locale: 'vi-VN' });
    opened.push(laptop);
    await laptop.page.goto(baseUrl());
    await expect.poll(() => laptop.page.evaluate(() => document.documentElement.lang)).toBe('vi');
  });

  it('keeps the language and the office through a reload and a browser restart', async () => {
    const profileDir = newProfileDir();
    let laptop = await openLaptop({ profileDir });
    await chooseLanguage(laptop, 'ja');
    const office = laptop.page.getByTestId('settings-office');
    await office.click();
    await laptop.page.locator('.ant-select-dropdown [data-office="hochiminh"]').click();
    await expect.poll(() => office.innerText()).toContain('ホーチミン');

    await laptop.page.reload();
    await laptop.page.getByTestId('screen-settings').waitFor();
    expect(await laptop.page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await laptop.page.getByTestId('settings-office').innerText()).toContain('ホーチミン');
    expect(laptop.errors).toEqual([]);
    await laptop.close();

    laptop = await openLaptop({ profileDir, locale: 'en-US' });
    opened.push(laptop);
    await laptop.page.goto(`${baseUrl()}#/settings`);
    await laptop.page.getByTestId('screen-settings').waitFor();
    await expect.poll(() => laptop.page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await laptop.page.getByTestId('settings-office').innerText()).toContain('ホーチミン');
  });
});
