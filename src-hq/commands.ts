/**
 * HQ commands (run through cli.ts: `npm run hq -- <command>`).
 *   serve (default)                 start the sync server (env: see docs/sync-protocol.md)
 *   office:create --id … --country … --time-zone … --currency … --language … --name-en … [--name-ko …]
 *   offices:list
 *   enroll:code --office <id> | --hq [--ttl-hours 24]   print a one-time enrollment code
 *   devices:list                    devices with office, last sync and revocation
 *   devices:revoke <deviceId>
 *   tombstones:purge [--days 90]    drop old tombstones; clients behind them reset
 *   partition:new-epoch <officeId|_shared>   after restoring a backup: clients re-download
 *   reports:rebuild                 rebuild the report read models from the synced rows
 */
import { parseArgs } from 'node:util';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../src-shared/i18n/languages';
import type { CurrencyCode, Office } from '../src-shared/offices/seed';
import { createEnrollmentCode } from './auth';
import { ConfigError, loadConfig } from './config';
import { openMigratedDatabase, type HqDatabase } from './db/connect';
import { withWriteTransaction } from './db/transaction';
import { HttpError } from './errors';
import { listDevices, revokeDevice } from './repositories/devices';
import {
  createOffice,
  ensureSeedOffices,
  listOffices,
  listPartitionIds,
  rotateEpoch,
} from './repositories/offices';
import { purgeTombstones } from './repositories/records';
import { rebuildReports } from './reports/projection';
import { buildServer, registryFor } from './server';

const CURRENCIES: readonly CurrencyCode[] = ['KRW', 'JPY', 'CNY', 'VND', 'USD'];
const DAY_MS = 24 * 60 * 60 * 1000;

export class UsageError extends Error {}

export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

/** A running server (from `serve`); `close()` stops it and closes the database. */
export interface RunningServer {
  address: string;
  close(): Promise<void>;
}

async function serve(io: CommandIo): Promise<RunningServer> {
  const config = loadConfig(io.env);
  const hq = await openMigratedDatabase(config.database);
  const app = await buildServer({
    hq,
    registry: registryFor(config.testTables),
    rateLimitPerMinute: config.rateLimitPerMinute,
    enrollRateLimitPerMinute: config.enrollRateLimitPerMinute,
    tls: config.tls,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    logger: true,
  });
  try {
    const address = await app.listen({ host: config.host, port: config.port });
    io.out(`Bridgehead HQ listening on ${address} (${hq.dialect})`);
    return {
      address,
      close: async () => {
        await app.close();
        await hq.destroy();
      },
    };
  } catch (e) {
    await app.close();
    await hq.destroy();
    throw e;
  }
}

async function withDbIo<T>(io: CommandIo, fn: (hq: HqDatabase) => Promise<T>): Promise<T> {
  const hq = await openMigratedDatabase(loadConfig(io.env).database);
  try {
    await ensureSeedOffices(hq.db);
    return await fn(hq);
  } finally {
    await hq.destroy();
  }
}

function officeFromArgs(args: string[], io: CommandIo): Office {
  const nameOptions = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((l) => [`name-${l}`, { type: 'string' as const }]),
  );
  const { values } = parseArgs({
    args,
    options: {
      id: { type: 'string' },
      country: { type: 'string' },
      'time-zone': { type: 'string' },
      currency: { type: 'string' },
      language: { type: 'string' },
      hq: { type: 'boolean', default: false },
      ...nameOptions,
    },
  });
  const v = values as Record<string, string | boolean | undefined>;
  const id = String(v.id ?? '');
  if (!/^[a-z][a-z0-9-]{1,40}$/.test(id))
    throw new UsageError('--id: lowercase letters, digits, -');
  const country = String(v.country ?? '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError('--country: ISO 3166-1 alpha-2, e.g. JP');
  const timeZone = String(v['time-zone'] ?? '');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new UsageError('--time-zone: an IANA zone, e.g. Asia/Tokyo');
  }
  const currency = String(v.currency ?? '') as CurrencyCode;
  if (!CURRENCIES.includes(currency))
    throw new UsageError(`--currency: one of ${CURRENCIES.join(', ')}`);
  const language = String(v.language ?? '');
  if (!isLanguage(language))
    throw new UsageError(`--language: one of ${SUPPORTED_LANGUAGES.join(', ')}`);
  const nameEn = v['name-en'];
  if (typeof nameEn !== 'string' || !nameEn.trim()) throw new UsageError('--name-en is required');
  const names = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((l) => {
      const n = v[`name-${l}`];
      if (typeof n !== 'string' || !n.trim()) {
        io.err(`warning: no --name-${l}; using the English name`);
        return [l, nameEn];
      }
      return [l, n];
    }),
  ) as Record<Language, string>;
  return {
    id,
    kind: v.hq ? 'hq' : 'overseas',
    country,
    timeZone,
    currency,
    localLanguage: language,
    names,
  };
}

