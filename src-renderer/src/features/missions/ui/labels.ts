/** Languages a meeting can need an interpreter for, and participants can speak. */
export const LANGUAGE_CODES = ['ko', 'ja', 'zh', 'vi', 'en'] as const;
