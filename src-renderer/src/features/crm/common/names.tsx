import { nameLang, nativeName, type PersonName } from '@shared/crm/names';
import type { NameScript } from '@shared/crm/codes';

/** Latin text carries Vietnamese diacritics only for Vietnamese names (font and hyphenation). */
const latinLang = (script: NameScript) => (script === 'vi' ? 'vi' : 'en');

/** A company name: native script (with its own `lang`, so 中文 gets Chinese glyphs in any UI) and Latin. */
export function CompanyName({
  nameNative,
  nameLatin,
  nameScript,
  inline = false,
}: {
  nameNative: string;
  nameLatin: string;
  nameScript: NameScript;
  inline?: boolean;
}) {
  const showLatin = nameLatin && nameLatin !== nameNative;
  return (
    <span className={inline ? 'bh-crm-name bh-crm-name-inline' : 'bh-crm-name'}>
      <span className="bh-crm-name-native" lang={nameLang(nameScript)}>
        {nameNative}
      </span>
      {showLatin ? (
        <span className="bh-crm-name-latin" lang={latinLang(nameScript)}>
          {nameLatin}
        </span>
      ) : null}
    </span>
  );
}

/** East Asian names in Latin: family first and upper-case, so nobody guesses wrong. */
export function latinPersonName(n: PersonName): string {
  if (!n.latinFamily && !n.latinGiven) return '';
  if (n.nameScript === 'ja' || n.nameScript === 'zh' || n.nameScript === 'ko') {
    return [n.latinFamily.toUpperCase(), n.latinGiven].filter(Boolean).join(' ');
  }
  return [n.latinGiven, n.latinFamily].filter(Boolean).join(' ');
}

/** A person's name in the order of its script (山田 太郎, Nguyễn Văn Dũng, John Smith) plus its Latin form. */
export function PersonNameView({ name, inline = false }: { name: PersonName; inline?: boolean }) {
  const native = nativeName(name);
  const latin = latinPersonName(name);
  return (
    <CompanyName
      nameNative={native || latin}
      nameLatin={native ? latin : ''}
      nameScript={native ? name.nameScript : 'latin'}
      inline={inline}
    />
  );
}

export { CityName } from '../../../ui/CityName';
