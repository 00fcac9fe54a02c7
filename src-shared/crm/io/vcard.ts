import ICAL from 'ical.js';
import type { MessengerChannel, PhoneKind } from '../codes';
import { detectNameScript } from '../names';
import type { BuyerCompany, Contact } from '../schemas';
import {
  IMPORT_FIELDS,
  LIST_SEPARATOR,
  buyerColumns,
  contactColumns,
  type FlatRow,
} from './fields';
import { MAX_IMPORT_ROWS, fail, ok, type FileResult, type RawTable } from './result';
import { upgradeVcard21 } from './vcard21';
import { channelOf } from './labels';

/*
 * Messenger convention (export and import): RFC 6350 IMPP with a per-service
 * URI scheme plus Apple's X-SERVICE-TYPE parameter naming the service, e.g.
 *   IMPP;X-SERVICE-TYPE=LINE;PREF=1:line:taro_y
 * Import also reads iOS/macOS X-SOCIALPROFILE;TYPE=… and item-group
 * X-ABLabel labels, and Apple's x-apple: scheme.
 * Readings use X-PHONETIC-FIRST-NAME / -LAST-NAME / -ORG (Apple, Google).
 * Latin names are a second N / ORG with the same ALTID (RFC 6350 §5.4).
 * Bridgehead-only fields are X-BRIDGEHEAD-* properties.
 */
const SCHEME: Record<MessengerChannel, string> = {
  LINE: 'line',
  WeChat: 'weixin',
  Zalo: 'zalo',
  WhatsApp: 'whatsapp',
  KakaoTalk: 'kakaotalk',
  WeCom: 'wecom',
  Telegram: 'tg',
};
type JProp = [string, Record<string, unknown>, string, ...unknown[]];

