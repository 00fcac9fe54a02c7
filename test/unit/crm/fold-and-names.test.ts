import { describe, expect, it } from 'vitest';
import { digitsOnly, foldForSearch, looksLikePhoneQuery, wordStarts } from '@shared/crm/fold';
import {
  addressName,
  detectNameScript,
  formatPersonName,
  nameForReader,
  nameLang,
  readsScript,
  nativeName,
  type PersonName,
} from '@shared/crm/names';
import { suggestReading } from '@shared/crm/reading';

describe('foldForSearch', () => {
  it.each([
    ['Nguyễn', 'nguyen'],
    ['ĐOÀN', 'doan'],
    ['Doãn', 'doan'],
    ['Đặng Thị Mai', 'dang thi mai'],
    ['ｻﾄｳ', 'さとう'],
    ['サトウ', 'さとう'],
    ['さとう', 'さとう'],
    ['ｶﾞｯｺｳ', 'がっこう'],
    ['ＹＡＭＡＤＡ　Ｔａｒｏ', 'yamada taro'],
    ['  Müller   GmbH ', 'muller gmbh'],
    ['김철수', '김철수'],
    ['张伟', '张伟'],
  ])('%s → %s', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });

  it('keeps kana voicing: が is not か', () => {
    expect(foldForSearch('ガ')).not.toBe(foldForSearch('カ'));
  });

  it('folds half-width and full-width digits and detects phone queries', () => {
    expect(digitsOnly('+81 90-1234-5678')).toBe('819012345678');
    expect(digitsOnly('０９０')).toBe('090');
    expect(looksLikePhoneQuery('090-12')).toBe(true);
    expect(looksLikePhoneQuery('09')).toBe(false);
    expect(looksLikePhoneQuery('taro')).toBe(false);
  });

  it('finds word starts after spaces and name/email punctuation', () => {
    expect(wordStarts('taro.yamada@x.jp')).toEqual([5, 12, 14]);
    expect(wordStarts('yamada shoji co., ltd.')).toEqual([7, 13, 18]);
  });
});

describe('names', () => {
  const ja: PersonName = {
    familyName: '山田',
    givenName: '太郎',
    latinFamily: 'Yamada',
    latinGiven: 'Taro',
    nameScript: 'ja',
  };
  const zh: PersonName = {
    familyName: '张',
    givenName: '伟',
    latinFamily: 'Zhang',
    latinGiven: 'Wei',
    nameScript: 'zh',
  };
  const ko: PersonName = {
    familyName: '김',
    givenName: '철수',
    latinFamily: 'Kim',
    latinGiven: 'Chul-soo',
    nameScript: 'ko',
  };
  const vi: PersonName = {
    familyName: 'Nguyễn',
    givenName: 'Văn Dũng',
    latinFamily: 'Nguyen',
    latinGiven: 'Van Dung',
    nameScript: 'vi',
  };
  const en: PersonName = {
    familyName: 'Smith',
    givenName: 'John',
    latinFamily: 'Smith',
    latinGiven: 'John',
    nameScript: 'latin',
  };

  it('orders names by the script of the name', () => {
    expect(nativeName(ja)).toBe('山田 太郎');
    expect(nativeName(zh)).toBe('张伟');
    expect(nativeName(ko)).toBe('김철수');
    expect(nativeName(vi)).toBe('Nguyễn Văn Dũng');
    expect(nativeName(en)).toBe('John Smith');
  });

  it('shows CJK names natively to CJK readers and in Latin (family in capitals) to others', () => {
    expect(formatPersonName(ja, 'ko')).toBe('山田 太郎');
    expect(formatPersonName(zh, 'ja')).toBe('张伟');
    expect(formatPersonName(ja, 'en')).toBe('YAMADA Taro');
    expect(formatPersonName(ko, 'vi')).toBe('KIM Chul-soo');
    expect(formatPersonName(vi, 'ja')).toBe('Nguyễn Văn Dũng');
    expect(formatPersonName(en, 'zh-CN')).toBe('John Smith');
    // no Latin form recorded: the native name is better than nothing
    expect(formatPersonName({ ...zh, latinFamily: '', latinGiven: '' }, 'en')).toBe('张伟');
  });

  it('one rule for every list: Hangul to Korean readers only, Han to CJK readers, Latin to all', () => {
    // A Korean name is unreadable to Japanese staff (bookings showed them "(주)한빛농산").
    expect(formatPersonName(ko, 'ja')).toBe('KIM Chul-soo');
    expect(formatPersonName(ko, 'ko')).toBe('김철수');
    expect(readsScript('ja', 'ko')).toBe(false);
    expect(readsScript('zh-CN', 'ja')).toBe(true);
    expect(readsScript('en', 'vi')).toBe(true);
    const company = { native: '株式会社山田商事', latin: 'Yamada Shoji' };
    expect(nameForReader(company, 'ja')).toEqual({
      primary: '株式会社山田商事',
      secondary: 'Yamada Shoji',
      script: 'zh',
    });
    expect(nameForReader(company, 'vi')).toEqual({
      primary: 'Yamada Shoji',
      secondary: '株式会社山田商事',
      script: 'latin',
    });
    // One form only: that one, for everyone.
    expect(nameForReader({ native: '上海浦东贸易', latin: '' }, 'en').primary).toBe('上海浦东贸易');
    expect(nameForReader({ native: '', latin: 'Pacific Foods' }, 'ko')).toEqual({
      primary: 'Pacific Foods',
      secondary: null,
      script: 'latin',
    });
  });

  it('addresses Vietnamese by the given name, Japanese by family name', () => {
    expect(addressName(vi)).toBe('Dũng');
    expect(addressName(ja)).toBe('山田');
    expect(addressName(ko)).toBe('김철수');
    expect(addressName(en)).toBe('Smith');
  });

  it('detects the script of a name', () => {
    expect(detectNameScript('김철수')).toBe('ko');
    expect(detectNameScript('さとう')).toBe('ja');
    expect(detectNameScript('山田', 'ja')).toBe('ja');
    expect(detectNameScript('张伟')).toBe('zh');
    expect(detectNameScript('Nguyễn Văn Dũng')).toBe('vi');
    expect(detectNameScript('John Smith')).toBe('latin');
    expect(nameLang('zh')).toBe('zh-CN');
  });

  it('suggests readings only where they can be derived', () => {
    expect(suggestReading('さとう', 'ja')).toBe('サトウ');
    expect(suggestReading('ｻﾄｳ', 'ja')).toBe('サトウ');
    expect(suggestReading('佐藤', 'ja')).toBeNull(); // kanji: the user types the reading
    expect(suggestReading('张伟', 'zh')).toBe('zhang wei');
    expect(suggestReading('曾伟', 'zh')).toBe('zeng wei'); // polyphonic surname
    expect(suggestReading('单伟', 'zh')).toBe('shan wei');
    expect(suggestReading('John', 'latin')).toBeNull();
  });
});

