/**
 * Endpoints for the machines that run HQ, not for laptops (no protocol header, no device
 * credential, no rate limit):
 *   GET /livez    the process answers (a supervisor restarts it when this fails)
 *   GET /readyz   the database answers and HQ is not shutting down (a load balancer
 *                 sends laptops elsewhere on 503)
 *   GET /metrics  Prometheus text format; Bearer HQ_METRICS_TOKEN, or loopback only
 */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HqDatabase } from '../db/connect';
import type { HqMetrics } from './metrics';

export const OPS_PATHS: ReadonlySet<string> = new Set(['/livez', '/readyz', '/metrics']);

/** Process state shared with the server: set `closing` before draining requests. */
export interface Lifecycle {
  closing: boolean;
}

/** How long /readyz waits for the database before saying "not ready". */
export const READY_DB_TIMEOUT_MS = 2000;

function isLoopback(ip: string): boolean {
  if (ip === '::1') return true;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Token when one is configured; else only a scraper on this machine, not through a proxy. */
function metricsAllowed(request: FastifyRequest, token: string | null): boolean {
  if (token !== null) {
    const m = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    return m !== null && sameSecret(m[1]!, token);
  }
  return isLoopback(request.ip) && request.headers['x-forwarded-for'] === undefined;
}

export function registerOpsRoutes(
  app: FastifyInstance,
  ctx: {
    hq: HqDatabase;
    metrics: HqMetrics | null;
    metricsToken: string | null;
    lifecycle: Lifecycle;
  },
): void {
  const noLimit = { config: { rateLimit: false as const } };

  app.get('/livez', noLimit, async () => ({ ok: true }));

  app.get('/readyz', noLimit, async (_request, reply) => {
    if (ctx.lifecycle.closing) {
      return reply.status(503).send({ ok: false, reason: 'shutting_down' });
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(ctx.hq.db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), READY_DB_TIMEOUT_MS);
        }),
      ]);
    } catch (e) {
      reply.log.warn({ err: e }, 'readiness: database not answering');
      return reply.status(503).send({ ok: false, reason: 'database_unavailable' });
    } finally {
      clearTimeout(timer);
    }
    return { ok: true };
  });

  app.get('/metrics', noLimit, async (request, reply) => {
    if (!ctx.metrics) return reply.status(404).send({ ok: false, reason: 'metrics_disabled' });
    if (!metricsAllowed(request, ctx.metricsToken)) {
      return reply
        .status(401)
        .send({ ok: false, reason: 'Set HQ_METRICS_TOKEN and scrape with that bearer token' });
    }
    reply.header('content-type', ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
