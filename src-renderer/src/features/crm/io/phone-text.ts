import type { Phone } from '@shared/crm/schemas';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone in the import preview as it will be saved and then shown on the buyer's page: the
 * normalized number with its country code ("090-1111-2222" typed in Tokyo reads
 * "+81 90 1111 2222"), not the office's national form, which looked just as typed. A number
 * that could not be read is kept as typed, and says so.
 */
export function previewPhoneText(p: Phone, asTyped: string): string {
  if (p.asTyped) return `${p.e164} (${asTyped})`;
  return parsePhoneNumberFromString(p.e164)?.formatInternational() ?? p.e164;
}