/**
 * Runs one command. Returns the running server for `serve`; throws UsageError,
 * ConfigError or HttpError for bad input (the CLI prints them and exits 2).
 */
export async function runCommand(argv: string[], io: CommandIo): Promise<RunningServer | void> {
  const print = (line: string) => io.out(line);
  const withDb = <T>(fn: (hq: HqDatabase) => Promise<T>) => withDbIo(io, fn);
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(io);
    case 'office:create': {
      const office = officeFromArgs(rest, io);
      await withDb((hq) => createOffice(hq.db, office));
      return print(`office created: ${office.id}`);
    }
    case 'offices:list':
      return withDb(async (hq) => {
        for (const o of await listOffices(hq.db)) {
          print(
            `${o.id}\t${o.kind}\t${o.country}\t${o.time_zone}\t${o.currency}\tseq=${o.next_seq - 1}`,
          );
        }
      });
    case 'enroll:code': {
      const { values } = parseArgs({
        args: rest,
        options: {
          office: { type: 'string' },
          hq: { type: 'boolean', default: false },
          'ttl-hours': { type: 'string', default: '24' },
        },
      });
      if ((values.office === undefined) === !values.hq) {
        throw new UsageError('enroll:code needs exactly one of --office <id> or --hq');
      }
      const ttl = Number(values['ttl-hours']);
      if (!(ttl > 0 && ttl <= 24 * 30)) throw new UsageError('--ttl-hours: 1..720');
      const code = await withDb((hq) =>
        createEnrollmentCode(
          hq,
          values.hq ? null : values.office!,
          Date.now(),
          ttl * 60 * 60 * 1000,
        ),
      );
      print(code);
      return;
    }
    case 'devices:list':
      return withDb(async (hq) => {
        print('id\tname\toffice\tlast sync\trevoked');
        for (const d of await listDevices(hq.db)) {
          const iso = (t: number | null) => (t === null ? '-' : new Date(t).toISOString());
          print(
            `${d.id}\t${d.name}\t${d.officeId ?? 'HQ'}\t${iso(d.lastSyncAt)}\t${iso(d.revokedAt)}`,
          );
        }
      });
    case 'devices:revoke': {
      const id = rest[0];
      if (!id) throw new UsageError('devices:revoke <deviceId>');
      const ok = await withDb((hq) => revokeDevice(hq.db, id));
      if (!ok) throw new UsageError(`No such device: ${id}`);
      return print(`revoked: ${id}`);
    }
    case 'tombstones:purge': {
      const { values } = parseArgs({
        args: rest,
        options: { days: { type: 'string', default: '90' } },
      });
      const days = Number(values.days);
      if (!(days >= 1)) throw new UsageError('--days: at least 1');
      return withDb(async (hq) => {
        for (const p of await listPartitionIds(hq.db)) {
          const n = await withWriteTransaction(hq, (trx) =>
            purgeTombstones(trx, p, Date.now() - days * DAY_MS),
          );
          if (n > 0) print(`${p}: purged ${n} tombstones`);
        }
      });
    }
    case 'partition:new-epoch': {
      const id = rest[0];
      if (!id) throw new UsageError('partition:new-epoch <officeId|_shared>');
      const epoch = await withDb((hq) => rotateEpoch(hq.db, id));
      return print(`${id}: new epoch ${epoch}`);
    }
    case 'reports:rebuild':
      return withDb(async (hq) => {
        const { records } = await withWriteTransaction(hq, (trx) =>
          rebuildReports(trx, hq.dialect),
        );
        print(`reports rebuilt from ${records} records`);
      });
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

export function isUsageError(e: unknown): boolean {
  return e instanceof UsageError || e instanceof ConfigError || e instanceof HttpError;
}
