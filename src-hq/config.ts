/** HQ server configuration, from the environment (documented in docs/sync-protocol.md). */
import { resolve } from 'node:path';
import type { DatabaseTarget } from './db/connect';

export interface HqConfig {
  host: string;
  port: number;
  database: DatabaseTarget;
  tls: { certFile: string; keyFile: string } | null;
  /** Requests per minute per client IP (enrollment has its own, lower limit). */
  rateLimitPerMinute: number;
  enrollRateLimitPerMinute: number;
  /** Also sync the `test_*` tables (end-to-end tests only). */
  testTables: boolean;
  /** Behind a reverse proxy: trust X-Forwarded-* from it. */
  trustProxy: boolean;
  /** HQ_CORS_ORIGINS: comma-separated origins allowed from browsers; unset = any. */
  corsOrigins: readonly string[] | '*';
}

export class ConfigError extends Error {}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a non-negative integer`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HqConfig {
  const dataDir = resolve(env.HQ_DATA_DIR || '.hq-data');
  const database: DatabaseTarget = env.DATABASE_URL
    ? {
        kind: 'postgres',
        url: env.DATABASE_URL,
        ...(env.HQ_PG_SCHEMA ? { schema: env.HQ_PG_SCHEMA } : {}),
      }
    : { kind: 'sqlite', file: resolve(dataDir, 'hq.sqlite') };
  const cert = env.HQ_TLS_CERT;
  const key = env.HQ_TLS_KEY;
  if ((cert && !key) || (!cert && key)) {
    throw new ConfigError('Set both HQ_TLS_CERT and HQ_TLS_KEY, or neither');
  }
  return {
    host: env.HQ_HOST || '127.0.0.1',
    port: intEnv(env, 'HQ_PORT', 8787),
    database,
    tls: cert && key ? { certFile: cert, keyFile: key } : null,
    rateLimitPerMinute: intEnv(env, 'HQ_RATE_LIMIT', 600),
    enrollRateLimitPerMinute: intEnv(env, 'HQ_ENROLL_RATE_LIMIT', 10),
    testTables: env.HQ_TEST_TABLES === '1',
    trustProxy: env.HQ_TRUST_PROXY === '1',
    corsOrigins: env.HQ_CORS_ORIGINS
      ? env.HQ_CORS_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : '*',
  };
}
