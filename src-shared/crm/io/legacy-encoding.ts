/**
 * Text → bytes in the code pages older Excel opens CSV files in (Shift_JIS on
 * Japanese Windows, GBK on Chinese, CP949 on Korean). Browsers only DECODE these,
 * so the encoder is the decoder inverted: every two-byte sequence is decoded once
 * with the same TextDecoder the import uses, which makes export → import exact by
 * construction. Characters the code page cannot hold are reported, never dropped
 * silently (the caller asks the user before writing them as "?").
 */

export const LEGACY_CSV_ENCODINGS = ['shift_jis', 'gbk', 'euc-kr'] as const;
export type LegacyCsvEncoding = (typeof LEGACY_CSV_ENCODINGS)[number];

interface Ranges {
  /** Single bytes above ASCII that stand for one character (half-width katakana, GBK's €). */
  single: [number, number][];
  lead: [number, number];
  trail: [number, number][];
}

const RANGES: Record<LegacyCsvEncoding, Ranges> = {
  shift_jis: {
    single: [[0xa1, 0xdf]],
    lead: [0x81, 0xfc],
    trail: [
      [0x40, 0x7e],
      [0x80, 0xfc],
    ],
  },
  // Two-byte GBK only: older Excel reads CP936, not GB18030's four-byte sequences.
  gbk: {
    single: [[0x80, 0x80]],
    lead: [0x81, 0xfe],
    trail: [
      [0x40, 0x7e],
      [0x80, 0xfe],
    ],
  },
  // WHATWG "euc-kr" is Windows' CP949 (Unified Hangul Code): all 11,172 syllables.
  'euc-kr': {
    single: [],
    lead: [0x81, 0xfe],
    trail: [
      [0x41, 0x5a],
      [0x61, 0x7a],
      [0x81, 0xfe],
    ],
  },
};

const tables = new Map<LegacyCsvEncoding, Map<number, number>>();

/** Code point → bytes (one byte, or lead << 8 | trail), built once per encoding on first use. */
function tableOf(encoding: LegacyCsvEncoding): Map<number, number> {
  const cached = tables.get(encoding);
  if (cached) return cached;
  const decoder = new TextDecoder(encoding === 'gbk' ? 'gb18030' : encoding);
  const table = new Map<number, number>();
  const learn = (bytes: Uint8Array, code: number) => {
    const text = decoder.decode(bytes);
    const cp = text.codePointAt(0);
    // Exactly one character, not the replacement one; the first sequence for it wins.
    // (Node's ICU reads "euc-kr" without the UHC extension and drops such lead bytes: its
    // output is then ASCII or U+FFFD, learned as nothing; Chromium's decoder has them all.)
    if (cp === undefined || cp < 0x80 || cp === 0xfffd || text.length !== (cp > 0xffff ? 2 : 1))
      return;
    if (!table.has(cp)) table.set(cp, code);
  };
  const { single, lead, trail } = RANGES[encoding];
  for (const [from, to] of single) for (let b = from; b <= to; b++) learn(Uint8Array.of(b), b);
  const pair = new Uint8Array(2);
  for (let l = lead[0]; l <= lead[1]; l++) {
    if (encoding === 'shift_jis' && l >= 0xa0 && l < 0xe0) continue; // half-width katakana
    pair[0] = l;
    for (const [from, to] of trail)
      for (let t = from; t <= to; t++) {
        pair[1] = t;
        learn(pair, (l << 8) | t);
      }
  }
  tables.set(encoding, table);
  return table;
}

export interface LegacyEncoded {
  bytes: Uint8Array;
  /** Distinct characters the code page cannot hold (written as "?"), in order of appearance. */
  unencodable: string[];
}

export function encodeLegacy(text: string, encoding: LegacyCsvEncoding): LegacyEncoded {
  const table = tableOf(encoding);
  const out = new Uint8Array(text.length * 2);
  const missing = new Set<string>();
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Shift_JIS decodes 0x5C and 0x7E as "\" and "~" (WHATWG), so ASCII passes through.
    if (cp < 0x80) {
      out[n++] = cp;
      continue;
    }
    const code = table.get(cp);
    if (code === undefined) {
      missing.add(ch);
      out[n++] = 0x3f; // "?"
    } else if (code > 0xff) {
      out[n++] = code >> 8;
      out[n++] = code & 0xff;
    } else out[n++] = code;
  }
  return { bytes: out.slice(0, n), unencodable: [...missing] };
}
