import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * National digits with the trunk prefix as people dial them at home
 * ("+819012345678" → "09012345678"), so a number typed locally is found.
 */
export function phoneNationalDigits(e164: string): string | null {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return null;
  return p.formatNational().replace(/\D/g, '');
}

/** The subscriber number without country code or trunk prefix ("+819012345678" → "9012345678"). */
export function phoneSubscriberDigits(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.nationalNumber ?? null;
}
