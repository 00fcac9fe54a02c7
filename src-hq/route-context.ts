/**
 * What a route module gets from the server: the database, the clock and the
 * authentication pre-handler. Feature routes (reports, administration) live in
 * their own folders and register themselves through this, so server.ts stays the
 * one place that wires the HTTP pipeline.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TableRegistry } from '@shared/sync/tables';
import type { HqDatabase } from './db/connect';

export interface RouteContext {
  app: FastifyInstance;
  hq: HqDatabase;
  registry: TableRegistry;
  now: () => number;
  /** Sets request.device or throws 401/403; use as `preHandler`. */
  requireDevice: (request: FastifyRequest) => Promise<void>;
}