describe('collation by the data script', () => {
  it('sorts Japanese by reading, not by kanji code point', async () => {
    const { sortBuyers } = await import('@shared/crm/collation');
    const b = (nameNative: string, reading: string) => ({
      nameNative,
      reading,
      nameScript: 'ja' as const,
    });
    const sorted = sortBuyers([
      b('山田商事', 'ヤマダショウジ'),
      b('佐藤食品', 'サトウショクヒン'),
      b('田中物産', 'タナカブッサン'),
      b('鈴木工業', 'スズキコウギョウ'),
    ]);
    expect(sorted.map((x) => x.nameNative)).toEqual([
      '佐藤食品',
      '鈴木工業',
      '田中物産',
      '山田商事',
    ]);
  });

  it('sorts Vietnamese people by given name and groups mixed scripts', async () => {
    const { sortContacts } = await import('@shared/crm/collation');
    const c = (
      familyName: string,
      givenName: string,
      nameScript: 'vi' | 'latin' | 'zh',
      reading = '',
    ) => ({ familyName, givenName, reading, nameScript, latinFamily: '', latinGiven: '' });
    const sorted = sortContacts(
      [
        c('Nguyễn', 'Văn Dũng', 'vi'),
        c('Trần', 'Thị Anh', 'vi'),
        c('Smith', 'John', 'latin'),
        c('曾', '伟', 'zh', 'zeng wei'),
        c('Lê', 'Bảo', 'vi'),
        c('张', '伟', 'zh', 'zhang wei'),
      ],
      ['vi', 'zh', 'latin'],
    );
    expect(sorted.map((x) => x.familyName + x.givenName)).toEqual([
      'TrầnThị Anh',
      'LêBảo',
      'NguyễnVăn Dũng',
      'SmithJohn', // one Latin alphabet with the Vietnamese names (vi collator)
      '曾伟',
      '张伟',
    ]);
  });
});

describe('foldForSearch invariants', () => {
  it('is idempotent on any text (index keys and queries fold the same way)', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        const once = foldForSearch(s);
        expect(foldForSearch(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('the ASCII fast path agrees with the full path', () => {
    // Same text with a non-ASCII char appended takes the full path.
    for (const s of ['  Yamada   Shoji Co., Ltd. ', 'TARO.Yamada@X.JP', 'zhang wei', 'a\tb']) {
      expect(foldForSearch(s)).toBe(foldForSearch(`${s}é`).replace(/e$/, '').trim());
    }
  });
});
