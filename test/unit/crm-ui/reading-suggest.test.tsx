// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { hanScriptFor, readingMustBeTyped } from '@shared/crm/names';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import { createI18n } from '../../../src-renderer/src/i18n';
import { renderApp } from '../renderer/render-app';

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('reading "Suggest" for kanji names', () => {
  it('tells which names need a typed reading', () => {
    expect(readingMustBeTyped('佐藤', 'ja')).toBe(true);
    expect(readingMustBeTyped('株式会社山田商事', 'ja')).toBe(true);
    expect(readingMustBeTyped('さとう', 'ja')).toBe(false);
    expect(readingMustBeTyped('ｻﾄｳ', 'ja')).toBe(false);
    expect(readingMustBeTyped('曾伟', 'zh')).toBe(false); // pinyin can be suggested
    expect(readingMustBeTyped('', 'ja')).toBe(false);
  });

  it('says so in all five languages', async () => {
    const texts = new Set<string>();
    for (const language of SUPPORTED_LANGUAGES) {
      const i18n = await createI18n({ language });
      const text = i18n.t('crm:fields.readingKanjiMustType');
      expect(text).not.toBe('fields.readingKanjiMustType');
      texts.add(text);
    }
    expect(texts.size).toBe(SUPPORTED_LANGUAGES.length);
  });

  it('is disabled with a tooltip for a kanji name, and suggests for kana', async () => {
    const user = userEvent.setup();
    const app = await renderApp({ path: '/buyers/new', language: 'ja', officeId: 'tokyo' });
    await screen.findByTestId('screen-buyer-form', {}, { timeout: 10_000 });
    const hint = app.i18n.t('crm:fields.readingKanjiMustType');

    // Company: kanji in a Tokyo office reads as Japanese: nothing can be guessed.
    type('buyer-name-native', '株式会社佐藤商事');
    fireEvent.blur(screen.getByTestId('buyer-name-native'));
    const companySuggest = await screen.findByTestId('buyer-reading-suggest');
    await waitFor(() => expect((companySuggest as HTMLButtonElement).disabled).toBe(true));
    fireEvent.mouseEnter(screen.getByTestId('buyer-reading-suggest-why'));
    expect(await screen.findByText(hint, {}, { timeout: 5_000 })).toBeTruthy();

    // Contact: kana only: the button works and fills the reading.
    type('contact-0-family', 'さとう');
    type('contact-0-given', 'はなこ');
    const contactSuggest = screen.getByTestId('contact-0-reading-suggest');
    fireEvent.blur(screen.getByTestId('contact-0-given'));
    await waitFor(() => expect((contactSuggest as HTMLButtonElement).disabled).toBe(false));
    // The company's reading field comes first, the contact's second (emptied: the click fills it).
    const contactReading = screen.getAllByLabelText(app.i18n.t('crm:fields.reading'))[1]!;
    fireEvent.change(contactReading, { target: { value: '' } });
    await user.click(contactSuggest);
    await waitFor(() => expect((contactReading as HTMLInputElement).value).toBe('サトウ ハナコ'));

    // Kanji typed over it: disabled again.
    type('contact-0-family', '佐藤');
    await waitFor(() =>
      expect((screen.getByTestId('contact-0-reading-suggest') as HTMLButtonElement).disabled).toBe(
        true,
      ),
    );
    app.unmount();
  }, 30_000);

  it("reads a Japanese company's contact as Japanese at the Shanghai office (no pinyin for 佐藤)", async () => {
    expect(hanScriptFor({ country: 'JP', officeLanguage: 'zh-CN' })).toBe('ja');
    expect(hanScriptFor({ country: 'CN', officeLanguage: 'ja' })).toBe('zh');
    expect(hanScriptFor({ country: 'US', companyScript: 'ja', officeLanguage: 'en' })).toBe('ja');
    expect(hanScriptFor({ country: 'US', officeLanguage: 'ja' })).toBe('ja');
    expect(hanScriptFor({ officeLanguage: 'zh-CN' })).toBe('zh');

    const user = userEvent.setup();
    const app = await renderApp({ path: '/buyers/new', language: 'en', officeId: 'shanghai' });
    await screen.findByTestId('screen-buyer-form', {}, { timeout: 10_000 });
    type('buyer-name-native', '株式会社山田商事');
    fireEvent.blur(screen.getByTestId('buyer-name-native'));
    await user.click(screen.getByLabelText('Country'));
    await user.keyboard('Japan');
    const japan = await waitFor(() => {
      const found = [...document.querySelectorAll('.ant-select-item-option')].find(
        (el) => el.textContent === 'Japan',
      );
      if (!found) throw new Error('no Japan option');
      return found as HTMLElement;
    });
    const companyScript = () =>
      screen.getAllByLabelText('Script')[0]!.closest('.ant-select')!.textContent;
    expect(companyScript()).toBe('Chinese'); // guessed at the Shanghai office…
    await user.click(japan);
    await waitFor(() => expect(companyScript()).toBe('Japanese')); // …and again for Japan

    type('contact-0-family', '佐藤');
    fireEvent.blur(screen.getByTestId('contact-0-family'));
    // Read as Japanese: the kanji reading must be typed, none is made up from Mandarin.
    await waitFor(() =>
      expect((screen.getByTestId('contact-0-reading-suggest') as HTMLButtonElement).disabled).toBe(
        true,
      ),
    );
    const contactReading = screen.getAllByLabelText(app.i18n.t('crm:fields.reading'))[1]!;
    await new Promise((r) => setTimeout(r, 300));
    expect((contactReading as HTMLInputElement).value).toBe('');
    app.unmount();
  }, 30_000);
});
