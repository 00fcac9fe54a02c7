/**
 * HQ reports API (issue 6): paths, zod schemas of every request and response, and
 * their TypeScript types. Shared by the HQ server (src-hq/reports) and the app's HQ
 * dashboard. Names here are stable: add fields, never rename them.
 *
 * Transport: like the sync API (docs/sync-protocol.md §3): `bridgehead-protocol`
 * header, `Authorization: Bearer <credential>`, JSON bodies, errors as
 * `{ error: { code, message } }`. Report endpoints are `POST` with a JSON body
 * (a {@link ReportQuery} or an extension of it); the FX history is a `GET`.
 *
 * SCOPE: an HQ device (officeId null) may ask for any offices (omit `officeIds` for
 * all). An office device may ask only for its own office: omitting `officeIds` means
 * its own office; naming any other id gets `403 report_forbidden`, whether or not that
 * office exists.
 *
 * PERIOD: `from`..`to` are months (`YYYY-MM`), both inclusive. A talk belongs to the
 * month of its start in the office's local time zone (the talk's `timeZone`). The
 * previous period is the same number of months immediately before `from`.
 *
 * DISTINCT COUNTING:
 * - buyersMet counts distinct PROVINCE-WIDE BUYER IDENTITY KEYS. Buyers are office
 *   records, so the same importer met by two offices is two records; their key is
 *   `web:<domain>` when the buyer has a website (host lower-cased, leading `www.`
 *   dropped), else `name:<country>:<folded name>` where the name is the native company
 *   name (else the Latin one) with legal forms stripped, folded as CRM search folds it
 *   (NFKC, lower case, no diacritics, katakana→hiragana) and spaces/dots/commas removed.
 *   A buyer met twice in a period, or by two offices, counts once.
 * - smeFirmsHelped counts distinct `smeFirmId` (firms are shared records).
 * - delegationsServed counts distinct delegations among non-cancelled interpreter bookings and
 *   vehicle trips whose requester is a delegation: by `delegationId`, else by office + folded label.
 *
 * MONEY: every amount is kept in its original currency. The server sums integer minor
 * units per (office, month, currency) in SQL (exact), then converts each such sum to USD
 * and to KRW with the HQ rate of that month (latest month at or before it; HQ's
 * `fxRates` table before the built-in default; see money/fx.ts findRate), in BigInt with
 * one rounding (half away from zero). Every total is the sum of those converted cells, so
 * the headline equals the sum of its per-office × month rows exactly. `ratesUsed` lists
 * each rate applied.
 *
 * MISSIONS: a mission is in a period when its visit (arrival..departure, local dates)
 * overlaps the period's months. Its figures are those of the WHOLE mission, whatever the
 * period: the talks its meetings' outcomes became (`missionMeetings.tradeTalkId`; months
 * of those talks do not matter), their buyers, firms and amounts (converted as above), and
 * the booked hours of the interpreter bookings and van trips whose requester is the mission
 * (`requester.delegationId`). A drill-down, a breakdown (industry, country) or top SMEs
 * with `missionId` count only the mission's talks, all months.
 *
 * INDUSTRY: a talk counts under EACH industry of its buyer (so by-industry rows may add
 * up to more than the total); a buyer without industries counts under `unspecified`.
 */
import { z } from 'zod';
import { CURRENCY_CODES } from '../money/currency';
import { monthSchema } from '../money/fx';

