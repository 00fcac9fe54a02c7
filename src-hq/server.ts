/**
 * The HQ HTTP server: fastify with a body limit, rate limits, gzip request bodies,
 * the protocol-version gate, device authentication and zod validation of every body.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  APP_VERSION_HEADER,
  isAppVersion,
  MAX_REQUEST_BYTES,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SYNC_PATHS,
  enrollRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
  revokeSelfRequestSchema,
  type ErrorBody,
  type RevokeSelfResponse,
} from '@shared/sync/protocol';
import {
  DEFAULT_TABLE_REGISTRY,
  SYNC_TABLES,
  SYNC_TEST_TABLES,
  createTableRegistry,
  type TableRegistry,
} from '@shared/sync/tables';
import { authenticate, enrollDevice, revokeSelf } from './auth';
import { registerCors } from './cors';
import type { HqDatabase } from './db/connect';
import { HttpError } from './errors';
import { parseBody, registerStrictJsonParser } from './json-body';
import type { Device } from './repositories/devices';
import { ensureSeedOffices } from './repositories/offices';
import { applyPush } from './sync/push';
import type { PushProjector } from './sync/projectors';
import { readablePartitions, servePull } from './sync/pull';
import { registerAdminRoutes } from './admin/routes';
import { REPORT_PROJECTORS } from './reports/projectors';
import { registerReportRoutes } from './reports/routes';
import { registerReleaseRoutes } from './releases/routes';
import { registerAccessLogRoutes } from './audit/routes';
import { registerSubjectRoutes } from './privacy/routes';
import type { RouteContext } from './route-context';
import type { LogLevel } from './config';
import { createMetrics, type HqMetrics } from './ops/metrics';
import { OPS_PATHS, registerOpsRoutes, type Lifecycle } from './ops/routes';

export interface ServerOptions {
  hq: HqDatabase;
  registry?: TableRegistry;
  /** Server clock (tests move it). */
  now?: () => number;
  rateLimitPerMinute?: number;
  enrollRateLimitPerMinute?: number;
  bodyLimit?: number;
  /** Pull page byte budget (tests lower it). */
  pullMaxBytes?: number;
  tls?: { certFile: string; keyFile: string } | null;
  trustProxy?: boolean;
  /** Origins allowed to call the API from a browser ('*' = any; default). */
  corsOrigins?: readonly string[] | '*';
  /** Request log (pino JSON): false = none; a file keeps a terminal quiet. */
  logger?: boolean | { level: LogLevel; file: string | null };
  /** Prometheus metrics at /metrics (default on). */
  metrics?: boolean;
  /** Bearer token for /metrics; null = loopback scrapers only. */
  metricsToken?: string | null;
  /** Shared with the process: `closing` makes /readyz answer 503 while requests drain. */
  lifecycle?: Lifecycle;
  /** Published laptop releases (HQ_RELEASES_DIR); without it no update feed is served. */
  releasesDir?: string;
}

/** A request id from a proxy (X-Request-Id) if it is short and plain, else a new one. */
function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}

function loggerOption(logger: ServerOptions['logger']) {
  if (!logger) return false;
  if (logger === true) return true;
  return { level: logger.level, ...(logger.file ? { file: logger.file } : {}) };
}

export function registryFor(testTables: boolean): TableRegistry {
  return testTables
    ? createTableRegistry([...SYNC_TABLES, ...SYNC_TEST_TABLES])
    : DEFAULT_TABLE_REGISTRY;
}

function errorBody(
  code: ErrorBody['error']['code'],
  message: string,
  details?: Readonly<Record<string, string>>,
): ErrorBody {
  return { error: { code, message, ...(details ? { details: { ...details } } : {}) } };
}

/** Responses smaller than this go out as they are (gzip would save little or grow them). */
export const GZIP_RESPONSE_MIN_BYTES = 1024;

/** The app version a laptop sent (ignored when malformed: it is informative only). */
function appVersionOf(request: FastifyRequest): string | null {
  const v = request.headers[APP_VERSION_HEADER];
  return isAppVersion(v) ? v : null;
}

