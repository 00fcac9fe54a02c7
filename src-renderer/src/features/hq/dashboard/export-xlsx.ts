/**
 * The dashboard's reports as one XLSX workbook, headers in the user's language. exceljs is
 * big, so it is imported only when a person exports. Money is written as numbers in major
 * units of the view currency (with a number format), so Excel can add them up.
 */
import type {
  BreakdownResponse,
  HeadlineResponse,
  MissionsResponse,
  OfficeMonthsResponse,
  ReportViewCurrency,
  TopSmesResponse,
  UtilizationResponse,
} from '@shared/reports/api';
import { change, inCurrency, COUNT_FIGURES, MONEY_FIGURES } from './report-model';

export interface ReportBundle {
  headline: HeadlineResponse;
  officeMonths: OfficeMonthsResponse | null;
  byIndustry: BreakdownResponse | null;
  byCountry: BreakdownResponse | null;
  topSmes: TopSmesResponse | null;
  utilization: UtilizationResponse | null;
  /** The trade missions whose visit overlaps the period (issue 13). */
  missions: MissionsResponse | null;
  /** Set when the dashboard is filtered to a mission: the breakdowns and top SMEs are its. */
  missionName?: string;
}

export interface ExportLabels {
  /** Translates an `hq:` key (already bound to the user's language). */
  t: (key: string, options?: Record<string, unknown>) => string;
  officeName: (id: string) => string;
  industryName: (code: string) => string;
  countryName: (code: string) => string;
  /** A mission's status in words (`missions:status.*`). */
  missionStatus: (status: string) => string;
  /** A date-time for the freshness sheet. */
  dateTime: (ms: number) => string;
}

const major = (minor: number, currency: ReportViewCurrency) =>
  currency === 'USD' ? minor / 100 : minor;

