/**
 * HQ administration API (HQ devices only): offices with record counts and freshness,
 * one-time enrollment codes, devices with last sync, revocation, the app lock's idle time. Shared by the HQ
 * server (src-hq/admin) and the app's HQ screens (src-renderer/src/features/hq).
 * Every request carries the protocol header and the device's bearer credential, like sync.
 * Office devices get `403 office_forbidden`; bad bodies `400 validation_failed`.
 */
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '../i18n/languages';
import { idleMinutesSchema } from '../security/app-lock';

export const ADMIN_PATHS = {
  /** GET → OfficesResponse */
  offices: '/v1/admin/offices',
  /** GET → DevicesResponse */
  devices: '/v1/admin/devices',
  /** POST RevokeDeviceRequest → RevokeDeviceResponse */
  revokeDevice: '/v1/admin/devices/revoke',
  /** GET → EnrollmentCodesResponse; POST CreateEnrollmentCodeRequest → CreateEnrollmentCodeResponse */
  enrollmentCodes: '/v1/admin/enrollment-codes',
  /** GET → AppLockPolicyResponse; POST SetAppLockRequest → AppLockPolicyResponse (issue 14) */
  appLock: '/v1/admin/policies/app-lock',
} as const;

/** Longest validity HQ may give a code (the CLI allows the same). */
export const MAX_CODE_TTL_HOURS = 24 * 30;
export const DEFAULT_CODE_TTL_HOURS = 24;

const officeIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'office id');
const instant = z.number().int().nonnegative();

export const adminOfficeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  country: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  localLanguage: z.string(),
  names: z.partialRecord(z.enum(SUPPORTED_LANGUAGES), z.string()),
  /** Live (not deleted) records per synced table. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** When HQ last stored a change of this office (any laptop's push). */
  lastChangeAt: instant.nullable(),
  /** Latest sync of any of the office's devices (revoked ones included). */
  lastDeviceSyncAt: instant.nullable(),
  devices: z.number().int().nonnegative(),
  activeDevices: z.number().int().nonnegative(),
});
export type AdminOffice = z.infer<typeof adminOfficeSchema>;

export const officesResponseSchema = z.object({
  offices: z.array(adminOfficeSchema),
  /** Province-wide tables (SME firms, FX rates): live records per table. */
  sharedCounts: z.record(z.string(), z.number().int().nonnegative()),
  serverTime: instant,
});
export type OfficesResponse = z.infer<typeof officesResponseSchema>;

export const adminDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** null = an HQ device. */
  officeId: z.string().nullable(),
  createdAt: instant,
  lastSyncAt: instant.nullable(),
  revokedAt: instant.nullable(),
  /**
   * Who revoked it: `hq` (this screen or the CLI), `device` (the laptop unlinked itself),
   * `relink` (a new link of the same laptop replaced it); null or absent: not revoked, or
   * unknown (revoked before HQ recorded it, or an older HQ).
   */
  revokedBy: z.enum(['hq', 'device', 'relink']).nullable().optional(),
  /** App version the laptop reported with its last sync (null: never; older HQs omit it). */
  appVersion: z.string().nullable().optional(),
  /** The staff member the laptop is linked for (null: linked before laptops were named). */
  staffId: z.string().nullable().optional(),
  staffName: z.string().nullable().optional(),
});
export type AdminDevice = z.infer<typeof adminDeviceSchema>;

export const devicesResponseSchema = z.object({
  devices: z.array(adminDeviceSchema),
  /** The device asking (the UI does not offer to revoke itself). */
  selfId: z.string(),
  /** The newest laptop release HQ offers (`hq releases:publish`); null: none published. */
  newestRelease: z.string().nullable().optional(),
  serverTime: instant,
});
export type DevicesResponse = z.infer<typeof devicesResponseSchema>;

export const revokeDeviceRequestSchema = z
  .object({ deviceId: z.string().min(1).max(128) })
  .strict();
export type RevokeDeviceRequest = z.infer<typeof revokeDeviceRequestSchema>;

export const revokeDeviceResponseSchema = z.object({
  device: adminDeviceSchema,
});
export type RevokeDeviceResponse = z.infer<typeof revokeDeviceResponseSchema>;

/** The longest staff name HQ stores (the CLI's --person allows the same). */
export const MAX_STAFF_NAME = 120;

/** A staff member laptops are linked for: `id` stays when they get another laptop. */
export const staffMemberSchema = z.object({ id: z.string(), name: z.string() });
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const createEnrollmentCodeRequestSchema = z
  .object({
    /** null = a code for an HQ device (reads every office). */
    officeId: officeIdSchema.nullable(),
    ttlHours: z.number().int().min(1).max(MAX_CODE_TTL_HOURS).default(DEFAULT_CODE_TTL_HOURS),
    /**
     * Whom the laptop is for: a staff member HQ knows (`staffId`, e.g. their second laptop or
     * a new link after a forgotten PIN), or someone new (`staffName`). Exactly one.
     */
    staffId: z.string().min(1).max(128).optional(),
    staffName: z.string().trim().min(1).max(MAX_STAFF_NAME).optional(),
  })
  .strict()
  .refine((b) => (b.staffId === undefined) !== (b.staffName === undefined), {
    message: 'name the person: staffId or staffName',
    path: ['staffName'],
  });
export type CreateEnrollmentCodeRequest = z.input<typeof createEnrollmentCodeRequestSchema>;

export const createEnrollmentCodeResponseSchema = z.object({
  /** The secret code: returned once, stored on HQ only as a hash. */
  code: z.string(),
  officeId: z.string().nullable(),
  createdAt: instant,
  expiresAt: instant,
  /** The person the laptop will be linked for. */
  staff: staffMemberSchema.nullable().optional(),
});
export type CreateEnrollmentCodeResponse = z.infer<typeof createEnrollmentCodeResponseSchema>;

export const enrollmentCodeInfoSchema = z.object({
  officeId: z.string().nullable(),
  createdAt: instant,
  expiresAt: instant,
  usedAt: instant.nullable(),
  /** The device enrolled with it. */
  deviceId: z.string().nullable(),
  /** Whom it links a laptop for (null: nobody named). */
  staffName: z.string().nullable().optional(),
});
export type EnrollmentCodeInfo = z.infer<typeof enrollmentCodeInfoSchema>;

export const enrollmentCodesResponseSchema = z.object({
  /** Newest first, at most 200; never the codes themselves. */
  codes: z.array(enrollmentCodeInfoSchema),
  /** Every staff member HQ knows, by name (the form offers them). */
  staff: z.array(staffMemberSchema).optional(),
  serverTime: instant,
});
export type EnrollmentCodesResponse = z.infer<typeof enrollmentCodesResponseSchema>;

/** The app lock's idle time every laptop takes with its next sync (issue 14). */
export const appLockPolicyResponseSchema = z.object({
  idleMinutes: idleMinutesSchema,
  defaultMinutes: z.number().int(),
  minMinutes: z.number().int(),
  maxMinutes: z.number().int(),
});
export type AppLockPolicyResponse = z.infer<typeof appLockPolicyResponseSchema>;

export const setAppLockRequestSchema = z.object({ idleMinutes: idleMinutesSchema }).strict();
export type SetAppLockRequest = z.infer<typeof setAppLockRequestSchema>;
