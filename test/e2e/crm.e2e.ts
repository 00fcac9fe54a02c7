// The CRM in a real Chromium with real IndexedDB: create a buyer, find it in
// two scripts, edit it, log a trade talk, move it on the board; then the
// buyer list, detail and talks board in every language, with demo data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SUPPORTED_LANGUAGES, type Language } from '../../src-shared/i18n/languages';
import { seriousA11yViolations } from './support/axe';
import { baseUrl, openLaptop, screenshot, type Laptop } from './support/browser';

const RAW_KEY =
  /\b(buyers|fields|talks|dashboard|demo|dupes|firms|stage|status|industry)\.[a-zA-Z_]+\b/;

async function chooseLanguage(page: Page, language: Language) {
  await page.goto(`${baseUrl()}#/settings`);
  await page.getByTestId('settings-language').click();
  await page.locator(`.ant-select-dropdown [data-language="${language}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

async function chooseOffice(page: Page, officeId: string) {
  await page.goto(`${baseUrl()}#/settings`);
  await page.getByTestId('settings-office').click();
  await page.locator(`.ant-select-dropdown [data-office="${officeId}"]`).click();
}

/** Types into an antd searchable Select and takes the first match. */
async function pickByTyping(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
  await page.keyboard.press('Enter');
}

async function rows(page: Page): Promise<string[]> {
  return page.getByTestId('buyer-row').allInnerTexts();
}

describe('CRM', () => {
  const opened: Laptop[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((l) => l.close()));
  });

  it('creates a buyer, finds it in two scripts, edits it and logs a talk', async () => {
    const laptop = await openLaptop();
    opened.push(laptop);
    const { page } = laptop;
    await chooseLanguage(page, 'en');
    await chooseOffice(page, 'tokyo');

    await page.goto(`${baseUrl()}#/buyers`);
    await page.getByTestId('buyers-empty').waitFor();
    await page.getByTestId('buyer-create').click();
    await page.getByTestId('screen-buyer-form').waitFor();
    await page.getByTestId('buyer-name-native').fill('株式会社山田商事');
    await page.getByTestId('buyer-name-latin').fill('Yamada Shoji Co., Ltd.');
    await page.getByTestId('buyer-reading').fill('ヤマダショウジ');
    await page.getByTestId('contact-0-family').fill('山田');
    await page.getByTestId('contact-0-given').fill('太郎');
    await page.getByTestId('contact-0-latin-family').fill('Yamada');
    await page.getByTestId('contact-0-latin-given').fill('Taro');
    await page.getByTestId('contact-0-emails').fill('taro.yamada@yamada-shoji.example');
    await page.getByTestId('contact-0-add-phone').click();
    await page.getByTestId('contact-0-phone-0').fill('090-1234-5678');
    await page.getByTestId('contact-0-emails').click(); // blur: normalized to E.164 with JP
    await expect
      .poll(() => page.getByTestId('contact-0-phone-0').inputValue())
      .toBe('+819012345678');
    await page.getByTestId('buyer-save').click();
    const detail = page.getByTestId('screen-buyer');
    await detail.waitFor();
    expect(await detail.locator('h1').innerText()).toBe('株式会社山田商事');

    // Two scripts: hiragana for the katakana reading, then Latin with odd case and width.
    await page.goto(`${baseUrl()}#/buyers`);
    await page.getByTestId('buyer-row').first().waitFor();
    await page.getByTestId('buyer-search').fill('やまだ');
    await expect.poll(() => rows(page)).toEqual([expect.stringContaining('株式会社山田商事')]);
    await page.getByTestId('buyer-search').fill('ＹＡＭＡＤＡ shoji');
    await expect.poll(() => rows(page)).toEqual([expect.stringContaining('Yamada Shoji')]);
    await page.getByTestId('buyer-search').fill('9012345678');
    await expect.poll(() => rows(page)).toHaveLength(1);

    // Edit: status.
    await page.getByTestId('buyer-row').first().click();
    await page.getByTestId('buyer-edit').click();
    await page.getByTestId('screen-buyer-form').waitFor();
    await expect
      .poll(() => page.getByTestId('buyer-name-latin').inputValue())
      .toBe('Yamada Shoji Co., Ltd.');
    await page.getByTestId('buyer-name-latin').fill('Yamada Shoji K.K.');
    await page.getByTestId('buyer-save').click();
    await detail.waitFor();
    await expect.poll(() => detail.innerText()).toContain('Yamada Shoji K.K.');

    // Log a talk from the buyer, creating the SME firm on the way.
    await page.getByTestId('buyer-log-talk').click();
    const form = page.getByTestId('talk-form');
    await form.waitFor();
    await page.getByRole('button', { name: 'New SME exporter' }).click();
    await page.getByTestId('firm-name-ko').fill('(주)경남정밀');
    await page.getByTestId('firm-brn').fill('1248100998');
    await pickByTyping(page, 'firm-industry', 'Machinery');
    await page.locator('.ant-modal:visible .ant-btn-primary').last().click();
    await expect.poll(() => page.locator('.ant-modal:visible').count()).toBe(1);
    await page.getByTestId('talk-negotiated').fill('15000000');
    await page.getByTestId('talk-save').click();
    await page.getByTestId('timeline-talk').first().waitFor();
    const timeline = await page.getByTestId('buyer-timeline').innerText();
    expect(timeline).toContain('JPY');
    expect(timeline).toContain('USD');

    // The board: keyboard-operable stage select moves the card.
    await page.goto(`${baseUrl()}#/talks`);
    const card = page.getByTestId('talk-card').first();
    await card.waitFor();
    expect(await card.getAttribute('data-talk-id')).toBeTruthy();
    await card.getByTestId('talk-card-stage').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option[title="Contract"]')
      .click();
    await expect
      .poll(() => page.locator('[data-stage="contract"] [data-testid="talk-card"]').count())
      .toBe(1);
    expect(laptop.errors).toEqual([]);
  });

  describe('in every language, with demo data', () => {
    let laptop: Laptop;
    beforeAll(async () => {
      laptop = await openLaptop();
      opened.push(laptop);
      const { page } = laptop;
      await chooseOffice(page, 'shanghai');
      await page.goto(`${baseUrl()}#/settings`);
      await page.getByTestId('demo-load').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      // The card shows a progress bar while loading; wait for the result message.
      await page
        .locator('.ant-message')
        .getByText('Demo data loaded')
        .waitFor({ timeout: 120_000 });
    });

    for (const language of SUPPORTED_LANGUAGES) {
      it(`shows the buyer list, detail and talks board in ${language}`, async () => {
        const { page } = laptop;
        await chooseLanguage(page, language);
        await page.goto(`${baseUrl()}#/buyers`);
        await page.getByTestId('buyer-row').first().waitFor();
        expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
        await screenshot(page, `crm/${language}-buyers`);
        expect(await seriousA11yViolations(page)).toEqual([]);

        await page.getByTestId('buyer-row').first().click();
        await page.getByTestId('screen-buyer').waitFor();
        await page.getByTestId('contact-card').first().waitFor();
        expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
        await screenshot(page, `crm/${language}-detail`);
        expect(await seriousA11yViolations(page)).toEqual([]);

        await page.goto(`${baseUrl()}#/talks`);
        await page.getByTestId('talk-card').first().waitFor();
        expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
        await screenshot(page, `crm/${language}-talks`);
        expect(await seriousA11yViolations(page)).toEqual([]);

        await page.goto(`${baseUrl()}#/talks?tab=dashboard`);
        await page.getByTestId('talk-dashboard').waitFor();
        await screenshot(page, `crm/${language}-dashboard`);
        expect(laptop.errors).toEqual([]);
      });
    }
  });
});