/** Paths relative to the server's base URL. */
export const REPORT_PATHS = {
  /** POST ReportQuery → HeadlineResponse (current + previous period, rates, freshness). */
  headline: '/v1/reports/headline',
  /** POST ReportQuery → OfficeMonthsResponse (table/chart per office and month). */
  officeMonths: '/v1/reports/office-months',
  /** POST TalksQuery → TalksResponse (drill-down: the talks behind a figure). */
  talks: '/v1/reports/talks',
  /** POST ReportQuery → BreakdownResponse keyed by industry code. */
  byIndustry: '/v1/reports/by-industry',
  /** POST ReportQuery → BreakdownResponse keyed by buyer country (ISO 3166-1 alpha-2). */
  byCountry: '/v1/reports/by-country',
  /** POST TopSmesQuery → TopSmesResponse. */
  topSmes: '/v1/reports/top-smes',
  /** POST ReportQuery → UtilizationResponse (interpreter and vehicle hours per office). */
  utilization: '/v1/reports/utilization',
  /** POST MissionsQuery → MissionsResponse (per-mission figures; issue 13). */
  missions: '/v1/reports/missions',
  /** POST FreshnessQuery → FreshnessResponse. */
  freshness: '/v1/reports/freshness',
  /** GET ?month=YYYY-MM&limit=&before= → FxHistoryResponse (HQ devices only). */
  fxHistory: '/v1/fx-rates/history',
} as const;

/** Error codes of the reports API (also in SYNC_ERROR_CODES, translated in errors.json). */
export const REPORT_ERROR_CODES = ['report_forbidden', 'fx_rates_hq_only'] as const;

/** Longest period one request may cover. */
export const MAX_REPORT_MONTHS = 120;
export const MAX_REPORT_OFFICES = 500;
export const MAX_TALKS_PAGE = 200;

const officeIdSchema = z.string().min(1).max(64);
const idSchema = z.string().min(1).max(128);

export const reportMonthSchema = monthSchema;

