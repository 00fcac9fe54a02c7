import { useEffect } from 'react';
import type { NameScript } from '@shared/crm/codes';
import type * as Reading from '@shared/crm/reading';

type ReadingModule = typeof Reading;
let loading: Promise<ReadingModule> | null = null;

/** pinyin-pro's dictionary loads on first need, not with the app. */
export function loadReadingSuggester(): Promise<ReadingModule> {
  loading ??= import('@shared/crm/reading');
  return loading;
}

/** Starts loading the suggester when a form opens, so a blur a moment later finds it ready. */
export function usePreloadReadingSuggester(): void {
  useEffect(() => {
    void loadReadingSuggester();
  }, []);
}

/** `suggestReading` (katakana for kana, pinyin for hanzi; null when it cannot tell), loaded lazily. */
export async function suggestReadingLazy(
  text: string,
  script: NameScript,
  kind: 'person' | 'company' = 'person',
): Promise<string | null> {
  return (await loadReadingSuggester()).suggestReading(text, script, kind);
}