declare module 'fastify' {
  interface FastifyRequest {
    device: Device | null;
  }
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { hq } = opts;
  const registry = opts.registry ?? DEFAULT_TABLE_REGISTRY;
  const now = opts.now ?? Date.now;
  const app = Fastify({
    bodyLimit: opts.bodyLimit ?? MAX_REQUEST_BYTES,
    logger: loggerOption(opts.logger),
    genReqId: requestId,
    trustProxy: opts.trustProxy ?? false,
    ...(opts.tls
      ? { https: { cert: readFileSync(opts.tls.certFile), key: readFileSync(opts.tls.keyFile) } }
      : {}),
  }) as unknown as FastifyInstance;

  await ensureSeedOffices(hq.db, now());
  // What a push moves besides the records: the push itself knows no reports.
  const projectors: readonly PushProjector[] = [...REPORT_PROJECTORS];
  const metrics: HqMetrics | null = opts.metrics === false ? null : createMetrics(hq);
  // Every answer names its request id, so a laptop's error report finds its log line. The
  // request metric is taken here too: one hook per answer instead of a second (onResponse)
  // one, which cost ~7 % of push throughput in `hq.metrics_overhead_ratio`; the latency
  // then ends when the reply is handed to Node (serialisation done, bytes not yet written).
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    metrics?.request(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done(null, payload);
  });
  const sendError = (
    reply: FastifyReply,
    status: number,
    code: ErrorBody['error']['code'],
    message: string,
    details?: Readonly<Record<string, string>>,
  ) => {
    metrics?.error(code);
    return reply.status(status).send(errorBody(code, message, details));
  };
  // JSON only: anything else is 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');
  registerStrictJsonParser(app);
  app.decorateRequest('device', null);

  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute ?? 600,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(ctx.statusCode, 'rate_limited', `Too many requests; retry in ${ctx.after}`),
  });

  // Request bodies may come gzipped (laptops push large batches over slow links): every
  // route inflates them in preParsing, so the body limit applies to the inflated size.
  // Responses: only the pull route compresses (below).
  const pullCompression = { encodings: ['gzip' as const], threshold: GZIP_RESPONSE_MIN_BYTES };
  await app.register(compress, {
    globalCompression: false,
    globalDecompression: true,
    ...pullCompression,
    requestEncodings: ['gzip'],
    onUnsupportedRequestEncoding: (encoding) =>
      new HttpError(415, 'unsupported_media_type', `Unsupported content-encoding: ${encoding}`),
    onInvalidRequestPayload: () => new HttpError(400, 'bad_request', 'Corrupt gzip body'),
  });

  // Version gate first: an old client must learn it is old even if its credential is fine.
  await registerCors(app, opts.corsOrigins ?? '*');

  app.addHook('onRequest', async (request, reply) => {
    reply.header(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    const path = request.url.split('?', 1)[0]!;
    if (path === SYNC_PATHS.health || OPS_PATHS.has(path) || request.method === 'OPTIONS') return;
    const raw = request.headers[PROTOCOL_HEADER];
    const version = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (Number.isNaN(version)) {
      throw new HttpError(400, 'protocol_version_missing', `Send the ${PROTOCOL_HEADER} header`);
    }
    if (version < MIN_PROTOCOL_VERSION) {
      throw new HttpError(426, 'client_too_old', 'Update Bridgehead to sync with HQ');
    }
    if (version > PROTOCOL_VERSION) {
      throw new HttpError(400, 'server_too_old', 'HQ server is older than this app');
    }
  });

  const requireDevice = async (request: FastifyRequest) => {
    request.device = await authenticate(hq, request.headers.authorization);
  };

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (err instanceof HttpError) {
      return sendError(reply, err.statusCode, err.code, err.message, err.details);
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return sendError(reply, 413, 'payload_too_large', 'Body too large');
    if (status === 415) {
      return sendError(reply, 415, 'unsupported_media_type', 'Send application/json');
    }
    if (status === 429) return sendError(reply, 429, 'rate_limited', err.message);
    if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', err.message);
    reply.log.error(err);
    return sendError(reply, 500, 'server_error', 'Internal error');
  });
  app.setNotFoundHandler((_request, reply) =>
    sendError(reply, 404, 'not_found', 'No such endpoint'),
  );

  app.get(SYNC_PATHS.health, async () => ({
    ok: true,
    protocolVersion: PROTOCOL_VERSION,
    minProtocolVersion: MIN_PROTOCOL_VERSION,
    serverTime: now(),
  }));

  app.post(
    SYNC_PATHS.enroll,
    { config: { rateLimit: { max: opts.enrollRateLimitPerMinute ?? 10, timeWindow: '1 minute' } } },
    async (request) => {
      const body = parseBody(enrollRequestSchema, request.body);
      return enrollDevice(hq, body.code, body.deviceName, now(), body.replaces);
    },
  );

  app.get(SYNC_PATHS.session, { preHandler: requireDevice }, async (request) => {
    const device = request.device!;
    return {
      deviceId: device.id,
      officeId: device.officeId,
      staff:
        device.staffId === null || device.staffName === null
          ? null
          : { id: device.staffId, name: device.staffName },
      partitions: await readablePartitions(hq, device),
      serverTime: now(),
    };
  });

  app.post(SYNC_PATHS.revokeSelf, async (request): Promise<RevokeSelfResponse> => {
    parseBody(revokeSelfRequestSchema, request.body ?? {});
    const { device, alreadyRevoked } = await revokeSelf(hq, request.headers.authorization, now());
    return {
      deviceId: device.id,
      revokedAt: device.revokedAt!,
      revokedBy: device.revokedBy,
      alreadyRevoked,
    };
  });

  app.post(SYNC_PATHS.push, { preHandler: requireDevice }, async (request) => {
    const body = parseBody(pushRequestSchema, request.body);
    const res = await applyPush(hq, registry, request.device!, body, {
      now: now(),
      appVersion: appVersionOf(request),
      projectors,
    });
    metrics?.push(body.mutations.length, res.applied);
    return res;
  });

  // Pull responses carry whole records: gzip them (@fastify/compress negotiates
  // Accept-Encoding, q=0 included, and says Vary) for clients that accept it; browsers and
  // Electron's fetch send Accept-Encoding: gzip and inflate transparently. Other routes stay
  // plain. The pull metric counts the JSON before compression.
  const pulledRows = new WeakMap<FastifyRequest, number>();
  const countPull = async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
    const rows = pulledRows.get(request);
    if (!metrics || rows === undefined) return payload;
    if (typeof payload === 'string') {
      // Encoded once here (and sent or compressed as is): Buffer.byteLength on the reply
      // string, then the encoding for the socket, cost two passes over ~1 MB per page.
      const body = Buffer.from(payload);
      metrics.pull(rows, body.length);
      return body;
    }
    if (Buffer.isBuffer(payload)) metrics.pull(rows, payload.length);
    return payload;
  };

  app.post(
    SYNC_PATHS.pull,
    { preHandler: requireDevice, onSend: countPull, compress: pullCompression },
    async (request) => {
      const body = parseBody(pullRequestSchema, request.body);
      const res = await servePull(hq, request.device!, body, {
        now: now(),
        appVersion: appVersionOf(request),
        ...(opts.pullMaxBytes !== undefined ? { maxBytes: opts.pullMaxBytes } : {}),
      });
      pulledRows.set(
        request,
        res.partitions.reduce((n, p) => n + p.rows.length, 0),
      );
      return res;
    },
  );

  const routeContext: RouteContext = { app, hq, registry, now, requireDevice };
  registerReportRoutes(routeContext);
  registerAdminRoutes(routeContext);
  registerAccessLogRoutes(routeContext);
  registerSubjectRoutes(routeContext);
  if (opts.releasesDir) registerReleaseRoutes(routeContext, opts.releasesDir);
  registerOpsRoutes(app, {
    hq,
    metrics,
    metricsToken: opts.metricsToken ?? null,
    lifecycle: opts.lifecycle ?? { closing: false },
  });

  return app;
}