/** Months between two `YYYY-MM` (inclusive count). */
export function monthSpan(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** `YYYY-MM` plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** The period of the same length immediately before `from..to`. */
export function previousPeriod(p: { from: string; to: string }): { from: string; to: string } {
  const n = monthSpan(p.from, p.to);
  return { from: addMonths(p.from, -n), to: addMonths(p.from, -1) };
}

export const REPORT_VIEW_CURRENCIES = ['USD', 'KRW'] as const;
export type ReportViewCurrency = (typeof REPORT_VIEW_CURRENCIES)[number];

const reportQueryShape = {
  from: reportMonthSchema,
  to: reportMonthSchema,
  /** Offices to include; omitted = every office the device may read (office device: its own). */
  officeIds: z.array(officeIdSchema).min(1).max(MAX_REPORT_OFFICES).optional(),
  /**
   * Currency the client displays and ranks by (top SMEs, breakdown order). Every amount is
   * returned in both USD and KRW anyway; the original currencies are in `original`.
   */
  currency: z.enum(REPORT_VIEW_CURRENCIES).default('KRW'),
};

function refinePeriod(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (q.from > q.to) {
    ctx.addIssue({ code: 'custom', message: 'report.period_reversed', path: ['to'] });
  } else if (monthSpan(q.from, q.to) > MAX_REPORT_MONTHS) {
    ctx.addIssue({ code: 'custom', message: 'report.period_too_long', path: ['to'] });
  }
}

export const reportQuerySchema = z.object(reportQueryShape).strict().superRefine(refinePeriod);
export type ReportQuery = z.infer<typeof reportQuerySchema>;
export type ReportQueryInput = z.input<typeof reportQuerySchema>;

/** Figures a drill-down can open. */
export const DRILL_FIGURES = [
  'talksHeld',
  'buyersMet',
  'negotiated',
  'contracted',
  'actualExports',
  'smeFirmsHelped',
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

export const talksQuerySchema = z
  .object({
    ...reportQueryShape,
    figure: z.enum(DRILL_FIGURES).default('talksHeld'),
    /** Narrow to one cell / slice of another report. */
    month: reportMonthSchema.optional(),
    industry: z.string().min(1).max(64).optional(),
    buyerCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    smeFirmId: idSchema.optional(),
    /** Only this mission's talks, of any month (see MISSIONS). */
    missionId: idSchema.optional(),
    /** Paging: talks ordered by startsAt desc, id. */
    offset: z.number().int().nonnegative().max(10_000_000).default(0),
    limit: z.number().int().positive().max(MAX_TALKS_PAGE).default(50),
  })
  .strict()
  .superRefine(refinePeriod);
export type TalksQuery = z.infer<typeof talksQuerySchema>;
export type TalksQueryInput = z.input<typeof talksQuerySchema>;

/** By industry / by buyer country; with `missionId`, only that mission's talks, of any month (see MISSIONS). */
export const breakdownQuerySchema = z
  .object({ ...reportQueryShape, missionId: idSchema.optional() })
  .strict()
  .superRefine(refinePeriod);
export type BreakdownQuery = z.infer<typeof breakdownQuerySchema>;

export const topSmesQuerySchema = z
  .object({
    ...reportQueryShape,
    limit: z.number().int().positive().max(100).default(20),
    /** Only that mission's talks, of any month (see MISSIONS). */
    missionId: idSchema.optional(),
  })
  .strict()
  .superRefine(refinePeriod);
export type TopSmesQuery = z.infer<typeof topSmesQuerySchema>;

export const missionsQuerySchema = z
  .object({ ...reportQueryShape, missionId: idSchema.optional() })
  .strict()
  .superRefine(refinePeriod);
export type MissionsQuery = z.infer<typeof missionsQuerySchema>;

export const freshnessQuerySchema = z
  .object({ officeIds: reportQueryShape.officeIds })
  .strict();
export type FreshnessQuery = z.infer<typeof freshnessQuerySchema>;

// ---------------------------------------------------------------- responses

const minor = z.number().int();
const currencySchema = z.enum(CURRENCY_CODES);

/** An amount in its original currency (integer minor units). */
export const originalAmountSchema = z.object({ currency: currencySchema, amountMinor: minor });
export type OriginalAmount = z.infer<typeof originalAmountSchema>;

/**
 * A money figure: USD cents and KRW won (integer minor units), plus the exact totals per
 * original currency it was converted from.
 */
export const moneyFigureSchema = z.object({
  usdMinor: minor,
  krwMinor: minor,
  original: z.array(originalAmountSchema),
  /** Talks that carry this amount. */
  talks: z.number().int().nonnegative(),
});
export type MoneyFigure = z.infer<typeof moneyFigureSchema>;

export const hoursFigureSchema = z.object({
  bookedHours: z.number().nonnegative(),
  availableHours: z.number().nonnegative(),
  /** booked / available; null when nothing was available. May exceed 1. */
  utilization: z.number().nullable(),
});
export type HoursFigure = z.infer<typeof hoursFigureSchema>;

/**
 * The talk figures every report shows for a scope (the headline, an office × month cell, a
 * breakdown slice): one schema, so they cannot drift apart.
 */
export const talkFiguresSchema = z.object({
  /** Distinct buyer identity keys of the talks (province-wide keys, see file comment). */
  buyersMet: z.number().int().nonnegative(),
  talksHeld: z.number().int().nonnegative(),
  negotiated: moneyFigureSchema,
  contracted: moneyFigureSchema,
  actualExports: moneyFigureSchema,
  /** Distinct smeFirmId of the talks. */
  smeFirmsHelped: z.number().int().nonnegative(),
});
export type TalkFigures = z.infer<typeof talkFiguresSchema>;

export const headlineFiguresSchema = talkFiguresSchema.extend({
  delegationsServed: z.number().int().nonnegative(),
  interpreterHours: hoursFigureSchema,
  vehicleHours: hoursFigureSchema,
});
export type HeadlineFigures = z.infer<typeof headlineFiguresSchema>;

export const rateUsedSchema = z.object({
  /** The talk month the rate was applied to. */
  month: reportMonthSchema,
  currency: currencySchema,
  /** Units per 1 USD (exact decimal string). */
  perUsd: z.string(),
  /** The month of the table entry applied (earlier than `month` when falling back). */
  rateMonth: reportMonthSchema,
  source: z.enum(['hq', 'builtin-default']),
  tableVersion: z.string(),
});
export type RateUsed = z.infer<typeof rateUsedSchema>;

export const officeFreshnessSchema = z.object({
  officeId: z.string(),
  /** Last successful push (epoch ms) from any device of the office; null = never. */
  lastPushAt: z.number().nullable(),
  /** Device that made it. */
  lastPushDeviceId: z.string().nullable(),
  /** Latest change of the office's data HQ holds (epoch ms; also HQ-made edits). */
  lastChangeAt: z.number().nullable(),
  devices: z.array(
    z.object({
      deviceId: z.string(),
      name: z.string(),
      lastSyncAt: z.number().nullable(),
      revoked: z.boolean(),
    }),
  ),
});
export type OfficeFreshness = z.infer<typeof officeFreshnessSchema>;

const periodSchema = z.object({ from: reportMonthSchema, to: reportMonthSchema });

const reportEnvelope = {
  period: periodSchema,
  /** Offices the report covers (resolved; sorted). */
  officeIds: z.array(z.string()),
  currency: z.enum(REPORT_VIEW_CURRENCIES),
  /** Server time the report was computed (epoch ms). */
  generatedAt: z.number(),
};

export const headlineResponseSchema = z.object({
  ...reportEnvelope,
  previousPeriod: periodSchema,
  current: headlineFiguresSchema,
  previous: headlineFiguresSchema,
  ratesUsed: z.array(rateUsedSchema),
  freshness: z.array(officeFreshnessSchema),
});
export type HeadlineResponse = z.infer<typeof headlineResponseSchema>;

/** One office × month cell (buyersMet: distinct keys within this office and month). */
export const officeMonthRowSchema = talkFiguresSchema.extend({
  officeId: z.string(),
  month: reportMonthSchema,
});
export type OfficeMonthRow = z.infer<typeof officeMonthRowSchema>;

export const officeMonthsResponseSchema = z.object({
  ...reportEnvelope,
  /** Only cells with at least one talk; sorted by office, month. */
  rows: z.array(officeMonthRowSchema),
  ratesUsed: z.array(rateUsedSchema),
});
export type OfficeMonthsResponse = z.infer<typeof officeMonthsResponseSchema>;

export const talkAmountViewSchema = z.object({
  amount: originalAmountSchema,
  usdMinor: minor,
  krwMinor: minor,
});
export type TalkAmountView = z.infer<typeof talkAmountViewSchema>;

export const reportTalkRowSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  month: reportMonthSchema,
  startsAt: z.string(),
  buyerId: z.string(),
  buyerNameNative: z.string(),
  buyerNameLatin: z.string(),
  buyerCountry: z.string(),
  /** Province-wide identity key (see file comment). */
  buyerKey: z.string(),
  smeFirmId: z.string(),
  smeFirmNameKo: z.string(),
  smeFirmNameEn: z.string(),
  stage: z.string(),
  negotiated: talkAmountViewSchema.nullable(),
  contract: talkAmountViewSchema.nullable(),
  actualExport: talkAmountViewSchema.nullable(),
});
export type ReportTalkRow = z.infer<typeof reportTalkRowSchema>;

