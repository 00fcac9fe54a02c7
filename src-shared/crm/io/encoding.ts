import jschardet from 'jschardet';
import { fail, ok, type FileResult } from './result';

/** WHATWG encoding labels we decode (euc-kr is CP949/UHC in WHATWG; gbk decodes as gb18030). */
export const TEXT_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'shift_jis',
  'gbk',
  'euc-kr',
  'big5',
  'euc-jp',
  'windows-1258',
  'windows-1252',
] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** How the encoding was chosen, for the "detected: Shift_JIS (change)" hint. */
  via: 'bom' | 'utf8-valid' | 'detected' | 'override';
  confidence: number;
}

const CHARDET_TO_WHATWG: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  ascii: 'utf-8',
  shift_jis: 'shift_jis',
  cp932: 'shift_jis',
  'euc-jp': 'euc-jp',
  gb2312: 'gbk',
  gb18030: 'gbk',
  gbk: 'gbk',
  'euc-kr': 'euc-kr',
  cp949: 'euc-kr',
  big5: 'big5',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

function sniffBom(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** WHATWG index-windows-1252 for 0x80-0x9F (the rest is Latin-1). */
const CP1252_HIGH = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'];

function strictDecode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    const text = new TextDecoder(encoding === 'gbk' ? 'gb18030' : encoding, {
      fatal: true,
      ignoreBOM: false,
    }).decode(bytes);
    // Windows-1258 writes most Vietnamese tones as combining marks (Nguye\u0303n): compose them.
    if (encoding === 'windows-1258') return text.normalize('NFC');
    // Node decodes windows-1252 as Latin-1 (0x96 → U+0096); Chromium follows WHATWG (→ "–").
    if (encoding === 'windows-1252')
      return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
    return text;
  } catch {
    return null;
  }
}

/**
 * Excel on Vietnamese Windows saves "CSV" in Windows-1258, Outlook on an English
 * one in Windows-1252. Their bytes also decode as Shift_JIS or GBK, but there bytes
 * above 0x7F come in long runs (two per character), while in these single-byte
 * code pages they stand alone inside Latin words (a vowel, maybe a tone mark).
 */
function singleByteGuess(bytes: Uint8Array): 'windows-1258' | 'windows-1252' | null {
  let runs = 0;
  let high = 0;
  let inRun = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80) {
      high++;
      if (!inRun) runs++;
      inRun = true;
    } else inRun = false;
  }
  if (!runs || high / runs > 2.2) return null;
  const vi = strictDecode(bytes, 'windows-1258');
  // Letters only Vietnamese uses: ă â đ ê ô ơ ư (any case, any tone) after composing.
  if (vi !== null && /[ăđơưĂĐƠƯ\u1ea0-\u1ef9]/.test(vi)) return 'windows-1258';
  return high / runs <= 1.3 ? 'windows-1252' : null;
}

/** Valid UTF-8 with multi-byte characters whose last character is cut off: the file is incomplete. */
function isTruncatedUtf8(bytes: Uint8Array): boolean {
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    const lead = bytes[bytes.length - cut]!;
    if (lead >= 0xc0) {
      const head = bytes.subarray(0, bytes.length - cut);
      return strictDecode(head, 'utf-8') !== null && head.some((b) => b >= 0x80);
    }
    if (lead < 0x80) return false;
  }
  return false;
}

/** jschardet wants a "binary string" (one char per byte) in the browser. */
function binaryString(bytes: Uint8Array): string {
  let s = '';
  const n = Math.min(bytes.length, 64 * 1024); // a sample is enough and keeps detection fast
  for (let i = 0; i < n; i += 8192)
    s += String.fromCharCode(...bytes.subarray(i, Math.min(n, i + 8192)));
  return s;
}

/**
 * Bytes → text: BOM first, then "is it valid UTF-8?" (a strong signal), then
 * jschardet among the encodings offices send (Shift_JIS, GBK, CP949, Big5,
 * EUC-JP). The user can override; a wrong override fails loudly (fatal
 * decoding) instead of producing mojibake.
 */
export function decodeText(
  bytes: Uint8Array,
  override?: TextEncodingName,
): FileResult<DecodedText> {
  if (bytes.length === 0) return fail('crm.import.empty_file');
  const bom = sniffBom(bytes);
  if (override) {
    const text = strictDecode(
      bom && bom.encoding === override ? bytes.subarray(bom.length) : bytes,
      override,
    );
    return text === null
      ? fail('crm.import.decode_failed', { params: { encoding: override } })
      : ok({ text, encoding: override, via: 'override', confidence: 1 });
  }
  if (bom) {
    const text = strictDecode(bytes.subarray(bom.length), bom.encoding);
    return text === null
      ? fail('crm.import.decode_failed', { params: { encoding: bom.encoding } })
      : ok({ text, encoding: bom.encoding, via: 'bom', confidence: 1 });
  }
  const utf8 = strictDecode(bytes, 'utf-8');
  if (utf8 !== null) return ok({ text: utf8, encoding: 'utf-8', via: 'utf8-valid', confidence: 1 });
  if (isTruncatedUtf8(bytes)) return fail('crm.import.truncated');
  const single = singleByteGuess(bytes);
  if (single) {
    const text = strictDecode(bytes, single);
    if (text !== null) return ok({ text, encoding: single, via: 'detected', confidence: 0.8 });
  }
  const guess = jschardet.detect(binaryString(bytes), {
    detectEncodings: [
      'SHIFT_JIS',
      'CP932',
      'GB2312',
      'GB18030',
      'EUC-KR',
      'CP949',
      'Big5',
      'EUC-JP',
    ],
  });
  const encoding = guess.encoding ? CHARDET_TO_WHATWG[guess.encoding.toLowerCase()] : undefined;
  if (!encoding) return fail('crm.import.unknown_encoding');
  const text = strictDecode(bytes, encoding);
  if (text === null) return fail('crm.import.unknown_encoding', { detail: encoding });
  return ok({ text, encoding, via: 'detected', confidence: guess.confidence });
}
