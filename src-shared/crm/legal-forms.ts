// No dependencies: the duplicate index (main thread) uses it without pulling in pinyin-pro.
/** East Asian legal forms are written without spaces: match anywhere. */
const CJK_LEGAL_FORMS =
  /(株式会社|有限会社|合同会社|合資会社|（株）|\(株\)|㈱|（有）|\(有\)|㈲|有限责任公司|股份有限公司|有限公司|集团|公司|주식회사|유한회사|（주）|\(주\)|㈜|（유）|\(유\))/gu;
/** Latin-script forms only as whole words ("Lincoln" keeps its "inc"). */
const LATIN_LEGAL_FORMS =
  /(?<![\p{L}\p{N}])(công ty cổ phần|công ty tnhh|công ty|tnhh|ctcp|co\.,? ?ltd\.?|co\.|inc\.?|corp\.?|corporation|llc|ltd\.?|company|k\.k\.|gmbh)(?![\p{L}\p{N}])/giu;
/** Legal forms in a katakana reading (カブシキガイシャヤマダショウジ), for sorting by reading. */
const KANA_LEGAL_FORMS =
  /(カブシキガイシャ|カブシキカイシャ|ユウゲンガイシャ|ゴウドウガイシャ|ゴウシガイシャ)/gu;

/** The company name without its legal form: "株式会社山田商事" → "山田商事", so typing 山田 is a prefix. */
export function stripLegalForm(name: string): string {
  return name
    .replace(CJK_LEGAL_FORMS, ' ')
    .replace(LATIN_LEGAL_FORMS, ' ')
    .replace(/[\s,.]+/g, ' ')
    .trim();
}

/** A katakana reading without its legal form: "カブシキガイシャ ヤマダショウジ" → "ヤマダショウジ". */
export function stripKanaLegalForm(reading: string): string {
  return reading.replace(KANA_LEGAL_FORMS, ' ').replace(/\s+/g, ' ').trim();
}
