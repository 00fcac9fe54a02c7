/** Saves bytes as a file through a Blob link (works in Electron and in a plain browser). */
export function downloadBlob(
  data: BlobPart | readonly BlobPart[],
  fileName: string,
  type: string,
): void {
  const parts = Array.isArray(data) ? (data as BlobPart[]) : [data as BlobPart];
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "buyers-2026-03-10" in the office's calendar. */
export function datedName(base: string, timeZone: string, now = new Date()): string {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return `${base}-${day}`;
}
