/**
 * The sync wire protocol (docs/sync-protocol.md): version, limits, error codes and
 * zod schemas of every request and response body. Shared by HQ and the client.
 */
import { z } from 'zod';
import { isHlcString } from './hlc';

/** Bumped on any incompatible change. Sent in the `bridgehead-protocol` header. */
export const PROTOCOL_VERSION = 1;
/** Oldest client protocol the server still accepts; older clients get 426 `client_too_old`. */
export const MIN_PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'bridgehead-protocol';
/**
 * The app's version, sent with every sync request so HQ's Laptops screen shows who runs
 * what (and who is behind the newest release). Optional: older apps do not send it.
 */
export const APP_VERSION_HEADER = 'bridgehead-app-version';

/** Orders two app versions (numeric parts; a pre-release sorts before its release). */
export function compareAppVersions(a: string, b: string): number {
  const [ma, pa] = a.split('+')[0]!.split('-', 2) as [string, string | undefined];
  const [mb, pb] = b.split('+')[0]!.split('-', 2) as [string, string | undefined];
  const na = ma.split('.').map(Number);
  const nb = mb.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (na[i] !== nb[i]) return (na[i] ?? 0) - (nb[i] ?? 0);
  if (pa === pb) return 0;
  if (pa === undefined) return 1;
  if (pb === undefined) return -1;
  return pa < pb ? -1 : 1;
}

/** A version as electron-builder writes it (semver, e.g. 1.4.0 or 1.5.0-beta.2). */
export function isAppVersion(v: unknown): v is string {
  return (
    typeof v === 'string' &&
    v.length <= 64 &&
    /^\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(v)
  );
}

/** Client-side batch limits for a push, and the server's page limits for a pull. */
export const MAX_BATCH_CHANGES = 500;
export const MAX_BATCH_BYTES = 1024 * 1024;
/** Server body limit (after gzip decompression): a full batch plus envelope headroom. */
export const MAX_REQUEST_BYTES = 2 * MAX_BATCH_BYTES;

/** Every error the sync API returns: `{ error: { code, message } }`. Codes are translated in `errors.json` (`sync.<code>`). */
export const SYNC_ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'payload_too_large',
  'unsupported_media_type',
  'protocol_version_missing',
  'client_too_old',
  'server_too_old',
  'unauthorized',
  'device_revoked',
  'office_forbidden',
  'report_forbidden',
  'fx_rates_hq_only',
  'policy_hq_only',
  'erasure_hq_only',
  'office_unknown',
  'unknown_table',
  'group_incomplete',
  'reserved_field',
  'mutation_order',
  'clock_ahead',
  'id_taken',
  'demo_record',
  'value_too_deep',
  'number_not_finite',
  'number_unsafe',
  'invalid_utf8',
  'enrollment_code_invalid',
  'rate_limited',
  'not_found',
  'server_error',
  // Client-side only:
  'network_error',
  'clock_drift',
  'office_missing',
  'id_missing',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** What was refused, for programs (e.g. `{ table, id, field }`). */
    details: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

const hlcSchema = z.string().refine(isHlcString, 'not an HLC');
const idSchema = z.string().min(1).max(128);
const clientIdSchema = z.string().min(8).max(128);
const tableNameSchema = z.string().min(1).max(64);
const officeIdSchema = z.string().min(1).max(64);

