import { foldForSearch } from '../crm/fold';
import { stripLegalForm } from '../crm/legal-forms';

/**
 * Province-wide buyer identity key (HQ reports: "a buyer met by two offices counts once").
 * Buyers are office records, so the same importer met by Tokyo and Shimonoseki is two
 * records; they share this key when:
 *   1. both have a website: `web:<host>` (lower case, leading `www.` dropped), or
 *   2. otherwise `name:<COUNTRY>:<name>`: the native company name (the Latin one when the
 *      native is empty) without its legal form (株式会社, Co., Ltd., Công ty TNHH…), folded
 *      as CRM search folds it (NFKC, lower case, no Latin diacritics, katakana → hiragana)
 *      with spaces, dots and commas removed.
 * A buyer with neither gets `id:<officeId>:<buyerId>` (counts as itself).
 */
export interface BuyerIdentityInput {
  officeId: string;
  id: string;
  website?: unknown;
  country?: unknown;
  nameNative?: unknown;
  nameLatin?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function websiteHost(url: string): string | null {
  const m = /^\s*https?:\/\/(?:www\.)?([^/:?#\s]+)/i.exec(url);
  if (!m) return null;
  const host = m[1]!.toLowerCase().replace(/\.$/, '');
  return host.includes('.') ? host : null;
}

export function foldCompanyName(name: string): string {
  return foldForSearch(stripLegalForm(name)).replace(/[\s.,]/g, '');
}

export function buyerIdentityKey(b: BuyerIdentityInput): string {
  const host = websiteHost(str(b.website));
  if (host) return `web:${host}`;
  const country = str(b.country).toUpperCase();
  for (const name of [str(b.nameNative), str(b.nameLatin)]) {
    const folded = foldCompanyName(name);
    if (folded) return `name:${country}:${folded}`;
  }
  return `id:${b.officeId}:${b.id}`;
}
