/**
 * HQ server configuration, from the environment (docs/operations.md lists every variable).
 * Everything is checked at start and every problem is reported at once, each naming its
 * variable: a typo in a systemd unit should cost one restart, not five.
 */
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import type { DatabaseTarget } from './db/connect';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface HqConfig {
  host: string;
  port: number;
  /** The address laptops type (behind a reverse proxy it differs from host:port). */
  publicUrl: string;
  dataDir: string;
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
  /** Request log: level, and a file instead of stdout (`npm start` keeps the terminal quiet). */
  log: { level: LogLevel; file: string | null };
  /** Bearer token Prometheus sends to /metrics; unset = loopback scrapers only. */
  metricsToken: string | null;
  /** Where published laptop releases are kept (shared storage with several HQ processes). */
  releasesDir: string;
  /** How long a SIGTERM waits for requests in flight before giving up. */
  shutdownTimeoutMs: number;
  /** HQ_ACCESS_LOG_RETENTION_DAYS: access records older than this are purged (default 730). */
  accessLogRetentionDays: number;
  /** Unknown HQ_* variables (likely typos), for a warning at start. */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? `configuration: ${problems[0]}`
        : `configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Every variable HQ reads; anything else starting with HQ_ is reported as a likely typo. */
export const KNOWN_VARIABLES = [
  'HQ_HOST',
  'HQ_PORT',
  'HQ_PUBLIC_URL',
  'HQ_DATA_DIR',
  'DATABASE_URL',
  'HQ_PG_SCHEMA',
  'HQ_PG_POOL_SIZE',
  'HQ_TLS_CERT',
  'HQ_TLS_KEY',
  'HQ_RATE_LIMIT',
  'HQ_ENROLL_RATE_LIMIT',
  'HQ_TRUST_PROXY',
  'HQ_CORS_ORIGINS',
  'HQ_TEST_TABLES',
  'HQ_LOG_LEVEL',
  'HQ_LOG_FILE',
  'HQ_METRICS_TOKEN',
  'HQ_RELEASES_DIR',
  'HQ_SHUTDOWN_TIMEOUT_MS',
  'HQ_ACCESS_LOG_RETENTION_DAYS',
] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HqConfig {
  const problems: string[] = [];
  const get = (name: (typeof KNOWN_VARIABLES)[number]) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (
    name: (typeof KNOWN_VARIABLES)[number],
    fallback: number,
    min: number,
    max: number,
  ) => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const flag = (name: (typeof KNOWN_VARIABLES)[number]) => {
    const raw = get(name);
    if (raw === undefined || raw === '0' || raw === 'false') return false;
    if (raw === '1' || raw === 'true') return true;
    problems.push(`${name} must be 1 or 0 (got "${raw}")`);
    return false;
  };
  const readable = (name: string, file: string) => {
    try {
      accessSync(file, constants.R_OK);
    } catch {
      problems.push(`${name}: cannot read ${file}`);
    }
  };

  const host = get('HQ_HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) {
    problems.push(`HQ_HOST must be an address or host name, e.g. 127.0.0.1 (got "${host}")`);
  }
  const port = int('HQ_PORT', 8787, 0, 65535);
  const dataDir = resolve(get('HQ_DATA_DIR') ?? '.hq-data');

  let database: DatabaseTarget = { kind: 'sqlite', file: resolve(dataDir, 'hq.sqlite') };
  const url = get('DATABASE_URL');
  const poolSize = int('HQ_PG_POOL_SIZE', 10, 1, 200);
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      problems.push('DATABASE_URL must start with postgres:// (unset it to use SQLite)');
    }
    const schema = get('HQ_PG_SCHEMA');
    if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      problems.push(`HQ_PG_SCHEMA must be a plain identifier (got "${schema}")`);
    }
    database = {
      kind: 'postgres',
      url,
      poolSize,
      ...(schema !== undefined ? { schema } : {}),
    };
  } else if (get('HQ_PG_SCHEMA') !== undefined) {
    problems.push('HQ_PG_SCHEMA is set but DATABASE_URL is not');
  }

  const cert = get('HQ_TLS_CERT');
  const key = get('HQ_TLS_KEY');
  if ((cert === undefined) !== (key === undefined)) {
    problems.push('set both HQ_TLS_CERT and HQ_TLS_KEY, or neither');
  } else if (cert !== undefined && key !== undefined) {
    readable('HQ_TLS_CERT', cert);
    readable('HQ_TLS_KEY', key);
  }

  const scheme = cert !== undefined ? 'https' : 'http';
  const publicUrl =
    get('HQ_PUBLIC_URL') ?? `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    const u = new URL(publicUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    problems.push(`HQ_PUBLIC_URL must be an http(s) address, e.g. https://hq.example.org`);
  }

  const level = (get('HQ_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    problems.push(`HQ_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${level}")`);
  }
  const logFile = get('HQ_LOG_FILE');

  const metricsToken = get('HQ_METRICS_TOKEN') ?? null;
  if (metricsToken !== null && metricsToken.length < 16) {
    problems.push('HQ_METRICS_TOKEN must be at least 16 characters');
  }

  const config: HqConfig = {
    host,
    port,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    dataDir,
    database,
    tls: cert && key ? { certFile: cert, keyFile: key } : null,
    rateLimitPerMinute: int('HQ_RATE_LIMIT', 600, 1, 10_000_000),
    enrollRateLimitPerMinute: int('HQ_ENROLL_RATE_LIMIT', 10, 1, 10_000_000),
    testTables: flag('HQ_TEST_TABLES'),
    trustProxy: flag('HQ_TRUST_PROXY'),
    corsOrigins: get('HQ_CORS_ORIGINS')
      ? get('HQ_CORS_ORIGINS')!
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : '*',
    log: { level: level as LogLevel, file: logFile ? resolve(logFile) : null },
    metricsToken,
    releasesDir: resolve(get('HQ_RELEASES_DIR') ?? resolve(dataDir, 'releases')),
    shutdownTimeoutMs: int('HQ_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    // PIPA's safety standards keep access records at least one year (two for large systems).
    accessLogRetentionDays: int('HQ_ACCESS_LOG_RETENTION_DAYS', 730, 365, 36_500),
    warnings: Object.keys(env)
      .filter((k) => k.startsWith('HQ_') && !(KNOWN_VARIABLES as readonly string[]).includes(k))
      .map((k) => `${k} is not a setting HQ knows (a typo?); see docs/operations.md`),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
