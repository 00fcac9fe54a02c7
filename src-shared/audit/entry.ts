/**
 * Access records (issue 14, "every access to a person's data is on record"): one entry per
 * view, change, export, print or import of personal data, written on the laptop, chained per
 * laptop by SHA-256 and sent to HQ in their own append-only stream (never last-writer-wins).
 */
import { z } from 'zod';

export const ACCESS_ACTIONS = [
  'view',
  'create',
  'edit',
  'delete',
  'merge',
  'export',
  'print',
  'import',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** Actions that take personal data off the screen: the person gives a reason every time. */
export const ACTIONS_WITH_REASON: ReadonlySet<AccessAction> = new Set(['export', 'print']);

/** What the entry is about: a record kind, or the document an export or print produced. */
export const ACCESS_OBJECTS = [
  'buyer',
  'contact',
  'talk',
  'buyers',
  'day_sheet',
  'itinerary',
  'one_pager',
  'bookings',
  // A data subject's copy (issue 14, item 6: everything held about one contact).
  'subject_copy',
] as const;
export type AccessObject = (typeof ACCESS_OBJECTS)[number];

export const ACCESS_FORMATS = ['csv', 'xlsx', 'vcard', 'ics', 'pdf', 'paper', 'json'] as const;
export type AccessFormat = (typeof ACCESS_FORMATS)[number];

/** Common reasons offered by the prompt; `other` needs a note. */
export const REASON_CODES = [
  'meeting_prep',
  'event_followup',
  'report',
  'partner_request',
  'backup',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const MAX_REASON_NOTE = 500;

export const accessReasonSchema = z
  .object({
    code: z.enum(REASON_CODES),
    note: z.string().max(MAX_REASON_NOTE),
  })
  .refine((r) => r.code !== 'other' || r.note.trim().length > 0, {
    message: 'a reason "other" needs a note',
    path: ['note'],
  });
export type AccessReason = z.infer<typeof accessReasonSchema>;

/** Data-subject kinds: the records whose people the entry concerns. */
export const SUBJECT_KINDS = ['buyer', 'contact', 'talk', 'booking', 'participant'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

const idSchema = z.string().min(1).max(128);
export const subjectGroupSchema = z.object({
  kind: z.enum(SUBJECT_KINDS),
  ids: z.array(idSchema).max(200_000),
});
export type SubjectGroup = z.infer<typeof subjectGroupSchema>;

export const HASH_HEX = /^[0-9a-f]{64}$/;
/** prevHash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

const nullableText = (max: number) => z.string().min(1).max(max).nullable();

/** What the writer is given (who and when are added by the log). */
export const accessInputSchema = z
  .object({
    action: z.enum(ACCESS_ACTIONS),
    object: z.enum(ACCESS_OBJECTS),
    format: z.enum(ACCESS_FORMATS).nullable().default(null),
    subjects: z.array(subjectGroupSchema).max(SUBJECT_KINDS.length),
    reason: accessReasonSchema.nullable().default(null),
  })
  .refine((e) => !ACTIONS_WITH_REASON.has(e.action) || e.reason !== null, {
    message: 'exports and prints carry a reason',
    path: ['reason'],
  });
export type AccessInput = z.input<typeof accessInputSchema>;

/** One stored, chained entry. `hash` covers every other field, `prevHash` included. */
export const accessEntrySchema = z
  .object({
    v: z.literal(1),
    seq: z.number().int().positive(),
    at: z.number().int().nonnegative(),
    deviceId: nullableText(128),
    officeId: nullableText(64),
    staffId: nullableText(128),
    staffName: nullableText(200),
    action: z.enum(ACCESS_ACTIONS),
    object: z.enum(ACCESS_OBJECTS),
    format: z.enum(ACCESS_FORMATS).nullable(),
    subjects: z.array(subjectGroupSchema).max(SUBJECT_KINDS.length),
    count: z.number().int().nonnegative(),
    reason: accessReasonSchema.nullable(),
    prevHash: z.string().regex(HASH_HEX),
    hash: z.string().regex(HASH_HEX),
  })
  .refine((e) => !ACTIONS_WITH_REASON.has(e.action) || e.reason !== null, {
    message: 'exports and prints carry a reason',
    path: ['reason'],
  });
export type AccessEntry = z.infer<typeof accessEntrySchema>;
export type UnhashedEntry = Omit<AccessEntry, 'hash'>;

/** Who acts: the laptop's linked person, device and office (h-lock's "who", issue 14 item 1). */
export interface Actor {
  staffId: string | null;
  staffName: string | null;
  deviceId: string | null;
  officeId: string | null;
}

export function subjectCount(subjects: readonly SubjectGroup[]): number {
  return subjects.reduce((n, g) => n + g.ids.length, 0);
}