function str(v: unknown): string {
  if (Array.isArray(v)) return v.map(str).join(' ');
  return v === null || v === undefined ? '' : String(v);
}
function parts(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str) : str(v).split(';');
}
function typesOf(p: JProp): string[] {
  const t = p[1].type;
  return (Array.isArray(t) ? t : t === undefined ? [] : [t]).flatMap((x) =>
    String(x).toLowerCase().split(','),
  );
}
function isPreferred(p: JProp): boolean {
  return p[1].pref !== undefined || typesOf(p).includes('pref');
}
function decodeHandle(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function phoneKind(types: string[], label: string): PhoneKind {
  const all = [...types, label.toLowerCase()].join(' ');
  if (/fax/.test(all)) return 'fax';
  if (/cell|mobile|iphone/.test(all)) return 'mobile';
  if (/home/.test(all)) return 'home';
  if (/work|main|voice|company/.test(all)) return 'work';
  return 'other';
}

/** "_$!<Mobile>!$_" → "Mobile" (Apple's built-in labels). */
const cleanLabel = (l: string) => l.replace(/^_\$!<(.*)>!\$_$/, '$1');

function cardToRow(props: JProp[]): { row: FlatRow; version: string } {
  const row: FlatRow = {};
  const add = (field: keyof FlatRow, value: string) => {
    const v = value.trim();
    if (!v) return;
    row[field] = row[field] ? `${row[field]}${LIST_SEPARATOR}${v}` : v;
  };
  const labels = new Map<string, string>();
  for (const p of props)
    if (p[0] === 'x-ablabel' && p[1].group) labels.set(String(p[1].group), cleanLabel(str(p[3])));
  const labelOf = (p: JProp) => (p[1].group ? (labels.get(String(p[1].group)) ?? '') : '');

  let version = '';
  const names: string[][] = [];
  const orgs: string[] = [];
  let fn = '';
  let kind = 'individual';
  let showAsCompany = false;
  let preferredMessenger = '';
  const messenger = (channel: MessengerChannel, handle: string, pref: boolean) => {
    const h = handle.trim();
    if (!h) return;
    const field = `contact.${channel}` as const;
    if (splitHas(row[field], h)) return;
    add(field, h);
    if (pref && !preferredMessenger) preferredMessenger = channel;
  };

  for (const p of props) {
    const [name, params] = p;
    const values = p.slice(3);
    const value = str(values[0]);
    switch (name) {
      case 'version':
        version = value;
        break;
      case 'kind':
        kind = value.toLowerCase();
        break;
      // Apple's 3.0 company card (vCard 3 has no KIND): shown as the company, no person named.
      case 'x-abshowas':
        showAsCompany = value.toUpperCase() === 'COMPANY';
        break;
      case 'n':
        names.push(parts(values[0]));
        break;
      case 'fn':
        fn = value;
        break;
      case 'org':
        orgs.push(parts(values[0])[0] ?? '');
        break;
      case 'x-phonetic-org':
        add('buyer.reading', value);
        break;
      case 'x-phonetic-last-name':
        add('contact.readingFamily', value);
        break;
      case 'x-phonetic-first-name':
        add('contact.readingGiven', value);
        break;
      case 'title':
        add('contact.title', value);
        break;
      case 'email':
        add('contact.emails', value);
        break;
      case 'tel': {
        const label = labelOf(p);
        // A label ("Zalo") or a custom type (Android's TEL;X-Zalo) naming a messenger.
        const channel =
          channelOf(label) ??
          typesOf(p)
            .map((t) => channelOf(t.replace(/^x-/, '')))
            .find(Boolean);
        const number = value.replace(/^tel:/i, '');
        if (channel) messenger(channel, number, isPreferred(p));
        else add(`contact.phone.${phoneKind(typesOf(p), label)}`, number);
        break;
      }
      case 'impp': {
        const m = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(value);
        const scheme = m?.[1] ?? '';
        const channel =
          channelOf(params['x-service-type']) ?? channelOf(labelOf(p)) ?? channelOf(scheme);
        if (channel)
          messenger(channel, decodeHandle(m ? m[2]! : value).replace(/^\/\//, ''), isPreferred(p));
        break;
      }
      case 'x-socialprofile': {
        const channel = channelOf(typesOf(p)[0]) ?? channelOf(labelOf(p));
        const handle =
          str(params['x-user']) ||
          value.replace(/^[a-z]+:\/\/[^/]+\//i, '').replace(/^[a-z]+:/i, '');
        if (channel) messenger(channel, decodeHandle(handle), isPreferred(p));
        break;
      }
      case 'adr': {
        const [, , street = '', locality = '', region = '', postal = '', country = ''] = parts(
          values[0],
        );
        if (!row['buyer.addressLocal'])
          add('buyer.addressLocal', [postal, region, street].filter(Boolean).join(' '));
        if (!row['buyer.city']) add('buyer.city', locality);
        const c = country.trim();
        // As written ("Japan", "日本"): the plan turns names into codes, or says it cannot.
        if (c && !row['buyer.country']) add('buyer.country', c);
        break;
      }
      case 'url':
        if (!row['buyer.website']) add('buyer.website', value);
        break;
      case 'note':
        add('contact.notes', value);
        break;
      case 'categories':
        values.map(str).forEach((c) => add('buyer.tags', c));
        break;
      case 'lang':
        if (!row['contact.preferredLanguage']) add('contact.preferredLanguage', value);
        break;
      case 'uid':
        add('contact.id', value.replace(/^urn:uuid:/i, ''));
        break;
      default:
        if (name.startsWith('x-bridgehead-')) {
          const field = BRIDGEHEAD_PROPS[name];
          if (field) row[field] = values.map(str).join(LIST_SEPARATOR);
        } else if (name.startsWith('x-')) {
          // X-WECHAT, X-LINE, X-ZALO… (Android and older address books).
          const channel = channelOf(name.slice(2));
          if (channel) messenger(channel, value, isPreferred(p));
        }
    }
  }
  if (showAsCompany && !names.some((n) => n.some((x) => x.trim()))) kind = 'org';
  // Names: with ALTID alternatives, the Latin-script one is the Latin name.
  const nativeN = names.find((n) => detectNameScript(n.join('')) !== 'latin') ?? names[0];
  const latinN = names.find((n) => n !== nativeN && detectNameScript(n.join('')) === 'latin');
  if (nativeN) {
    add('contact.familyName', nativeN[0] ?? '');
    add('contact.givenName', nativeN[1] ?? '');
    // The plan puts a middle name where its script writes it (Nguyễn Văn Minh: before the given name).
    add('contact.middleName', nativeN[2] ?? '');
  }
  if (latinN) {
    add('contact.latinFamily', latinN[0] ?? '');
    add('contact.latinGiven', [latinN[1], latinN[2]].filter(Boolean).join(' '));
  }
  if (!nativeN && fn && kind !== 'org') add('contact.fullName', fn);
  const nativeOrg =
    orgs.find((o) => detectNameScript(o) !== 'latin') ?? orgs[0] ?? (kind === 'org' ? fn : '');
  const latinOrg = orgs.find((o) => o !== nativeOrg && detectNameScript(o) === 'latin');
  if (nativeOrg) add('buyer.nameNative', nativeOrg);
  if (latinOrg && !row['buyer.nameLatin']) add('buyer.nameLatin', latinOrg);
  if (preferredMessenger && !row['contact.preferredMessenger'])
    row['contact.preferredMessenger'] = preferredMessenger;
  if (kind === 'org') {
    for (const k of Object.keys(row)) if (k.startsWith('contact.')) delete row[k as keyof FlatRow];
  }
  return { row, version };
}

function splitHas(cell: string | undefined, v: string): boolean {
  return (cell ?? '').split(LIST_SEPARATOR).includes(v);
}

const BRIDGEHEAD_PROPS: Record<string, keyof FlatRow> = {
  'x-bridgehead-buyer-id': 'buyer.id',
  'x-bridgehead-buyer-name-script': 'buyer.nameScript',
  'x-bridgehead-buyer-country': 'buyer.country',
  'x-bridgehead-buyer-city': 'buyer.city',
  'x-bridgehead-buyer-address': 'buyer.addressLocal',
  'x-bridgehead-buyer-name-latin': 'buyer.nameLatin',
  'x-bridgehead-industries': 'buyer.industries',
  'x-bridgehead-products': 'buyer.products',
  'x-bridgehead-status': 'buyer.status',
  'x-bridgehead-buyer-notes': 'buyer.notes',
  'x-bridgehead-name-script': 'contact.nameScript',
  'x-bridgehead-reading': 'contact.reading',
  'x-bridgehead-latin-family': 'contact.latinFamily',
  'x-bridgehead-latin-given': 'contact.latinGiven',
  'x-bridgehead-language': 'contact.preferredLanguage',
  'x-bridgehead-consent-date': 'contact.consentDate',
  'x-bridgehead-consent-scope': 'contact.consentScope',
  'x-bridgehead-consent-source': 'contact.consentSource',
  'x-bridgehead-notice-version': 'contact.noticeVersion',
  'x-bridgehead-notice-language': 'contact.noticeLanguage',
};

/**
 * Outlook and older Apple exports write vCard 2.1-style bare parameters in
 * 3.0 cards ("TEL;WORK;VOICE:…"), which ical.js rejects. Rewrite them as
 * TYPE=… on the unfolded logical lines before parsing.
 */
function normalizeBareParams(text: string): string {
  return text
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .map((line) => {
      let inQuotes = false;
      let colon = -1;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (ch === '"') inQuotes = !inQuotes;
        else if (ch === ':' && !inQuotes) {
          colon = i;
          break;
        }
      }
      if (colon < 0) return line;
      const [name, ...params] = line.slice(0, colon).split(';');
      if (!params.some((p) => !p.includes('='))) return line;
      const fixed = params.map((p) => (p.includes('=') ? p : `TYPE=${p}`));
      return [name, ...fixed].join(';') + line.slice(colon);
    })
    .join('\r\n');
}

/** vCard 2.1 / 3.0 / 4.0 text (one or many cards, unfolded) → flat rows with our field names as headers. */
export function parseVcards(text: string): FileResult<RawTable> {
  const body = text.replace(/^\ufeff/, '').trim();
  if (!body) return fail('crm.import.empty_file');
  if (!/^BEGIN:VCARD/i.test(body)) return fail('crm.import.vcard_unreadable');
  if (!/END:VCARD\s*$/i.test(body)) return fail('crm.import.truncated');
  let parsed: unknown;
  try {
    parsed = ICAL.parse(normalizeBareParams(upgradeVcard21(body)));
  } catch (e) {
    return fail('crm.import.vcard_unreadable', {
      detail: e instanceof Error ? e.message.slice(0, 200) : undefined,
    });
  }
  const cards = (
    Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]
  ) as unknown[];
  if (cards.length > MAX_IMPORT_ROWS)
    return fail('crm.import.too_many_rows', { params: { max: String(MAX_IMPORT_ROWS) } });
  const rows: Record<string, string>[] = [];
  for (const [i, card] of cards.entries()) {
    if (!Array.isArray(card) || card[0] !== 'vcard' || !Array.isArray(card[1]))
      return fail('crm.import.vcard_unreadable', { row: i + 1 });
    const { row, version } = cardToRow(card[1] as JProp[]);
    if (version && version !== '3.0' && version !== '4.0')
      return fail('crm.import.vcard_version_unsupported', { row: i + 1, params: { version } });
    rows.push(row as Record<string, string>);
  }
  return ok({
    headers: [...IMPORT_FIELDS],
    rows: rows.map((r) => Object.fromEntries(IMPORT_FIELDS.map((f) => [f, r[f] ?? '']))),
  });
}

/**
 * Buyers and contacts → vCard 3.0 text (one card per contact; a buyer without
 * contacts is one company card). 3.0 because every address book reads it:
 * Outlook, Apple Contacts, Google Contacts and Android (4.0 is still patchy).
 */
export function toVcards(buyers: readonly BuyerCompany[], contacts: readonly Contact[]): string {
  const byBuyer = new Map<string, Contact[]>();
  for (const c of contacts) {
    const list = byBuyer.get(c.buyerId) ?? [];
    list.push(c);
    byBuyer.set(c.buyerId, list);
  }
  const cards: string[] = [];
  for (const b of buyers) {
    const list = byBuyer.get(b.id) ?? [];
    if (!list.length) cards.push(card(b, null));
    for (const c of list) cards.push(card(b, c));
  }
  return cards.join('');
}

/** How FN writes a person: Latin given-first, CJK family-first (Japanese with a space). */
function formattedName(c: Contact): string {
  if (c.nameScript === 'latin') return `${c.givenName} ${c.familyName}`.trim();
  const native = [c.familyName, c.givenName]
    .filter(Boolean)
    .join(c.nameScript === 'vi' || c.nameScript === 'ja' ? ' ' : '');
  return native || `${c.latinGiven} ${c.latinFamily}`.trim();
}

/*
 * vCard 3.0 (RFC 2426) has one N and one ORG: the Latin names travel as
 * X-BRIDGEHEAD-* properties (read back by parseVcards), the readings as Apple's
 * X-PHONETIC-*; a company card is Apple's X-ABShowAs:COMPANY with an empty N.
 * Messengers are RFC 4770 IMPP with X-SERVICE-TYPE (what Apple writes in 3.0).
 */
function card(b: BuyerCompany, c: Contact | null): string {
  const v = new ICAL.Component('vcard');
  const prop = (
    name: string,
    value: string | string[],
    params: Record<string, string | string[]> = {},
  ) => {
    const p = new ICAL.Property(name, v);
    // X- properties default to type 'unknown', which ical.js writes unescaped:
    // a newline in a note would end the line. VALUE=TEXT makes it escape.
    if (name.startsWith('x-')) p.resetType('text');
    if (Array.isArray(value)) p.setValue(value as unknown as string);
    else p.setValue(value);
    for (const [k, val] of Object.entries(params)) p.setParameter(k, val);
    v.addProperty(p);
    return p;
  };
  // First, so ical.js writes the whole card with its vCard 3.0 rules.
  prop('version', '3.0');
  const bc = buyerColumns(b);
  if (c) {
    const cc = contactColumns(c);
    prop('uid', c.id);
    prop('fn', formattedName(c));
    prop('n', [c.familyName, c.givenName, '', '', '']);
    if (c.latinFamily) prop('x-bridgehead-latin-family', c.latinFamily);
    if (c.latinGiven) prop('x-bridgehead-latin-given', c.latinGiven);
    if (c.reading) prop('x-bridgehead-reading', c.reading);
    const [readFamily = '', ...readGiven] = c.reading.split(' ');
    if (readFamily) prop('x-phonetic-last-name', readFamily);
    if (readGiven.length) prop('x-phonetic-first-name', readGiven.join(' '));
    prop('x-bridgehead-name-script', c.nameScript);
    if (c.title) prop('title', c.title);
    c.emails.forEach((e, i) =>
      prop('email', e, { type: i === 0 ? ['internet', 'pref'] : 'internet' }),
    );
    for (const p of c.phones) {
      // A number kept as typed is written as typed; import reads it the same way again.
      prop('tel', p.e164, { type: p.kind === 'mobile' ? 'cell' : p.kind });
    }
    for (const m of c.messengers) {
      prop('impp', `${SCHEME[m.channel]}:${encodeURIComponent(m.handle)}`, {
        'x-service-type': m.channel,
        ...(m.preferred ? { type: 'pref' } : {}),
      });
    }
    if (c.preferredLanguage) prop('x-bridgehead-language', c.preferredLanguage);
    if (c.notes) prop('note', c.notes);
    if (c.consent) {
      prop('x-bridgehead-consent-date', cc['contact.consentDate']!);
      prop('x-bridgehead-consent-scope', cc['contact.consentScope']!);
      if (c.consent.source) prop('x-bridgehead-consent-source', c.consent.source);
      if (c.consent.noticeVersion) prop('x-bridgehead-notice-version', c.consent.noticeVersion);
      if (c.consent.noticeLanguage) prop('x-bridgehead-notice-language', c.consent.noticeLanguage);
    }
  } else {
    prop('uid', b.id);
    prop('x-abshowas', 'COMPANY');
    prop('fn', b.nameNative);
    prop('n', ['', '', '', '', '']);
  }
  prop('org', [b.nameNative]);
  if (b.nameLatin) prop('x-bridgehead-buyer-name-latin', b.nameLatin);
  if (b.reading) prop('x-phonetic-org', b.reading);
  prop('x-bridgehead-buyer-id', b.id);
  prop('x-bridgehead-buyer-name-script', b.nameScript);
  prop('adr', ['', '', b.addressLocal, b.city, '', '', b.country], { type: 'work' });
  prop('x-bridgehead-buyer-country', b.country);
  if (b.city) prop('x-bridgehead-buyer-city', b.city);
  if (b.addressLocal) prop('x-bridgehead-buyer-address', b.addressLocal);
  if (b.website) prop('url', b.website);
  if (b.tags.length) {
    const p = new ICAL.Property('categories', v);
    p.setValues(b.tags);
    v.addProperty(p);
  }
  if (b.industries.length) prop('x-bridgehead-industries', bc['buyer.industries']!);
  if (b.products.length) prop('x-bridgehead-products', bc['buyer.products']!);
  prop('x-bridgehead-status', b.status);
  if (b.notes) prop('x-bridgehead-buyer-notes', b.notes);
  return v.toString() + '\r\n';
}
