/**
 * A file name suggested by the renderer, made safe to join to a folder: no
 * path separators, no characters Windows refuses, no reserved device names,
 * bounded length, and the wanted extension. Names in any script stay as they
 * are (a day sheet named 山田 or Nguyễn is fine).
 */
const MAX_STEM_LENGTH = 100;
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001F\u007F<>:"/\\|?*]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

export function toSafeFileName(suggested: string, extension: string, fallback: string): string {
  const ext = `.${extension.toLowerCase()}`;
  let stem = suggested.normalize('NFC').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
  if (stem.toLowerCase().endsWith(ext)) stem = stem.slice(0, -ext.length);
  // Leading dots hide the file (or make `..`); trailing dots and spaces are dropped by Windows.
  stem = stem.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  stem = Array.from(stem).slice(0, MAX_STEM_LENGTH).join('');
  if (stem === '' || /^_+$/.test(stem)) stem = fallback;
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  return `${stem}${ext}`;
}

/** The path the user chose in a save dialog, with the extension added when missing. */
export function withExtension(filePath: string, extension: string): string {
  const ext = `.${extension.toLowerCase()}`;
  return filePath.toLowerCase().endsWith(ext) ? filePath : `${filePath}${ext}`;
}
