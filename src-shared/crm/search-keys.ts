import { getChoseong } from 'es-hangul';
import { pinyin } from 'pinyin-pro';
import { isKana, toRomaji } from 'wanakana';
import type { NameScript } from './codes';
import { digitsOnly, foldForSearch } from './fold';
import type { BuyerCompany, Contact } from './schemas';
import { phoneDigitVariants } from './phone-digits';
import { stripLegalForm } from './legal-forms';

export { stripLegalForm };

/** What a key was derived from; drives the field weight in ranking. */
export const SEARCH_FIELDS = [
  'companyNative',
  'companyLatin',
  'companyReading',
  'companyPhonetic', // pinyin / romaji / 초성 derived from the company name
  'companyInitials',
  'contactNative',
  'contactLatin',
  'contactReading',
  'contactPhonetic',
  'contactInitials',
  'email',
  'phone',
  'messenger',
  'tag',
  'city',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** Higher wins inside a match tier (exact > prefix > word-prefix > substring). */
export const FIELD_WEIGHTS: Readonly<Record<SearchField, number>> = {
  companyNative: 60,
  companyLatin: 58,
  contactNative: 56,
  contactLatin: 54,
  email: 52,
  phone: 50,
  messenger: 48,
  companyReading: 46,
  contactReading: 44,
  companyPhonetic: 40,
  contactPhonetic: 38,
  companyInitials: 30,
  contactInitials: 28,
  tag: 20,
  city: 10,
};

export interface SearchKey {
  field: SearchField;
  /** -1 for the company, else the index of the contact in `contactIds`. */
  slot: number;
  /** Already folded with foldForSearch. */
  text: string;
  /**
   * How the prefix index treats the key: 'words' = key start and every word
   * start, 'start' = key start only (e.g. a company name with its legal form,
   * whose words are indexed from the stripped variant), 'none' = only
   * substring search finds it (city).
   */
  index: 'words' | 'start' | 'none';
}

/** Precomputed, persistable search keys of one buyer and its contacts. */
export interface SearchDocument {
  buyerId: string;
  contactIds: string[];
  keys: SearchKey[];
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const HANGUL = /[\uac00-\ud7af]/;

function phonetic(
  text: string,
  script: NameScript,
  person: boolean,
): { full: string[]; initials: string[] } {
  const full: string[] = [];
  const initials: string[] = [];
  if (script === 'zh' && HAN.test(text)) {
    const syllables = pinyin(text, {
      toneType: 'none',
      type: 'array',
      mode: person ? 'surname' : 'normal',
      nonZh: 'removed',
    }).filter(Boolean);
    if (syllables.length) {
      full.push(syllables.join(''), syllables.join(' '));
      initials.push(syllables.map((s) => s[0]).join(''));
    }
  }
  if (HANGUL.test(text)) {
    const cho = getChoseong(text.replace(/\s+/g, ''));
    if (cho) initials.push(cho);
  }
  return { full, initials };
}

function kanaRomaji(reading: string): string | null {
  const compact = reading.normalize('NFKC').replace(/[\s・]/g, '');
  return compact && isKana(compact) ? toRomaji(reading.normalize('NFKC')) : null;
}

/** Builds the search document; call on every write and persist it next to the buyer. */
export function buildSearchDocument(
  buyer: BuyerCompany,
  contacts: readonly Contact[],
): SearchDocument {
  const keys: SearchKey[] = [];
  const seen = new Set<string>();
  const add = (
    field: SearchField,
    slot: number,
    raw: string | null | undefined,
    index: SearchKey['index'] = 'words',
    fold = true,
  ) => {
    if (!raw) return;
    const text = fold ? foldForSearch(raw) : raw;
    if (!text) return;
    const id = `${slot}|${text}`;
    if (seen.has(id)) return; // same text from a lower-weight field adds nothing
    seen.add(id);
    keys.push({ field, slot, text, index });
  };

  // Full names match exactly/as prefix; their words come from the stripped variant
  // (nobody types "ltd" to find a buyer).
  add('companyNative', -1, stripLegalForm(buyer.nameNative));
  add('companyNative', -1, buyer.nameNative, 'start');
  add('companyLatin', -1, stripLegalForm(buyer.nameLatin));
  add('companyLatin', -1, buyer.nameLatin, 'start');
  add('companyReading', -1, buyer.reading);
  add('companyPhonetic', -1, kanaRomaji(buyer.reading));
  const cp = phonetic(stripLegalForm(buyer.nameNative), buyer.nameScript, false);
  cp.full.forEach((k, i) => add('companyPhonetic', -1, k, i === 0 ? 'start' : 'words'));
  cp.initials.forEach((k) => add('companyInitials', -1, k));
  buyer.tags.forEach((t) => add('tag', -1, t));
  add('city', -1, buyer.city, 'none');

  contacts.forEach((c, slot) => {
    const script = c.nameScript;
    const cjk = script === 'ja' || script === 'zh' || script === 'ko';
    // CJK names are typed without a space; the given name alone stays findable as its own key.
    add(
      'contactNative',
      slot,
      cjk ? `${c.familyName}${c.givenName}` : `${c.familyName} ${c.givenName}`,
    );
    if (cjk) add('contactNative', slot, c.givenName);
    add('contactNative', slot, script === 'latin' ? `${c.givenName} ${c.familyName}` : null);
    add('contactLatin', slot, `${c.latinGiven} ${c.latinFamily}`);
    // East Asian names are also typed family-first in Latin ("yamada taro").
    if (cjk) add('contactLatin', slot, `${c.latinFamily} ${c.latinGiven}`, 'start');
    add('contactReading', slot, c.reading.replace(/\s+/g, ''), 'start');
    add('contactReading', slot, c.reading);
    add('contactPhonetic', slot, kanaRomaji(c.reading)?.replace(/\s+/g, ''));
    const pp = phonetic(`${c.familyName}${c.givenName}`, script, true);
    pp.full.forEach((k) => add('contactPhonetic', slot, k));
    pp.initials.forEach((k) => add('contactInitials', slot, k));
    for (const e of c.emails) {
      add('email', slot, e, 'start');
      // Words of the local part only: "yamada" finds taro.yamada@...; domain labels would match everyone.
      const [local = '', domain = ''] = e.split('@');
      if (/[._-]/.test(local)) add('email', slot, local, 'words');
      // "@yamada-shoji" finds everyone at that company.
      if (domain) add('email', slot, `@${domain}`, 'start');
    }
    for (const p of c.phones) {
      const v = phoneDigitVariants(p.e164);
      add('phone', slot, v?.international ?? digitsOnly(p.e164), 'start', false);
      add('phone', slot, v?.national, 'start', false);
      add('phone', slot, v?.subscriber, 'start', false);
    }
    c.messengers.forEach((m) => add('messenger', slot, m.handle, 'start'));
  });
  return { buyerId: buyer.id, contactIds: contacts.map((c) => c.id), keys };
}
