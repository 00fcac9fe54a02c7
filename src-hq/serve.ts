/**
 * `hq serve`: opens and migrates the database, starts the HTTP server, and stops it
 * gracefully: readiness goes to 503 first (a load balancer sends laptops elsewhere),
 * requests in flight finish, then the database closes.
 */
import type { HqConfig } from './config';
import { openMigratedDatabase } from './db/connect';
import type { Lifecycle } from './ops/routes';
import { buildServer, registryFor } from './server';
import { startAccessLogPurge } from './audit/retention-job';

export class PortInUseError extends Error {}

/** A running server; `close()` drains requests and closes the database. */
export interface RunningServer {
  address: string;
  /** How long a SIGTERM may wait for close() (HQ_SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
  close(): Promise<void>;
}

export async function serve(
  config: HqConfig,
  io: { out(line: string): void; err(line: string): void },
): Promise<RunningServer> {
  for (const w of config.warnings) io.err(`warning: ${w}`);
  const hq = await openMigratedDatabase(config.database);
  const lifecycle: Lifecycle = { closing: false };
  const app = await buildServer({
    hq,
    registry: registryFor(config.testTables),
    rateLimitPerMinute: config.rateLimitPerMinute,
    enrollRateLimitPerMinute: config.enrollRateLimitPerMinute,
    tls: config.tls,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    logger: config.log,
    metricsToken: config.metricsToken,
    lifecycle,
    releasesDir: config.releasesDir,
  }).catch(async (e: unknown) => {
    await hq.destroy();
    throw e;
  });
  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    await app.close();
    await hq.destroy();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(
        `port ${config.port} on ${config.host} is already in use (EADDRINUSE): another HQ or ` +
          `program is listening there. Stop it, or set HQ_PORT to a free port (e.g. HQ_PORT=8788).`,
      );
    }
    if ((e as NodeJS.ErrnoException).code === 'EACCES') {
      throw new PortInUseError(
        `not allowed to listen on port ${config.port} (EACCES): ports below 1024 need ` +
          `privileges; set HQ_PORT to 1024 or above and put a reverse proxy in front.`,
      );
    }
    throw e;
  }
  io.out(`Bridgehead HQ listening on ${address} (${hq.dialect})`);
  const stopPurge = startAccessLogPurge(hq, config.accessLogRetentionDays, (line) => io.out(line));
  if (config.log.file) io.out(`Request log: ${config.log.file}`);
  let closing: Promise<void> | null = null;
  return {
    address,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    close() {
      closing ??= (async () => {
        lifecycle.closing = true;
        stopPurge();
        try {
          await app.close();
        } finally {
          await hq.destroy();
        }
      })();
      return closing;
    },
  };
}
