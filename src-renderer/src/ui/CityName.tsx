import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { NameScript } from '@shared/crm/codes';
import { nameLang } from '@shared/crm/names';
import { cityForReader } from '@shared/crm/places';
import type { Language } from '@shared/i18n/languages';

/** A buyer's city as the reader can read it: its Latin form when stored in another script. */
export function CityName({
  city,
  country,
  language,
}: {
  city: string;
  country: string;
  language: Language;
}) {
  const shown = cityForReader(city, country, language);
  const romanized = useRomanizedCity(shown.foreign ? shown.text : '', shown.foreign);
  if (shown.beside) {
    return (
      <span>
        <span lang={shown.script ? nameLang(shown.script) : undefined}>{shown.text}</span>{' '}
        <Typography.Text type="secondary">({shown.beside})</Typography.Text>
      </span>
    );
  }
  if (shown.stored || romanized) {
    return (
      <span title={shown.stored ?? shown.text} data-testid="city-latin">
        {shown.stored ? shown.text : romanized}
      </span>
    );
  }
  // Not in the place table and not romanizable (Japanese kanji): as stored, in its own
  // script's glyphs.
  return shown.foreign ? (
    <span lang={nameLang(shown.foreign)}>{shown.text}</span>
  ) : (
    <>{shown.text}</>
  );
}

/** A city missing from the place table in Latin letters, once the reading module has loaded. */
function useRomanizedCity(city: string, script: NameScript | undefined): string | null {
  const [romanized, setRomanized] = useState<{ key: string; latin: string | null } | null>(null);
  const key = `${script ?? ''}|${city}`;
  useEffect(() => {
    if (!city || !script) return;
    let live = true;
    // pinyin-pro's dictionary (~200 KB) loads on first need, as for reading suggestions.
    void import('@shared/crm/reading').then(
      (m) => live && setRomanized({ key, latin: m.romanizeCity(city, script) }),
      () => {
        // The module failed to load: the stored form stays, which is still the city.
      },
    );
    return () => {
      live = false;
    };
  }, [city, script, key]);
  return romanized?.key === key ? romanized.latin : null;
}
