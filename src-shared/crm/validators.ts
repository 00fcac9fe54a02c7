import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * HS code: the 6-digit international code, optionally extended by a national
 * 8-10 digit tariff line; a 4-digit heading is also accepted. Dots, spaces and
 * dashes are presentation only. Chapter 77 is reserved, chapters run 01-97.
 * Returns the digits, or null when the format is wrong.
 */
export function normalizeHsCode(raw: string): string | null {
  const digits = raw.trim().replace(/[.\s-]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (![4, 6, 8, 10].includes(digits.length)) return null;
  const chapter = Number(digits.slice(0, 2));
  if (chapter < 1 || chapter > 97 || chapter === 77) return null;
  return digits;
}

/** "030389" → "0303.89", "0303891000" → "0303.89.1000" for display. */
export function formatHsCode(digits: string): string {
  if (digits.length <= 4) return digits;
  const head = `${digits.slice(0, 4)}.${digits.slice(4, 6)}`;
  return digits.length > 6 ? `${head}.${digits.slice(6)}` : head;
}

const BRN_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/**
 * Korean business registration number (사업자등록번호) NNN-NN-NNNNN with the
 * National Tax Service check digit. Returns the canonical dashed form or null.
 */
export function normalizeBusinessRegistrationNumber(raw: string): string | null {
  const digits = raw.trim().replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  const d = [...digits].map(Number);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d[i]! * BRN_WEIGHTS[i]!;
  sum += Math.floor((d[8]! * 5) / 10);
  const check = (10 - (sum % 10)) % 10;
  if (check !== d[9]) return null;
  return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
}

export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/**
 * Parses a phone as typed (national or international) into E.164, using the
 * office's country as the default region. Null when it is not a valid number.
 */
export function toE164(raw: string, defaultCountry?: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  const parsed = parsePhoneNumberFromString(text, {
    defaultCountry: defaultCountry as CountryCode | undefined,
    extract: false,
  });
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** Country (ISO 3166-1 alpha-2) of an E.164 number, or undefined. */
export function phoneCountry(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}

/** Emails that belong to a function, not a person: weak evidence for duplicates. */
const SHARED_MAILBOXES = new Set([
  'info',
  'sales',
  'contact',
  'office',
  'admin',
  'support',
  'inquiry',
  'enquiry',
  'hello',
  'mail',
  'trade',
  'export',
  'import',
  'order',
  'orders',
  'service',
  'marketing',
  'biz',
  'business',
  'general',
  'webmaster',
  'customer',
  'cs',
  'kefu',
  'noreply',
]);

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isSharedMailbox(email: string): boolean {
  const local = normalizeEmail(email).split('@')[0] ?? '';
  return SHARED_MAILBOXES.has(local.replace(/[._-]?\d+$/, ''));
}

/**
 * Zones already found valid: constructing a DateTimeFormat costs ~0.1 ms, and HQ checks the
 * zone of every pushed talk. Only valid zones are kept, so the set stays small (IANA's list).
 */
const validZones = new Set<string>();

export function isValidTimeZone(tz: string): boolean {
  if (validZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    validZones.add(tz);
    return true;
  } catch {
    return false;
  }
}