export const talksResponseSchema = z.object({
  ...reportEnvelope,
  figure: z.enum(DRILL_FIGURES),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  /** Offset of the next page, null on the last page. */
  nextOffset: z.number().int().nonnegative().nullable(),
  rows: z.array(reportTalkRowSchema),
  ratesUsed: z.array(rateUsedSchema),
});
export type TalksResponse = z.infer<typeof talksResponseSchema>;

/** One slice of a breakdown (an industry code, or a buyer country). */
export const breakdownRowSchema = talkFiguresSchema.extend({
  key: z.string(),
});
export type BreakdownRow = z.infer<typeof breakdownRowSchema>;

export const breakdownResponseSchema = z.object({
  ...reportEnvelope,
  /** Sorted by contracted amount (in `currency`) desc, then talks, then key. */
  rows: z.array(breakdownRowSchema),
  ratesUsed: z.array(rateUsedSchema),
});
export type BreakdownResponse = z.infer<typeof breakdownResponseSchema>;

export const topSmeRowSchema = z.object({
  smeFirmId: z.string(),
  nameKo: z.string(),
  nameEn: z.string(),
  industry: z.string(),
  contracted: moneyFigureSchema,
  talksHeld: z.number().int().nonnegative(),
  /** Offices whose talks helped this firm in the period. */
  officeIds: z.array(z.string()),
});
export type TopSmeRow = z.infer<typeof topSmeRowSchema>;

