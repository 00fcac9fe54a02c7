/** Paper for the printed day sheet: Letter in North America, A4 everywhere else. */
export const PAPER_SIZES = ['A4', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

const KEY = 'bridgehead.bookings.paperSize';
/** Countries that print on Letter (US, Canada, Mexico, the Philippines…). */
const LETTER_COUNTRIES = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'PR']);

/** The default from the office country, else the browser locale's region. */
export function defaultPaper(officeCountry: string, locale?: string): PaperSize {
  if (LETTER_COUNTRIES.has(officeCountry.toUpperCase())) return 'Letter';
  if (officeCountry) return 'A4';
  const region = locale ? new Intl.Locale(locale).maximize().region : undefined;
  return region && LETTER_COUNTRIES.has(region) ? 'Letter' : 'A4';
}

/** The user's last choice on this device, else the default. */
export function loadPaper(fallback: PaperSize): PaperSize {
  try {
    const saved = localStorage.getItem(KEY);
    return (PAPER_SIZES as readonly string[]).includes(saved ?? '')
      ? (saved as PaperSize)
      : fallback;
  } catch {
    return fallback;
  }
}

export function savePaper(size: PaperSize): void {
  try {
    localStorage.setItem(KEY, size);
  } catch {
    // Unavailable storage: the choice lasts for this visit only.
  }
}

/** The @page rule the browser's print and Electron's printToPDF both follow. */
export function pageRule(size: PaperSize): string {
  return `@page { size: ${size === 'A4' ? 'A4' : 'letter'} portrait; margin: 12mm 10mm; }`;
}
