/**
 * CORS for the sync API (@fastify/cors): the renderer runs in Electron (file:// or app://
 * origin) and, in end-to-end tests, in a plain browser on another port, so every call is
 * cross-origin. Credentials are bearer headers, never cookies, so allowing an origin
 * grants nothing by itself; HQ_CORS_ORIGINS can still restrict the list.
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { APP_VERSION_HEADER, PROTOCOL_HEADER } from '@shared/sync/protocol';

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'content-encoding',
  PROTOCOL_HEADER,
  APP_VERSION_HEADER,
];

/** `origins`: '*' (any) or exact origins such as `app://bridgehead`. */
export async function registerCors(
  app: FastifyInstance,
  origins: readonly string[] | '*',
): Promise<void> {
  await app.register(cors, {
    // A list answers its own origins only (and says Vary: Origin); '*' answers any.
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: [PROTOCOL_HEADER, 'x-request-id'],
    maxAge: 600,
    // Preflights are answered before the version gate and authentication, always 204.
    strictPreflight: false,
  });
}
