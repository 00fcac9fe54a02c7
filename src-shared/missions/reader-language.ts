import { nameLang } from '../crm/names';
import type { NameScript } from '../crm/codes';
import { isLanguage, type Language } from '../i18n/languages';

/** A BCP 47 tag as one of the app's languages (`zh`, `zh-Hans`, `zh-CN` → zh-CN), or null. */
export function appLanguageOf(tag: string | undefined): Language | null {
  if (!tag) return null;
  if (isLanguage(tag)) return tag;
  const primary = tag.toLowerCase().split('-')[0]!;
  if (primary === 'zh') return 'zh-CN';
  return isLanguage(primary) ? primary : null;
}

/**
 * The language a buyer's itinerary is written in: the preferred language of the contact the
 * mission meets (the requests' contacts first, then the buyer's other contacts, in order),
 * else the language of the script of the buyer's name when it is not Latin (a Japanese
 * name reads Japanese), else the office's local language (a Latin-named buyer in Hanoi
 * reads Vietnamese), else English. Only the app's five languages qualify: a contact who
 * prefers Thai falls through to the name and the office.
 */
export function buyerReaderLanguage(input: {
  readonly contacts: readonly { id: string; preferredLanguage?: string }[];
  readonly requestedContactIds?: readonly string[];
  readonly officeLanguage?: string;
  readonly nameScript?: NameScript;
}): Language {
  const wanted = new Set(input.requestedContactIds ?? []);
  const ordered = [
    ...input.contacts.filter((c) => wanted.has(c.id)),
    ...input.contacts.filter((c) => !wanted.has(c.id)),
  ];
  for (const c of ordered) {
    const lang = appLanguageOf(c.preferredLanguage);
    if (lang) return lang;
  }
  const byScript =
    input.nameScript && input.nameScript !== 'latin'
      ? appLanguageOf(nameLang(input.nameScript))
      : null;
  return byScript ?? appLanguageOf(input.officeLanguage) ?? 'en';
}
