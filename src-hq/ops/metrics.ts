/**
 * Prometheus metrics (prom-client) for `/metrics`: requests and latencies per route, push
 * and pull sizes, errors by code, each office's last sync, the database pool, and Node's
 * own process metrics. One registry per server instance (tests start many servers).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HqDatabase } from '../db/connect';

export interface HqMetrics {
  readonly registry: Registry;
  /** One finished HTTP request (route = the route's pattern, never the raw URL). */
  request(method: string, route: string, status: number, seconds: number): void;
  push(mutations: number, applied: number): void;
  pull(rows: number, bytes: number): void;
  error(code: string): void;
}

export function createMetrics(hq: HqDatabase): HqMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'bridgehead_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'bridgehead_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const pushMutations = new Histogram({
    name: 'bridgehead_push_mutations',
    help: 'Changes carried by one push',
    buckets: [1, 5, 25, 100, 250, 500],
    registers: [registry],
  });
  const pushApplied = new Counter({
    name: 'bridgehead_push_records_applied_total',
    help: 'Records that changed at HQ because of pushes (replays change nothing)',
    registers: [registry],
  });
  const pullRows = new Histogram({
    name: 'bridgehead_pull_rows',
    help: 'Rows in one pull page',
    buckets: [0, 1, 10, 50, 100, 250, 500],
    registers: [registry],
  });
  const pullBytes = new Histogram({
    name: 'bridgehead_pull_response_bytes',
    help: 'Size of one pull reply before compression',
    buckets: [1024, 16_384, 131_072, 524_288, 1_048_576, 2_097_152],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'bridgehead_errors_total',
    help: 'Error answers by code (server_error = a bug or the database failing)',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'bridgehead_office_last_sync_timestamp_seconds',
    help: "Latest sync of any of the office's laptops (HQ devices: office 'hq')",
    labelNames: ['office'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await hq.db
        .selectFrom('devices')
        .select(['office_id', (eb) => eb.fn.max('last_sync_at').as('last')])
        .where('revoked_at', 'is', null)
        .groupBy('office_id')
        .execute();
      for (const r of rows) {
        if (r.last !== null) this.set({ office: r.office_id ?? 'hq' }, Number(r.last) / 1000);
      }
    },
  });
  new Gauge({
    name: 'bridgehead_db_pool_connections',
    help: 'Database pool connections by state (PostgreSQL; SQLite has one connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = hq.poolStats();
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  return {
    registry,
    request(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ route }, seconds);
    },
    push(mutations, applied) {
      pushMutations.observe(mutations);
      pushApplied.inc(applied);
    },
    pull(rows, bytes) {
      pullRows.observe(rows);
      pullBytes.observe(bytes);
    },
    error(code) {
      errors.inc({ code });
    },
  };
}
