import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { NameScript } from '@shared/bookings';
import { toE164 } from '@shared/crm/validators';
import { detectNameScript } from '@shared/crm/names';
import type { Language } from '@shared/i18n/languages';
import { officeScript } from './labels';

/**
 * The interpreter and driver form's rules, as the buyer form has them: phones
 * read with the office's country as the default region and kept in E.164;
 * the name's script guessed from what was typed (Han alone is read as the
 * office's language), else the office's own script.
 */

export type PhoneResult = { ok: true; value: string | undefined } | { ok: false };

/** "090-1234-5678" in a Japanese office -> "+819012345678"; empty -> no phone; unreadable -> refused. */
export function normalizePhone(raw: string | undefined, officeCountry: string): PhoneResult {
  const text = raw?.trim() ?? '';
  if (!text) return { ok: true, value: undefined };
  const e164 = toE164(text, officeCountry);
  return e164 ? { ok: true, value: e164 } : { ok: false };
}

/** A stored phone as people read it: "+81 90 1234 5678" (anything unreadable as stored). */
export function displayPhone(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}

/** The script of a typed native name; the office's script while nothing tells. */
export function scriptOfName(text: string | undefined, officeLanguage: Language): NameScript {
  const fallback = officeScript(officeLanguage);
  if (!text?.trim()) return fallback;
  switch (detectNameScript(text, officeLanguage === 'zh-CN' ? 'zh' : 'ja')) {
    case 'ko':
      return 'hangul';
    case 'ja':
      return 'japanese';
    case 'zh':
      // Han alone: the office's reading (a Chinese name in Shanghai, Japanese in Tokyo).
      return officeLanguage === 'ja' ? 'japanese' : 'chinese';
    default:
      return 'latin';
  }
}
