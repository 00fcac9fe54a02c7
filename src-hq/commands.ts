/**
 * HQ commands (run through cli.ts: `npm run hq -- <command>`, or `node hq.mjs <command>` in
 * the built bundle). `help` prints the table below; docs/operations.md explains each.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '@shared/i18n/languages';
import type { CurrencyCode, Office } from '@shared/offices/seed';
import { MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, idleMinutesSchema } from '@shared/security/app-lock';
import { issueEnrollmentCode } from './auth';
import { appLockIdleMinutes, setAppLockIdleMinutes } from './repositories/policies';
import { ConfigError, loadConfig } from './config';
import { COMMAND_HELP, helpText } from './command-help';
import { backupDatabase } from './backup/backup';
import { RestoreError, restoreDatabase } from './backup/restore';
import {
  ReleaseError,
  listReleases,
  publishRelease,
  setPaused,
  setRollout,
  withdrawRelease,
} from './releases/releases';
import { PortInUseError, serve, type RunningServer } from './serve';
import { openMigratedDatabase, type HqDatabase } from './db/connect';
import { purgeAccessLog } from './audit/store';
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
import { listRecordIdClashes, purgeTombstones } from './repositories/records';
import { rebuildReports } from './reports/projection';
import {
  countDemoRecords,
  purgeDemoRecords,
  type DemoRecordCount,
} from './repositories/demo-records';

const CURRENCIES: readonly CurrencyCode[] = ['KRW', 'JPY', 'CNY', 'VND', 'USD'];
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export class UsageError extends Error {}

export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

export type { RunningServer };

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
  if (rest.includes('--help') || rest.includes('-h')) return print(helpText(command));
  switch (command) {
    case 'help':
    case '--help':
    case '-h':
      return print(helpText(rest[0]));
    case 'serve':
      return serve(loadConfig(io.env), io);
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
          person: { type: 'string' },
          staff: { type: 'string' },
          'ttl-hours': { type: 'string', default: '24' },
        },
      });
      if ((values.office === undefined) === !values.hq) {
        throw new UsageError('enroll:code needs exactly one of --office <id> or --hq');
      }
      const ttl = Number(values['ttl-hours']);
      if (!(Number.isInteger(ttl) && ttl > 0 && ttl <= 24 * 30)) {
        throw new UsageError('--ttl-hours: a whole number from 1 to 720');
      }
      const person = values.person?.trim() || null;
      if (person !== null && person.length > 120)
        throw new UsageError('--person: at most 120 characters');
      const staffId = values.staff?.trim() || null;
      if (person !== null && staffId !== null) {
        throw new UsageError('enroll:code takes --person (someone new) or --staff <id>, not both');
      }
      const config = loadConfig(io.env);
      const createdAt = Date.now();
      const { code, staff, office } = await withDb(async (hq) => {
        const officeId = values.hq ? null : values.office!;
        const choice = staffId !== null ? { staffId } : person !== null ? { name: person } : null;
        const { code, staff } = await issueEnrollmentCode(
          hq,
          officeId,
          createdAt,
          ttl * HOUR_MS,
          choice,
        ).catch((e: unknown) => {
          if (e instanceof HttpError && e.code === 'not_found') {
            throw new UsageError(`--staff: no staff member ${staffId} (see devices:list)`);
          }
          throw e;
        });
        const office =
          officeId === null ? undefined : (await listOffices(hq.db)).find((o) => o.id === officeId);
        return { code, staff, office };
      });
      const officeLine = office
        ? `${(JSON.parse(office.names) as Record<string, string>).en ?? office.id} (${office.id})`
        : 'HQ device (reads every office)';
      print(`Enrollment code for a laptop of ${officeLine}`);
      print(`  Code:         ${code}`);
      print(
        `  For:          ${staff ? `${staff.name} (staff id ${staff.id})` : '(nobody named: add --person "<name>", or --staff <id> for someone HQ knows)'}`,
      );
      print(`  Valid until:  ${formatInstant(createdAt + ttl * HOUR_MS)} (${ttl} h, one use)`);
      print(`  HQ address:   ${config.publicUrl}`);
      if (/^https?:\/\/(127\.|localhost|\[::1\])/.test(config.publicUrl)) {
        io.err(
          'warning: that address only works on this machine; set HQ_PUBLIC_URL to the address laptops reach (e.g. https://hq.example.org)',
        );
      }
      print('On the laptop: Sync > Link to HQ, type the HQ address and the code.');
      return;
    }
    case 'devices:list':
      return withDb(async (hq) => {
        // revoked by: hq (Laptops screen, devices:revoke), device (it unlinked), relink.
        print('id\tname\toffice\tlast sync\trevoked\trevoked by\tapp version\tperson\tstaff id');
        for (const d of await listDevices(hq.db)) {
          const iso = (t: number | null) => (t === null ? '-' : new Date(t).toISOString());
          print(
            [
              d.id,
              d.name,
              d.officeId ?? 'HQ',
              iso(d.lastSyncAt),
              iso(d.revokedAt),
              d.revokedBy ?? '-',
              d.appVersion ?? '-',
              d.staffName ?? '-',
              d.staffId ?? '-',
            ].join('\t'),
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
    case 'access-log:purge': {
      const { values } = parseArgs({ args: rest, options: { days: { type: 'string' } } });
      const days =
        values.days === undefined ? loadConfig(io.env).accessLogRetentionDays : Number(values.days);
      if (!(Number.isInteger(days) && days >= 365)) {
        throw new UsageError('--days: a whole number of days, at least 365');
      }
      const { entries, flags } = await withDb((hq) => purgeAccessLog(hq, Date.now(), days));
      return print(
        `access records: purged ${entries} entries and ${flags} chain flags older than ${days} days`,
      );
    }
    case 'partition:new-epoch': {
      const id = rest[0];
      if (!id) throw new UsageError('partition:new-epoch <officeId|_shared>');
      const epoch = await withDb((hq) => rotateEpoch(hq.db, id));
      return print(`${id}: new epoch ${epoch}`);
    }
    case 'backup': {
      const file = rest[0];
      if (!file || file.startsWith('-')) throw new UsageError('backup <file>');
      const target = resolve(file);
      if (existsSync(target)) throw new UsageError(`${target} exists: choose a new file name`);
      const r = await withDb((hq) => backupDatabase(hq, target));
      const mb = r.bytes / 1e6;
      print(
        `backup written: ${r.file} (${r.kind === 'dump' ? 'dump' : 'SQLite database file'}, ` +
          `${mb.toFixed(1)} MB${r.rows !== null ? `, ${r.rows} rows` : ''}) in ` +
          `${(r.ms / 1000).toFixed(1)} s (${(mb / (r.ms / 1000)).toFixed(1)} MB/s)`,
      );
      return;
    }
    case 'restore': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { yes: { type: 'boolean', default: false } },
      });
      const file = positionals[0];
      if (!file) throw new UsageError('restore <file> --yes');
      if (!values.yes) {
        throw new UsageError(
          'restore replaces every record HQ holds with the backup: stop every HQ process, then ' +
            'run it again with --yes (laptops send back what the backup lacks)',
        );
      }
      const r = await restoreDatabase(loadConfig(io.env).database, resolve(file));
      print(
        `restored ${r.rows} rows from ${file} in ${(r.ms / 1000).toFixed(1)} s; ` +
          `${r.partitions} partitions have a new epoch, so every laptop sends back what HQ lacks ` +
          `at its next sync.`,
      );
      if (r.devicesKept > 0) print(`${r.devicesKept} laptops linked after the backup were kept.`);
      if (r.codesExpired > 0) {
        print(`${r.codesExpired} unused enrollment codes expired: make new ones (enroll:code).`);
      }
      return;
    }
    case 'releases:publish': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { percent: { type: 'string', default: '100' }, notes: { type: 'string' } },
      });
      const folder = positionals[0];
      if (!folder) throw new UsageError('releases:publish <folder> [--percent 100] [--notes "…"]');
      const percent = percentArg(values.percent);
      const config = loadConfig(io.env);
      const r = await withDb((hq) =>
        publishRelease(hq.db, config.releasesDir, resolve(folder), {
          percent,
          notes: values.notes ?? null,
          now: Date.now(),
        }),
      );
      print(
        `published ${r.version} (${r.channels.join(', ')}; ${r.files.length} files checked against their sha512)`,
      );
      print(
        `offered to ${percent}% of laptops; change with releases:rollout ${r.version} --percent N [--office <id>]`,
      );
      return;
    }
    case 'releases:list':
      return withDb(async (hq) => {
        const releases = await listReleases(hq.db);
        const devices = await listDevices(hq.db);
        print('version\tpublished\trollout\tstate\tlaptops on it');
        for (const r of releases) {
          const offices = Object.entries(r.officePercents).map(([o, p]) => `${o}=${p}%`);
          const state = r.withdrawn ? 'withdrawn' : r.paused ? 'paused' : 'offered';
          const on = devices.filter(
            (d) => d.revokedAt === null && d.appVersion === r.version,
          ).length;
          print(
            [
              r.version,
              new Date(r.publishedAt).toISOString(),
              [`${r.percent}%`, ...offices].join(' '),
              state,
              on,
            ].join('\t'),
          );
        }
      });
    case 'releases:rollout': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { percent: { type: 'string' }, office: { type: 'string' } },
      });
      const version = positionals[0];
      if (!version || values.percent === undefined) {
        throw new UsageError('releases:rollout <version> --percent <0-100> [--office <id>]');
      }
      const percent = percentArg(values.percent);
      await withDb((hq) => setRollout(hq.db, version, percent, values.office ?? null));
      return print(
        `${version}: offered to ${percent}% of ${values.office ? `${values.office}'s laptops` : 'laptops'}`,
      );
    }
    case 'releases:pause':
    case 'releases:resume': {
      const version = rest[0];
      if (!version) throw new UsageError(`${command} <version>`);
      await withDb((hq) => setPaused(hq.db, version, command === 'releases:pause'));
      return print(
        `${version}: ${command === 'releases:pause' ? 'paused (offered to no laptop)' : 'offered again'}`,
      );
    }
    case 'releases:rollback': {
      const version = rest[0];
      if (!version) throw new UsageError('releases:rollback <version>');
      await withDb((hq) => withdrawRelease(hq.db, version, Date.now()));
      print(
        `${version}: withdrawn. Laptops are offered the previous release; those that installed ${version} keep it`,
      );
      return print(
        'until you publish a higher version (an app is never downgraded: that could lose local data).',
      );
    }
    case 'records:clashes':
      return withDb(async (hq) => {
        const clashes = await listRecordIdClashes(hq.db);
        if (clashes.length === 0) return print('no record id clashes: nothing was moved aside');
        print('table\tid\toffice\tmoved at\tkept by');
        for (const c of clashes) {
          print(
            [c.tbl, c.id, c.officeId, new Date(c.movedAt).toISOString(), c.keptBy ?? '-'].join(
              '\t',
            ),
          );
        }
        print(
          `${clashes.length} rows moved aside (record_id_clashes): each office's laptop still ` +
            'holds its copy; re-create the record there under a new id if it is still wanted',
        );
      });
    case 'demo:purge': {
      const { values } = parseArgs({
        args: rest,
        options: { yes: { type: 'boolean', default: false } },
      });
      return withDb(async (hq) => {
        const counts = values.yes ? await purgeDemoRecords(hq) : await countDemoRecords(hq.db);
        if (counts.length === 0) return print('no demo records at HQ: nothing to delete');
        const total = counts.reduce((n, c) => n + c.records, 0);
        print(values.yes ? 'deleted:' : 'demo records at HQ (ids starting demo-):');
        printDemoCounts(counts, print);
        if (values.yes) {
          return print(
            `${total} demo records deleted; laptops drop them at their next sync, ` +
              'the reports no longer count them',
          );
        }
        return print(
          `${total} demo records; nothing changed (dry run). Delete them with: demo:purge --yes`,
        );
      });
    }
    case 'policy:app-lock': {
      const { values } = parseArgs({
        args: rest,
        options: { 'idle-minutes': { type: 'string' } },
      });
      const raw = values['idle-minutes'];
      if (raw === undefined) {
        return withDb(async (hq) =>
          print(`app lock: after ${await appLockIdleMinutes(hq)} minutes without use`),
        );
      }
      const minutes = Number(raw);
      if (!idleMinutesSchema.safeParse(minutes).success) {
        throw new UsageError(
          `--idle-minutes: a whole number from ${MIN_IDLE_MINUTES} to ${MAX_IDLE_MINUTES}`,
        );
      }
      return withDb(async (hq) => {
        await setAppLockIdleMinutes(hq, minutes);
        print(`app lock: after ${minutes} minutes without use, on every laptop from its next sync`);
      });
    }
    case 'reports:rebuild':
      return withDb(async (hq) => {
        const { records } = await withWriteTransaction(hq, (trx) =>
          rebuildReports(trx, hq.dialect),
        );
        print(`reports rebuilt from ${records} records`);
      });
    default:
      throw new UsageError(
        `Unknown command: ${command}. Commands: ${Object.keys(COMMAND_HELP).join(', ')} (npm run hq -- help)`,
      );
  }
}

export function isUsageError(e: unknown): boolean {
  return (
    e instanceof UsageError ||
    e instanceof ConfigError ||
    e instanceof HttpError ||
    e instanceof PortInUseError ||
    e instanceof RestoreError ||
    e instanceof ReleaseError
  );
}

/** office, table, count: one line each, with a header. */
function printDemoCounts(counts: readonly DemoRecordCount[], print: (line: string) => void) {
  print('office\ttable\trecords');
  for (const c of counts) print(`${c.officeId}\t${c.tbl}\t${c.records}`);
}

function percentArg(raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new UsageError('--percent: 0 to 100');
  return n;
}

/** An instant in this machine's time zone, with the zone's name. */
function formatInstant(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}
