import type { SmeFirm } from '@shared/crm/schemas';
import type { Language } from '@shared/i18n/languages';

/** Korean readers get the Korean name; others the English one when there is one. */
export function firmLabel(
  firm: SmeFirm | undefined,
  language: Language,
): { text: string; lang: string } {
  if (!firm) return { text: '', lang: language };
  return language === 'ko' || !firm.nameEn
    ? { text: firm.nameKo, lang: 'ko' }
    : { text: firm.nameEn, lang: 'en' };
}
