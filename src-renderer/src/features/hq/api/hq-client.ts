/**
 * Authenticated requests from an HQ device to HQ beyond sync (administration, reports):
 * the same protocol header, bearer credential and error shape as the sync transport,
 * with GET as well as POST, and every answer validated with the shared zod schema.
 */
import type { z } from 'zod';
import {
  ADMIN_PATHS,
  createEnrollmentCodeResponseSchema,
  devicesResponseSchema,
  enrollmentCodesResponseSchema,
  officesResponseSchema,
  revokeDeviceResponseSchema,
  appLockPolicyResponseSchema,
  type CreateEnrollmentCodeRequest,
} from '@shared/admin/api';
import { SUBJECT_PATHS, eraseSubjectResponseSchema } from '@shared/privacy/api';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, errorBodySchema } from '@shared/sync/protocol';
import { SyncRequestError, type FetchLike } from '../../../sync/transport';

export interface HqClientOptions {
  baseUrl: string;
  credential: string;
  fetch?: FetchLike;
  /** Gives up after this long (HQ unreachable); default 20 s. */
  timeoutMs?: number;
}

export type HqClient = ReturnType<typeof createHqClient>;

export function createHqClient(opts: HqClientOptions) {
  const fetchFn: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const base = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 20_000;

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    let res: Response;
    const controller = typeof AbortController === 'undefined' ? null : new AbortController();
    const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
    try {
      res = await fetchFn(base + path, {
        method,
        headers: {
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          authorization: `Bearer ${opts.credential}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(controller ? { signal: controller.signal } : {}),
      });
    } catch (e) {
      throw new SyncRequestError(0, 'network_error', e instanceof Error ? e.message : String(e));
    } finally {
      if (timer) clearTimeout(timer);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new SyncRequestError(res.status || 0, 'network_error', `Unreadable (${res.status})`);
    }
    if (!res.ok) {
      const err = errorBodySchema.safeParse(json);
      throw new SyncRequestError(
        res.status,
        err.success ? err.data.error.code : 'server_error',
        err.success ? err.data.error.message : `HTTP ${res.status}`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncRequestError(res.status, 'bad_request', 'Unexpected response shape');
    }
    return parsed.data;
  }

  return {
    get: <S extends z.ZodType>(path: string, schema: S) => request('GET', path, schema),
    post: <S extends z.ZodType>(path: string, schema: S, body: unknown) =>
      request('POST', path, schema, body),
    offices: () => request('GET', ADMIN_PATHS.offices, officesResponseSchema),
    devices: () => request('GET', ADMIN_PATHS.devices, devicesResponseSchema),
    /** The app lock's idle time for every laptop (issue 14). */
    appLock: () => request('GET', ADMIN_PATHS.appLock, appLockPolicyResponseSchema),
    setAppLock: (idleMinutes: number) =>
      request('POST', ADMIN_PATHS.appLock, appLockPolicyResponseSchema, { idleMinutes }),
    revokeDevice: (deviceId: string) =>
      request('POST', ADMIN_PATHS.revokeDevice, revokeDeviceResponseSchema, { deviceId }),
    enrollmentCodes: () =>
      request('GET', ADMIN_PATHS.enrollmentCodes, enrollmentCodesResponseSchema),
    createEnrollmentCode: (req: CreateEnrollmentCodeRequest) =>
      request('POST', ADMIN_PATHS.enrollmentCodes, createEnrollmentCodeResponseSchema, req),
    /** Erases a contact at HQ and, through sync, on every laptop (issue 14). */
    eraseSubject: (contactId: string) =>
      request('POST', SUBJECT_PATHS.erase, eraseSubjectResponseSchema, { contactId }),
  };
}
