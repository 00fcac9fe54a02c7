/**
 * A small pre-pass for what ical.js (RFC 6350/2426) does not read: vCard 2.1 as
 * Outlook, older Android and feature phones write it, and folds that split a
 * multi-byte character.
 */

/**
 * Joins folded lines on the BYTES (CRLF or LF followed by a space or tab). A fold
 * at 75 octets may cut a UTF-8 or Shift_JIS character in two, so unfolding after
 * decoding would turn the halves into replacement characters or a wrong encoding.
 */
export function unfoldVcardBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0d && bytes[i + 1] === 0x0a && (bytes[i + 2] === 0x20 || bytes[i + 2] === 0x09)) {
      i += 2;
      continue;
    }
    if (b === 0x0a && (bytes[i + 1] === 0x20 || bytes[i + 1] === 0x09)) {
      i += 1;
      continue;
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

/** Structured values keep ";" between their parts; every other text escapes it. */
const STRUCTURED = new Set(['N', 'ADR', 'ORG']);

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      // Characters outside ASCII were already decoded with the file: re-encode as UTF-8.
      for (const b of new TextEncoder().encode(ch)) bytes.push(b);
    }
  }
  let decoder: { decode(input: Uint8Array): string };
  try {
    decoder = new TextDecoder(charset || 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(new Uint8Array(bytes));
}

function escapeText(value: string, structured: boolean): string {
  const v = value.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/,/g, '\\,');
  return structured ? v : v.replace(/;/g, '\\;');
}

/** One 2.1 card's logical lines → 3.0 lines (QP decoded, CHARSET applied, bare types named, PHOTO dropped). */
function upgradeCard(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const head = line.slice(0, colon);
    const [nameWithGroup = '', ...params] = head.split(';');
    const name = nameWithGroup.replace(/^.*\./, '').toUpperCase();
    const upper = params.map((p) => p.toUpperCase());
    const qp = upper.some((p) => p === 'QUOTED-PRINTABLE' || p === 'ENCODING=QUOTED-PRINTABLE');
    if (qp) {
      // Soft line breaks: a value line ending in "=" continues on the next line.
      while (line.endsWith('=') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!;
    }
    if (name === 'VERSION') {
      out.push('VERSION:3.0');
      continue;
    }
    if (
      upper.some((p) => /^(ENCODING=)?(BASE64|B)$/.test(p)) ||
      name === 'PHOTO' ||
      name === 'LOGO' ||
      name === 'SOUND'
    )
      continue;
    const charset = upper.find((p) => p.startsWith('CHARSET='))?.slice(8) ?? '';
    let value = line.slice(colon + 1);
    if (qp) value = escapeText(decodeQuotedPrintable(value, charset), STRUCTURED.has(name));
    else if (!STRUCTURED.has(name) && name !== 'TEL' && name !== 'EMAIL' && name !== 'URL')
      value = value.replace(/(?<!\\),/g, '\\,');
    const kept = params
      .filter((p) => !/^(ENCODING=|CHARSET=|QUOTED-PRINTABLE$|8BIT$|7BIT$)/i.test(p))
      .map((p) => (p.includes('=') ? p : `TYPE=${p}`));
    out.push([nameWithGroup, ...kept].join(';') + ':' + value);
  }
  return out;
}

/** Upgrades every VERSION:2.1 card of an (unfolded) text to 3.0; other cards pass unchanged. */
export function upgradeVcard21(text: string): string {
  if (!/^VERSION:2\.1\s*$/im.test(text)) return text;
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let card: string[] | null = null;
  for (const line of lines) {
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      card = [];
      out.push('BEGIN:VCARD');
      continue;
    }
    if (/^END:VCARD\s*$/i.test(line) && card) {
      const v21 = card.some((l) => /^VERSION:2\.1\s*$/i.test(l));
      out.push(...(v21 ? upgradeCard(card) : card), 'END:VCARD');
      card = null;
      continue;
    }
    if (card) {
      if (line.trim()) card.push(line);
    } else out.push(line);
  }
  if (card) out.push(...card); // no END:VCARD: left for the parser to refuse
  return out.join('\r\n');
}
