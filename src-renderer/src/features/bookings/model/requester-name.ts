import type { TFunction } from 'i18next';
import type { Booking, Requester } from '@shared/bookings';
import type { SmeFirm } from '@shared/crm/schemas';
import type { Language } from '@shared/i18n/languages';
import { firmLabel } from '../../crm';

/**
 * Who asked for a booking, in a script the reader reads, by the CRM's rule
 * (crm/common/firms.firmLabel): Korean readers get the Korean name, everyone
 * else the Latin one when there is one. An SME is looked up in the CRM (its
 * current name); the name stored with the booking is the fallback. Never an id.
 */
export function requesterName(
  requester: Requester,
  language: Language,
  firms?: ReadonlyMap<string, SmeFirm>,
): { text: string; lang: string } | null {
  if (requester.kind === 'sme') {
    const firm = firms?.get(requester.smeId);
    if (firm) return firmLabel(firm, language);
  }
  const korean = requester.label ?? '';
  const latin = requester.labelLatin ?? '';
  if (!korean && !latin) return null;
  return language === 'ko' || !latin ? { text: korean, lang: 'ko' } : { text: latin, lang: 'en' };
}

/** The requester's name, else the purpose ("Trade talk"). */
export function requesterOrPurpose(
  booking: Booking,
  language: Language,
  t: TFunction,
  firms?: ReadonlyMap<string, SmeFirm>,
): { text: string; lang?: string } {
  const name = booking.requester ? requesterName(booking.requester, language, firms) : null;
  return name ?? { text: t(`bookings:purpose.${booking.purpose}`) };
}