export const topSmesResponseSchema = z.object({
  ...reportEnvelope,
  /** By contracted amount in `currency` desc; firms without a contract amount are left out. */
  rows: z.array(topSmeRowSchema),
  ratesUsed: z.array(rateUsedSchema),
});
export type TopSmesResponse = z.infer<typeof topSmesResponseSchema>;

export const officeUtilizationRowSchema = z.object({
  officeId: z.string(),
  interpreterHours: hoursFigureSchema,
  vehicleHours: hoursFigureSchema,
  /** Active interpreters / vehicles (not deleted) counted for available hours. */
  interpreters: z.number().int().nonnegative(),
  vehicles: z.number().int().nonnegative(),
  delegationsServed: z.number().int().nonnegative(),
});
export type OfficeUtilizationRow = z.infer<typeof officeUtilizationRowSchema>;

export const utilizationResponseSchema = z.object({
  ...reportEnvelope,
  rows: z.array(officeUtilizationRowSchema),
});
export type UtilizationResponse = z.infer<typeof utilizationResponseSchema>;

export const MISSION_REPORT_KINDS = ['trade-mission', 'exhibition-visit', 'official-visit'] as const;
export const MISSION_REPORT_STATUSES = [
  'planning',
  'confirmed',
  'under-way',
  'done',
  'cancelled',
] as const;

/** One mission: the talk figures of its meetings' outcomes, meetings, booked hours. */
export const missionReportRowSchema = talkFiguresSchema.extend({
  officeId: z.string(),
  missionId: z.string(),
  name: z.string(),
  /** A kind or status this client does not know comes back as the raw string. */
  kind: z.string(),
  status: z.string(),
  arrival: z.string(),
  departure: z.string(),
  /** Meetings accepted or held (not proposed, not cancelled). */
  meetingsPlanned: z.number().int().nonnegative(),
  /** Meetings whose outcome was recorded. */
  meetingsHeld: z.number().int().nonnegative(),
  /** Booked hours of the mission's interpreter bookings and van trips (not cancelled). */
  interpreterHours: z.number().nonnegative(),
  vehicleHours: z.number().nonnegative(),
});
export type MissionReportRow = z.infer<typeof missionReportRowSchema>;

export const missionsResponseSchema = z.object({
  ...reportEnvelope,
  /** Latest arrival first, then name. */
  rows: z.array(missionReportRowSchema),
  ratesUsed: z.array(rateUsedSchema),
});
export type MissionsResponse = z.infer<typeof missionsResponseSchema>;

export const freshnessResponseSchema = z.object({
  officeIds: z.array(z.string()),
  generatedAt: z.number(),
  offices: z.array(officeFreshnessSchema),
});
export type FreshnessResponse = z.infer<typeof freshnessResponseSchema>;

// ---------------------------------------------------------------- FX history

export const fxHistoryQuerySchema = z
  .object({
    month: reportMonthSchema.optional(),
    /** Page backwards: entries with id < before. */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().positive().max(500).default(100),
  })
  .strict();
export type FxHistoryQuery = z.infer<typeof fxHistoryQuerySchema>;

export const fxHistoryEntrySchema = z.object({
  id: z.number().int(),
  month: z.string(),
  deviceId: z.string(),
  /** Server time the change was accepted (epoch ms). */
  changedAt: z.number(),
  /** The month row before and after (null = did not exist / deleted). */
  old: z.record(z.string(), z.unknown()).nullable(),
  new: z.record(z.string(), z.unknown()).nullable(),
});
export type FxHistoryEntry = z.infer<typeof fxHistoryEntrySchema>;

export const fxHistoryResponseSchema = z.object({
  /** Newest first. */
  entries: z.array(fxHistoryEntrySchema),
  /** Pass as `before` for the next page; null when done. */
  nextBefore: z.number().int().nullable(),
});
export type FxHistoryResponse = z.infer<typeof fxHistoryResponseSchema>;
