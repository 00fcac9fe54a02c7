/**
 * HQ's data-subject API (issue 14, item 6), for HQ devices only (office devices get
 * `403 office_forbidden`): a copy of everything HQ holds about one contact, and its erasure
 * everywhere. Every request carries the protocol header and the device credential.
 */
import { z } from 'zod';

export const SUBJECT_PATHS = {
  /** POST SubjectRequest → SubjectCopy (src-shared/privacy/subject.ts) */
  copy: '/v1/admin/subjects/copy',
  /** POST SubjectRequest → EraseSubjectResponse */
  erase: '/v1/admin/subjects/erase',
} as const;

export const subjectRequestSchema = z.object({ contactId: z.string().min(1).max(64) }).strict();
export type SubjectRequest = z.infer<typeof subjectRequestSchema>;

export const eraseSubjectResponseSchema = z.object({
  contactId: z.string(),
  officeId: z.string(),
  /** False when the contact was already erased (nothing changed). */
  erased: z.boolean(),
  /** Other records whose text named the person, now redacted. */
  redacted: z.number().int().nonnegative(),
  erasedAt: z.number(),
});
export type EraseSubjectResponse = z.infer<typeof eraseSubjectResponseSchema>;
