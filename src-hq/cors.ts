/**
 * CORS for the sync API: the renderer runs in Electron (file:// or app:// origin) and,
 * in end-to-end tests, in a plain browser on another port, so every call is
 * cross-origin. Credentials are bearer headers, never cookies, so allowing an origin
 * grants nothing by itself; HQ_CORS_ORIGINS can still restrict the list.
 */
import type { FastifyInstance } from 'fastify';
import { APP_VERSION_HEADER, PROTOCOL_HEADER } from '../src-shared/sync/protocol';

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'content-encoding',
  PROTOCOL_HEADER,
  APP_VERSION_HEADER,
];

/** `origins`: '*' (any) or exact origins such as `app://bridgehead`. */
export function registerCors(app: FastifyInstance, origins: readonly string[] | '*'): void {
  const allowed = (origin: string) => origins === '*' || origins.includes(origin);

  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowed(origin)) return;
    reply.header('access-control-allow-origin', origins === '*' ? '*' : origin);
    if (origins !== '*') reply.header('vary', 'Origin');
    reply.header('access-control-expose-headers', `${PROTOCOL_HEADER}, x-request-id`);
  });

  // Preflight: answered before the version gate and authentication.
  app.options('/*', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowed(origin)) return reply.status(204).send();
    return reply
      .status(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', ALLOWED_HEADERS.join(', '))
      .header('access-control-max-age', '600')
      .send();
  });
}
