/**
 * The access-record stream's wire contract (sync-protocol.md §11): laptops push their
 * chained entries; HQ devices read them for the monthly review. Separate from the record
 * push: append-only, idempotent by (device, seq), never merged by last-writer-wins.
 */
import { z } from 'zod';
import { ACCESS_ACTIONS, accessEntrySchema } from './entry';

export const ACCESS_LOG_PATHS = {
  push: '/v1/access-log',
  review: '/v1/admin/access-log',
  reviews: '/v1/admin/access-log/reviews',
} as const;

/** Entries per push request (and the client's byte budget, as for record pushes). */
export const MAX_ACCESS_BATCH = 500;
export const MAX_ACCESS_BATCH_BYTES = 1024 * 1024;

export const accessPushRequestSchema = z.object({
  entries: z.array(accessEntrySchema).min(1).max(MAX_ACCESS_BATCH),
});
export type AccessPushRequest = z.infer<typeof accessPushRequestSchema>;

export const accessPushResponseSchema = z.object({
  /** Entries stored now (flagged ones included: they are kept, with their flag). */
  stored: z.number().int().nonnegative(),
  /** Entries HQ already held with the same hash (a resend). */
  duplicates: z.number().int().nonnegative(),
  /** Problems HQ found and recorded (gap, edit, fork, broken link). */
  flagged: z.number().int().nonnegative(),
  /** The highest seq HQ holds for this laptop: the laptop's send cursor. */
  headSeq: z.number().int().nonnegative(),
});
export type AccessPushResponse = z.infer<typeof accessPushResponseSchema>;

export const CHAIN_FLAG_KINDS = ['edited', 'gap', 'broken_link', 'fork', 'reordered'] as const;
export type ChainFlagKind = (typeof CHAIN_FLAG_KINDS)[number];

export const ENTRY_FLAG_KINDS = ['large_export', 'after_hours', 'unusual_volume'] as const;
export type EntryFlagKind = (typeof ENTRY_FLAG_KINDS)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Query of the review screen: filters and a period of office-calendar days (inclusive). */
export const accessReviewQuerySchema = z.object({
  office: z.string().min(1).max(64).optional(),
  staff: z.string().min(1).max(200).optional(),
  action: z.enum(ACCESS_ACTIONS).optional(),
  from: day,
  to: day,
  /** Most entries returned (newest first); an auditor's export asks for more. */
  limit: z.coerce.number().int().min(1).max(100_000).default(2_000),
  flaggedOnly: z
    .enum(['0', '1'])
    .optional()
    .transform((v) => v === '1'),
});
export type AccessReviewQuery = z.input<typeof accessReviewQuerySchema>;

export const reviewedEntrySchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  seq: z.number().int(),
  /** The device's office (null: an HQ laptop). */
  officeId: z.string().nullable(),
  at: z.number().int(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  action: z.enum(ACCESS_ACTIONS),
  object: z.string(),
  format: z.string().nullable(),
  count: z.number().int(),
  subjectIds: z.array(z.string()),
  reasonCode: z.string().nullable(),
  reasonNote: z.string().nullable(),
  flags: z.array(z.enum(ENTRY_FLAG_KINDS)),
  chainFlags: z.array(z.enum(CHAIN_FLAG_KINDS)),
});
export type ReviewedEntry = z.infer<typeof reviewedEntrySchema>;

export const chainFlagSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  officeId: z.string().nullable(),
  seq: z.number().int(),
  kind: z.enum(CHAIN_FLAG_KINDS),
  detectedAt: z.number().int(),
  missing: z.number().int().nullable(),
});
export type ChainFlag = z.infer<typeof chainFlagSchema>;

export const accessReviewResponseSchema = z.object({
  entries: z.array(reviewedEntrySchema),
  /** Entries matching the filters (before `limit`). */
  total: z.number().int(),
  truncated: z.boolean(),
  /** Chain problems of the devices in scope, detected in the period. */
  chainFlags: z.array(chainFlagSchema),
  /** People seen in the period (the person filter's choices). */
  staff: z.array(z.string()),
  serverTime: z.number().int(),
});
export type AccessReviewResponse = z.infer<typeof accessReviewResponseSchema>;

/** A month marked reviewed; officeId null = every office at once. */
export const monthReviewSchema = z.object({
  month: z.string().regex(MONTH),
  officeId: z.string().nullable(),
  reviewedAt: z.number().int(),
  reviewer: z.string(),
  note: z.string(),
});
export type MonthReview = z.infer<typeof monthReviewSchema>;

export const monthReviewsResponseSchema = z.object({ reviews: z.array(monthReviewSchema) });
export type MonthReviewsResponse = z.infer<typeof monthReviewsResponseSchema>;

export const markMonthReviewedRequestSchema = z.object({
  month: z.string().regex(MONTH),
  officeId: z.string().min(1).max(64).nullable(),
  note: z.string().max(2_000).default(''),
  /** The reviewer's name from the HQ laptop's linked person (HQ falls back to the laptop). */
  reviewer: z.string().min(1).max(200).nullable().default(null),
});
export type MarkMonthReviewedRequest = z.input<typeof markMonthReviewedRequestSchema>;
