import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface PhoneDigitVariants {
  /** "+819012345678" → "819012345678" */
  international: string;
  /** As dialled at home, with the trunk prefix: "09012345678". */
  national: string;
  /** Without country code or trunk prefix: "9012345678". */
  subscriber: string;
}

/** The digit strings a person may type for a stored E.164 number (one parse: it is the slow part). */
export function phoneDigitVariants(e164: string): PhoneDigitVariants | null {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return null;
  return {
    international: e164.replace(/\D/g, ''),
    national: p.formatNational().replace(/\D/g, ''),
    subscriber: p.nationalNumber,
  };
}