export const mutationSchema = z
  .object({
    /** Per-client mutation id, strictly increasing within a client. */
    mid: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    tbl: tableNameSchema,
    id: idSchema,
    /** Partition office for office-scoped tables: must be the device's own office (HQ: any). */
    officeId: officeIdSchema.optional(),
    /** field -> [value, hlc]; values are JSON. */
    fields: z.record(z.string().min(1).max(128), z.tuple([z.unknown(), hlcSchema])).default({}),
    /** [true, hlc] = delete, [false, hlc] = explicit restore. */
    deleted: z.tuple([z.boolean(), hlcSchema]).optional(),
  })
  .strict();
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z
  .object({
    clientId: clientIdSchema,
    mutations: z.array(mutationSchema).max(MAX_BATCH_CHANGES),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResponseSchema = z.object({
  /** Highest mutation id of this client the server has applied (ack). */
  lastMutationId: z.number().int().nonnegative(),
  /** Records that changed (0 for a replayed push). */
  applied: z.number().int().nonnegative(),
  serverTime: z.number(),
  /**
   * Changes HQ acknowledged but did not apply: edits of a person HQ erased (issue 14),
   * which must never bring their data back. The laptop removes them on its next pull.
   */
  dropped: z
    .array(z.object({ table: z.string(), id: z.string(), reason: z.literal('subject_erased') }))
    .optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const cursorSchema = z
  .object({
    epoch: z.string().min(1).max(64),
    seq: z.number().int().nonnegative(),
  })
  .strict();
export type Cursor = z.infer<typeof cursorSchema>;

export const pullRequestSchema = z
  .object({
    clientId: clientIdSchema,
    /** partition id (office id or `_shared`) -> cursor; missing = start from scratch. */
    cursors: z.record(z.string().min(1).max(64), cursorSchema).default({}),
    /** Page size wanted; the server caps it at MAX_BATCH_CHANGES. */
    limit: z.number().int().positive().max(MAX_BATCH_CHANGES).optional(),
  })
  .strict();
export type PullRequest = z.infer<typeof pullRequestSchema>;

const isObjectMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A pulled record's values and stamps are checked in place: z.record copies every map, and
 * for a first download (100,000 rows of ~15 fields each) the copies cost twice the
 * JSON.parse of the page. Same acceptance: a plain object, stamps all strings.
 */
const pulledDataSchema = z.custom<Record<string, unknown>>(isObjectMap, 'expected an object');
const pulledHlcSchema = z.custom<Record<string, string>>((v) => {
  if (!isObjectMap(v)) return false;
  for (const k in v) if (Object.hasOwn(v, k) && typeof v[k] !== 'string') return false;
  return true;
}, 'expected an object of strings');

export const pulledRowSchema = z.object({
  tbl: z.string(),
  id: z.string(),
  /** Office of an office-scoped row; null for shared rows. */
  officeId: z.string().nullable(),
  data: pulledDataSchema,
  hlc: pulledHlcSchema,
  deleted: z.boolean(),
  deletedHlc: z.string().nullable(),
  seq: z.number().int().positive(),
});
export type PulledRow = z.infer<typeof pulledRowSchema>;

export const pulledPartitionSchema = z.object({
  partition: z.string(),
  /** The client must drop its copy of this partition and apply `rows` from scratch. */
  reset: z.boolean(),
  /**
   * With `reset`: HQ went back in time (restored a backup) rather than forgetting purged
   * deletes, so the client keeps its copy, merges the rows from scratch, and then sends HQ
   * every record HQ's rows did not contain. Absent = false.
   */
  restored: z.boolean().optional(),
  rows: z.array(pulledRowSchema),
  cursor: cursorSchema,
  /** More rows wait after `cursor` in this partition. */
  more: z.boolean(),
});
export type PulledPartition = z.infer<typeof pulledPartitionSchema>;

export const pullResponseSchema = z.object({
  partitions: z.array(pulledPartitionSchema),
  /** True when any partition has more rows: pull again. */
  more: z.boolean(),
  lastMutationId: z.number().int().nonnegative(),
  serverTime: z.number(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const enrollRequestSchema = z
  .object({
    code: z.string().min(4).max(64),
    deviceName: z.string().trim().min(1).max(120),
    /**
     * The credential of the link this laptop had until now (a relink, e.g. a forgotten PIN):
     * HQ revokes that device and continues its access-record chain under the new one.
     */
    replaces: z.string().min(20).max(128).optional(),
  })
  .strict();
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const linkedStaffSchema = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
});
export type LinkedStaff = z.infer<typeof linkedStaffSchema>;

export const enrollResponseSchema = z.object({
  deviceId: z.string(),
  /** Secret bearer credential: shown once, stored only as a SHA-256 hash on HQ. */
  credential: z.string(),
  /** null = an HQ device (reads every office). */
  officeId: z.string().nullable(),
  /**
   * The staff member HQ linked this laptop for (the code named them): `id` is stable across
   * their laptops and links. null or absent: nobody named (an older HQ, or an unnamed code).
   */
  staff: linkedStaffSchema.nullable().optional(),
  /**
   * The link this one replaced (`replaces` named a device HQ knows): now revoked; the new
   * device's access-record chain continues after `accessLogSeq`, the last entry HQ holds of
   * the old one (0: none). Absent: no earlier link was replaced.
   */
  replaced: z.object({ deviceId: z.string(), accessLogSeq: z.number().int().min(0) }).optional(),
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

export const sessionResponseSchema = z.object({
  deviceId: z.string(),
  officeId: z.string().nullable(),
  /** Whom the laptop is linked for (as in the enrollment answer). */
  staff: linkedStaffSchema.nullable().optional(),
  partitions: z.array(z.string()),
  serverTime: z.number(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/**
 * `POST /v1/devices/self/revoke` (issue 14): an unlinking laptop asks HQ to revoke its own
 * link, so a copy of its credential opens nothing. The body is `{}`: a device names no other
 * device (anything else is 400 `validation_failed`). Idempotent: a credential already revoked
 * answers its first revocation with `alreadyRevoked: true`.
 */
export const revokeSelfRequestSchema = z.object({}).strict();

export const revokeSelfResponseSchema = z.object({
  deviceId: z.string(),
  revokedAt: z.number().int().nonnegative(),
  /** Who revoked it first: `device` (this request or an earlier one), `hq`, `relink`; null: unknown. */
  revokedBy: z.enum(['hq', 'device', 'relink']).nullable(),
  alreadyRevoked: z.boolean(),
});
export type RevokeSelfResponse = z.infer<typeof revokeSelfResponseSchema>;

/** The API paths, relative to the server's base URL. */
export const SYNC_PATHS = {
  health: '/v1/health',
  enroll: '/v1/enroll',
  session: '/v1/session',
  push: '/v1/push',
  pull: '/v1/pull',
  revokeSelf: '/v1/devices/self/revoke',
} as const;
