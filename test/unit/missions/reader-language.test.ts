import { describe, expect, it } from 'vitest';
import { appLanguageOf, buyerReaderLanguage } from '../../../src-shared/missions';

describe('the language of a buyer’s itinerary', () => {
  it('is the met contact’s preferred language before the buyer’s other contacts', () => {
    const contacts = [
      { id: 'c1', preferredLanguage: 'en' },
      { id: 'c2', preferredLanguage: 'zh-Hans' },
    ];
    expect(buyerReaderLanguage({ contacts, officeLanguage: 'ja', nameScript: 'ja' })).toBe('en');
    expect(
      buyerReaderLanguage({
        contacts,
        requestedContactIds: ['c2'],
        officeLanguage: 'ja',
        nameScript: 'ja',
      }),
    ).toBe('zh-CN');
  });

  it('falls back to the name’s script, then the office’s language, then English', () => {
    // A Chinese-named buyer met by the Tokyo office, no preference known: Chinese.
    expect(buyerReaderLanguage({ contacts: [], officeLanguage: 'ja', nameScript: 'zh' })).toBe(
      'zh-CN',
    );
    // A preference the app cannot write (Thai) does not count.
    expect(
      buyerReaderLanguage({
        contacts: [{ id: 'c', preferredLanguage: 'th' }],
        officeLanguage: 'vi',
        nameScript: 'latin',
      }),
    ).toBe('vi');
    expect(buyerReaderLanguage({ contacts: [], officeLanguage: 'xx', nameScript: 'latin' })).toBe(
      'en',
    );
    expect(buyerReaderLanguage({ contacts: [] })).toBe('en');
  });

  it('reads BCP 47 tags as one of the five languages', () => {
    expect(appLanguageOf('ja-JP')).toBe('ja');
    expect(appLanguageOf('zh')).toBe('zh-CN');
    expect(appLanguageOf('zh-TW')).toBe('zh-CN');
    expect(appLanguageOf('vi')).toBe('vi');
    expect(appLanguageOf('fr')).toBeNull();
    expect(appLanguageOf(undefined)).toBeNull();
  });
});
