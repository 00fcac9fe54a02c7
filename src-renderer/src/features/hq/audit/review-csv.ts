import Papa from 'papaparse';
import type { TFunction } from 'i18next';
import type { ReviewedEntry } from '@shared/audit';
import { formatDateTime } from '@shared/format';
import type { Language } from '@shared/i18n/languages';

/**
 * The auditor's CSV of access records (papaparse, UTF-8 with BOM so Excel reads Hangul and
 * kanji): one row per entry, the time in the office's zone and in UTC.
 */
export function reviewCsv(
  entries: readonly ReviewedEntry[],
  t: TFunction,
  language: Language,
  officeLabel: (id: string | null) => string,
  zoneOf: (officeId: string | null) => string,
): string {
  const header = [
    t('audit:review.time'),
    'UTC',
    t('audit:review.office'),
    t('audit:review.person'),
    t('audit:review.laptop'),
    t('audit:review.csv.seq'),
    t('audit:review.actionFilter'),
    t('audit:review.what'),
    t('audit:review.subjects'),
    t('audit:review.csv.subjectIds'),
    t('audit:review.reason'),
    t('audit:review.csv.reasonNote'),
    t('audit:review.flags'),
    t('audit:review.csv.chain'),
  ];
  const rows = entries.map((e) => [
    formatDateTime(e.at, zoneOf(e.officeId), language),
    new Date(e.at).toISOString(),
    officeLabel(e.officeId),
    e.staffName ?? t('audit:review.noPerson'),
    e.deviceName,
    String(e.seq),
    t(`audit:action.${e.action}`),
    t(`audit:object.${e.object}`) + (e.format ? ` (${t(`audit:format.${e.format}`)})` : ''),
    String(e.count),
    e.subjectIds.join(' '),
    e.reasonCode ? t(`audit:reasons.${e.reasonCode}`) : '',
    e.reasonNote ?? '',
    e.flags.map((f) => t(`audit:review.flag.${f}`)).join('; '),
    e.chainFlags.join('; '),
  ]);
  return '\uFEFF' + Papa.unparse([header, ...rows]);
}