/** Builds the workbook; returns the .xlsx bytes. */
export async function buildReportWorkbook(
  bundle: ReportBundle,
  currency: ReportViewCurrency,
  labels: ExportLabels,
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const { t } = labels;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bridgehead';
  const moneyFormat = currency === 'USD' ? '#,##0.00' : '#,##0';
  const moneyHeader = (key: string) => `${t(key)} (${currency})`;
  const { headline } = bundle;

  const sheet = (name: string, headers: string[], moneyCols: number[] = []) => {
    const ws = wb.addWorksheet(name.slice(0, 31));
    ws.addRow(headers).font = { bold: true };
    ws.columns = headers.map((h) => ({ width: Math.max(12, Math.min(40, h.length + 4)) }));
    for (const c of moneyCols) ws.getColumn(c).numFmt = moneyFormat;
    return ws;
  };

  // Summary: the headline figures for the period and the previous one.
  const summary = sheet(t('export.sheets.summary'), [
    t('export.figure'),
    t('export.current', { from: headline.period.from, to: headline.period.to }),
    t('export.previous', { from: headline.previousPeriod.from, to: headline.previousPeriod.to }),
    t('export.change'),
  ]);
  for (const key of COUNT_FIGURES) {
    const cur = headline.current[key];
    const prev = headline.previous[key];
    summary.addRow([t(`figures.${key}`), cur, prev, change(cur, prev)]);
  }
  for (const key of MONEY_FIGURES) {
    const cur = major(inCurrency(headline.current[key], currency), currency);
    const prev = major(inCurrency(headline.previous[key], currency), currency);
    const row = summary.addRow([moneyHeader(`figures.${key}`), cur, prev, change(cur, prev)]);
    row.getCell(2).numFmt = moneyFormat;
    row.getCell(3).numFmt = moneyFormat;
  }
  for (const key of ['interpreterHours', 'vehicleHours'] as const) {
    const cur = headline.current[key].utilization;
    const prev = headline.previous[key].utilization;
    summary.addRow([
      t(`figures.${key}`),
      cur,
      prev,
      cur !== null && prev !== null ? change(cur, prev) : null,
    ]);
  }
  summary.getColumn(4).numFmt = '0.0%';
  summary.addRow([]);
  summary.addRow([t('export.offices'), headline.officeIds.map(labels.officeName).join(', ')]);
  summary.addRow([t('export.generatedAt'), labels.dateTime(headline.generatedAt)]);
  if (bundle.missionName) summary.addRow([t('missionReport.filter'), bundle.missionName]);

  if (bundle.officeMonths) {
    const ws = sheet(
      t('export.sheets.officeMonths'),
      [
        t('export.office'),
        t('export.month'),
        t('figures.buyersMet'),
        t('figures.talksHeld'),
        moneyHeader('figures.negotiated'),
        moneyHeader('figures.contracted'),
        moneyHeader('figures.actualExports'),
        t('figures.smeFirmsHelped'),
      ],
      [5, 6, 7],
    );
    for (const r of bundle.officeMonths.rows) {
      ws.addRow([
        labels.officeName(r.officeId),
        r.month,
        r.buyersMet,
        r.talksHeld,
        major(inCurrency(r.negotiated, currency), currency),
        major(inCurrency(r.contracted, currency), currency),
        major(inCurrency(r.actualExports, currency), currency),
        r.smeFirmsHelped,
      ]);
    }
  }

  const breakdown = (
    name: string,
    keyHeader: string,
    data: BreakdownResponse,
    label: (k: string) => string,
  ) => {
    const ws = sheet(
      name,
      [
        keyHeader,
        t('figures.buyersMet'),
        t('figures.talksHeld'),
        moneyHeader('figures.negotiated'),
        moneyHeader('figures.contracted'),
        moneyHeader('figures.actualExports'),
        t('figures.smeFirmsHelped'),
      ],
      [4, 5, 6],
    );
    for (const r of data.rows) {
      ws.addRow([
        label(r.key),
        r.buyersMet,
        r.talksHeld,
        major(inCurrency(r.negotiated, currency), currency),
        major(inCurrency(r.contracted, currency), currency),
        major(inCurrency(r.actualExports, currency), currency),
        r.smeFirmsHelped,
      ]);
    }
  };
  if (bundle.byIndustry) {
    breakdown(
      t('export.sheets.byIndustry'),
      t('dashboard.industry'),
      bundle.byIndustry,
      labels.industryName,
    );
  }
  if (bundle.byCountry) {
    breakdown(
      t('export.sheets.byCountry'),
      t('dashboard.country'),
      bundle.byCountry,
      labels.countryName,
    );
  }

  if (bundle.topSmes) {
    const ws = sheet(
      t('export.sheets.topSmes'),
      [
        t('dashboard.sme'),
        moneyHeader('figures.contracted'),
        t('figures.talksHeld'),
        t('export.offices'),
      ],
      [2],
    );
    for (const r of bundle.topSmes.rows) {
      ws.addRow([
        r.nameKo || r.nameEn,
        major(inCurrency(r.contracted, currency), currency),
        r.talksHeld,
        r.officeIds.map(labels.officeName).join(', '),
      ]);
    }
  }

  if (bundle.utilization) {
    const ws = sheet(t('export.sheets.utilization'), [
      t('export.office'),
      t('dashboard.interpreterBooked'),
      t('dashboard.interpreterAvailable'),
      t('figures.interpreterHours'),
      t('dashboard.vehicleBooked'),
      t('dashboard.vehicleAvailable'),
      t('figures.vehicleHours'),
      t('figures.delegationsServed'),
    ]);
    for (const r of bundle.utilization.rows) {
      ws.addRow([
        labels.officeName(r.officeId),
        r.interpreterHours.bookedHours,
        r.interpreterHours.availableHours,
        r.interpreterHours.utilization,
        r.vehicleHours.bookedHours,
        r.vehicleHours.availableHours,
        r.vehicleHours.utilization,
        r.delegationsServed,
      ]);
    }
    ws.getColumn(4).numFmt = '0.0%';
    ws.getColumn(7).numFmt = '0.0%';
  }

  if (bundle.missions) {
    const ws = sheet(
      t('export.sheets.missions'),
      [
        t('missionReport.name'),
        t('export.office'),
        t('export.arrival'),
        t('export.departure'),
        t('missionReport.status'),
        t('export.meetingsPlanned'),
        t('missionReport.meetings'),
        t('figures.buyersMet'),
        t('figures.talksHeld'),
        t('figures.smeFirmsHelped'),
        moneyHeader('figures.negotiated'),
        moneyHeader('figures.contracted'),
        moneyHeader('figures.actualExports'),
        t('missionReport.interpreterHours'),
        t('missionReport.vehicleHours'),
      ],
      [11, 12, 13],
    );
    for (const r of bundle.missions.rows) {
      ws.addRow([
        r.name,
        labels.officeName(r.officeId),
        r.arrival,
        r.departure,
        labels.missionStatus(r.status),
        r.meetingsPlanned,
        r.meetingsHeld,
        r.buyersMet,
        r.talksHeld,
        r.smeFirmsHelped,
        major(inCurrency(r.negotiated, currency), currency),
        major(inCurrency(r.contracted, currency), currency),
        major(inCurrency(r.actualExports, currency), currency),
        r.interpreterHours,
        r.vehicleHours,
      ]);
    }
  }

  const fresh = sheet(t('export.sheets.freshness'), [
    t('export.office'),
    t('dashboard.syncedUpTo'),
  ]);
  for (const f of headline.freshness) {
    fresh.addRow([
      labels.officeName(f.officeId),
      f.lastPushAt === null ? t('common.never') : labels.dateTime(f.lastPushAt),
    ]);
  }

  const rates = sheet(t('export.sheets.rates'), [
    t('export.month'),
    t('rates.currency'),
    t('rates.perUsdShort'),
    t('rates.rateMonth'),
    t('rates.source'),
  ]);
  for (const r of headline.ratesUsed) {
    rates.addRow([
      r.month,
      r.currency,
      r.perUsd,
      r.rateMonth,
      r.source === 'hq' ? t('rates.fromHq') : t('rates.builtin'),
    ]);
  }

  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
