/**
 * HTTP transport to the HQ server: JSON bodies, the protocol header, the device's
 * bearer credential, and responses validated with the shared zod schemas.
 */
import type { z } from 'zod';
import {
  APP_VERSION_HEADER,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SYNC_PATHS,
  errorBodySchema,
  enrollResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  type EnrollResponse,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SyncErrorCode,
} from '@shared/sync/protocol';
import { APP_VERSION } from '../app-version';

/** A failed sync request. `status` 0 = the network (or server) was unreachable. */
export class SyncRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode | string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncRequestError';
  }

  /** Worth retrying later with backoff (network, 5xx, rate limit, clock ahead). */
  get retryable(): boolean {
    return (
      this.status === 0 ||
      this.status >= 500 ||
      this.status === 429 ||
      this.code === 'clock_ahead' ||
      // HQ is older than this app's tables: keep the changes until HQ is updated.
      this.code === 'unknown_table'
    );
  }

  /** The device must stop syncing until a person acts (re-enroll, update). */
  get fatal(): boolean {
    return this.status === 401 || this.status === 426 || this.code === 'server_too_old';
  }
}

export interface SyncTransport {
  push(req: PushRequest): Promise<PushResponse>;
  pull(req: PullRequest): Promise<PullResponse>;
  /**
   * Set by createHttpTransport over the platform's fetch: where a pull worker can reach
   * HQ on its own (the engine then pulls in a worker). Absent for injected fetches.
   */
  readonly endpoint?: { readonly baseUrl: string; readonly credential: string };
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpTransportOptions {
  baseUrl: string;
  /** The device credential from enrollment (kept in the OS keychain by the shell). */
  credential: string;
  fetch?: FetchLike;
}

/** Bodies above this are gzipped when the platform has CompressionStream (Chromium, Node). */
export const GZIP_THRESHOLD_BYTES = 32 * 1024;

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function encodeBody(body: unknown): Promise<{ body: string | Uint8Array; gzipped: boolean }> {
  const text = JSON.stringify(body);
  if (text.length < GZIP_THRESHOLD_BYTES || typeof CompressionStream === 'undefined') {
    return { body: text, gzipped: false };
  }
  return { body: await gzip(text), gzipped: true };
}

async function request<S extends z.ZodType>(
  fetchFn: FetchLike,
  url: string,
  credential: string | null,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  let res: Response;
  try {
    const encoded = await encodeBody(body);
    res = await fetchFn(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        // HQ's Laptops screen shows which version each laptop runs.
        [APP_VERSION_HEADER]: APP_VERSION,
        ...(encoded.gzipped ? { 'content-encoding': 'gzip' } : {}),
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
      },
      body: encoded.body as BodyInit,
    });
  } catch (e) {
    throw new SyncRequestError(0, 'network_error', e instanceof Error ? e.message : String(e));
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new SyncRequestError(
      res.status || 0,
      'network_error',
      `Unreadable response (${res.status})`,
    );
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
  if (!parsed.success)
    throw new SyncRequestError(res.status, 'bad_request', 'Unexpected response shape');
  return parsed.data;
}

export function createHttpTransport(opts: HttpTransportOptions): SyncTransport {
  const fetchFn: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const base = opts.baseUrl.replace(/\/+$/, '');
  return {
    push: (req) =>
      request(fetchFn, base + SYNC_PATHS.push, opts.credential, req, pushResponseSchema),
    pull: (req) =>
      request(fetchFn, base + SYNC_PATHS.pull, opts.credential, req, pullResponseSchema),
    ...(opts.fetch ? {} : { endpoint: { baseUrl: base, credential: opts.credential } }),
  };
}

/**
 * One authenticated POST to HQ with the sync headers and a zod-checked answer, for streams
 * beside the record sync (the access records, issue 14).
 */
export function postToHq<S extends z.ZodType>(
  opts: HttpTransportOptions,
  path: string,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  const fetchFn: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  return request(fetchFn, opts.baseUrl.replace(/\/+$/, '') + path, opts.credential, body, schema);
}

/** Exchanges a one-time enrollment code for this device's credential. */
export function enroll(
  baseUrl: string,
  code: string,
  deviceName: string,
  fetchFn: FetchLike = (url, init) => fetch(url, init),
  /** The credential of the link this one replaces (a relink): HQ revokes that device. */
  replaces?: string,
): Promise<EnrollResponse> {
  return request(
    fetchFn,
    baseUrl.replace(/\/+$/, '') + SYNC_PATHS.enroll,
    null,
    { code, deviceName, ...(replaces ? { replaces } : {}) },
    enrollResponseSchema,
  );
}
