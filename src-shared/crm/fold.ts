/**
 * Search normalization shared by the index, the query and duplicate matching.
 * - NFKC: half-width katakana and full-width Latin/digits become ordinary (ｻﾄｳ → サトウ, Ａ → A)
 * - lower case
 * - Latin diacritics removed (Nguyễn → nguyen), and đ → d, which NFD keeps
 * - katakana folded to hiragana (サトウ → さとう); kana voicing marks are KEPT (が ≠ か)
 * - control characters removed, whitespace collapsed
 */
export function foldForSearch(text: string): string {
  // Fast path: printable ASCII needs no Unicode normalization (most keys: emails, Latin, pinyin, romaji).
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/ {2,}/g, ' ').trim();
  let s = text.normalize('NFKC').toLowerCase();
  // Strip only the Latin combining block so kana dakuten and Hangul survive NFD.
  s = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
  s = s.replace(/đ/g, 'd');
  s = s.replace(/[\u30a1-\u30f6\u30fd\u30fe]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - 0x60),
  );
  // Control characters (C0 and DEL) become spaces; the index uses \0 and \x01 as separators.
  s = s.replace(/\p{Cc}/gu, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

/** Digits only (phone search): "+81 90-1234-5678" → "819012345678". */
export function digitsOnly(text: string): string {
  return text.normalize('NFKC').replace(/\D/g, '');
}

/** True when a query looks like a phone number being typed. */
export function looksLikePhoneQuery(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return /^[+(]?[\d\s\-().]+$/.test(t) && digitsOnly(t).length >= 3;
}

/**
 * Word starts of a folded key: after whitespace and after punctuation that
 * joins words in names, emails and handles (. , @ _ - / ( ) ・ &).
 */
export function wordStarts(folded: string): number[] {
  const starts: number[] = [];
  for (let i = 1; i < folded.length; i++) {
    const prev = folded.charCodeAt(i - 1);
    const cur = folded.charCodeAt(i);
    if (isSeparator(prev) && !isSeparator(cur)) starts.push(i);
  }
  return starts;
}

function isSeparator(code: number): boolean {
  return (
    code === 0x20 || // space
    code === 0x2e || // .
    code === 0x2c || // ,
    code === 0x40 || // @
    code === 0x5f || // _
    code === 0x2d || // -
    code === 0x2f || // /
    code === 0x28 || // (
    code === 0x29 || // )
    code === 0x26 || // &
    code === 0x30fb || // ・
    code === 0x3001 // 、
  );
}
