import type { Language } from '../i18n/languages';
import type { Driver, Interpreter, NameScript, PersonName, Vehicle } from './schemas';

/** Lookups for printing names and vehicles; Maps keyed by id. */
export interface PeopleDirectory {
  readonly interpreters?: ReadonlyMap<string, Interpreter>;
  readonly drivers?: ReadonlyMap<string, Driver>;
  readonly vehicles?: ReadonlyMap<string, Vehicle>;
}

export function directoryOf(lists: {
  interpreters?: Iterable<Interpreter>;
  drivers?: Iterable<Driver>;
  vehicles?: Iterable<Vehicle>;
}): PeopleDirectory {
  const byId = <T extends { id: string }>(items?: Iterable<T>) =>
    new Map([...(items ?? [])].map((x) => [x.id, x] as const));
  return {
    interpreters: byId(lists.interpreters),
    drivers: byId(lists.drivers),
    vehicles: byId(lists.vehicles),
  };
}

/** Scripts a reader of each UI language reads comfortably (Latin for everyone). */
const READABLE: Record<Language, readonly NameScript[]> = {
  ko: ['hangul', 'latin'],
  ja: ['japanese', 'latin'],
  'zh-CN': ['chinese', 'latin'],
  vi: ['latin'],
  en: ['latin'],
};

export interface DisplayName {
  /** In the reader's script where available, else the Latin form as printed. */
  readonly primary: string;
  /** The other form when it differs (print it small, for matching a passport or a sign). */
  readonly secondary: string | null;
  /** BCP-47 tag for the `lang` attribute of `primary` (fonts, screen readers). */
  readonly lang: string;
}

const SCRIPT_LANG: Record<NameScript, string> = {
  hangul: 'ko',
  japanese: 'ja',
  chinese: 'zh-CN',
  latin: 'und-Latn',
};

export function displayName(name: PersonName, reader: Language): DisplayName {
  const native = READABLE[reader].includes(name.script);
  const primary = native ? name.native : name.latin;
  const secondary = native ? name.latin : name.native;
  return {
    primary,
    secondary: secondary === primary ? null : secondary,
    lang: native ? SCRIPT_LANG[name.script] : 'und-Latn',
  };
}
