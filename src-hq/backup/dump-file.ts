/**
 * HQ's logical backup file (`hq backup` on PostgreSQL): gzip-compressed JSON lines.
 *   {"format":"bridgehead-hq-backup","version":1,...header}
 *   {"table":"records","columns":["office_id","tbl",...]}
 *   ["tokyo","buyers","…",...]              one line per row, values in column order
 *   …
 *   {"end":true,"rows":12345}               a file without it was cut short: refused
 * Plain JSON values (text, numbers, null) are all HQ's columns hold, so the file restores
 * into SQLite as well as PostgreSQL.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { Dialect } from '../db/connect';

export const DUMP_FORMAT = 'bridgehead-hq-backup';
export const DUMP_VERSION = 1;

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: number;
  dialect: Dialect;
  createdAt: number;
  /** Migrations the backed-up schema had (restore migrates the rest). */
  migrations: string[];
}

export interface DumpWriter {
  table(name: string, columns: string[]): Promise<void>;
  row(values: unknown[]): Promise<void>;
  /** Writes the end marker and closes the file. */
  finish(): Promise<{ rows: number }>;
  /** Closes the file without the end marker (a failed backup never looks whole). */
  abort(): Promise<void>;
}

export function writeDump(file: string, header: DumpHeader): DumpWriter {
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(file);
  gzip.pipe(out);
  let rows = 0;
  const line = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  const close = async () => {
    gzip.end();
    await once(out, 'close');
  };
  const first = line(header);
  return {
    async table(name, columns) {
      await first;
      await line({ table: name, columns });
    },
    async row(values) {
      rows++;
      await line(values);
    },
    async finish() {
      await first;
      await line({ end: true, rows });
      await close();
      return { rows };
    },
    async abort() {
      await close().catch(() => undefined);
    },
  };
}

export class DumpError extends Error {}

export type DumpItem =
  { kind: 'table'; name: string; columns: string[] } | { kind: 'row'; values: unknown[] };

/** Reads a dump: the header first, then tables and rows; throws DumpError if cut short. */
export async function readDump(
  file: string,
): Promise<{ header: DumpHeader; items: AsyncGenerator<DumpItem> }> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  })[Symbol.asyncIterator]();
  const first = await lines.next().catch(() => ({ done: true, value: '' }) as const);
  let header: DumpHeader;
  try {
    header = JSON.parse(first.done ? '' : first.value) as DumpHeader;
  } catch {
    throw new DumpError(`${file} is not an HQ backup (not a gzip file of JSON lines)`);
  }
  if (header.format !== DUMP_FORMAT) throw new DumpError(`${file} is not an HQ backup`);
  if (header.version > DUMP_VERSION) {
    throw new DumpError(`${file} was written by a newer HQ (format ${header.version})`);
  }
  async function* items(): AsyncGenerator<DumpItem> {
    let rows = 0;
    for (;;) {
      const next = await lines.next().catch((e: unknown) => {
        throw new DumpError(`${file} is damaged: ${String(e)}`);
      });
      if (next.done) throw new DumpError(`${file} is incomplete (no end marker): refused`);
      const value = JSON.parse(next.value) as unknown;
      if (Array.isArray(value)) {
        rows++;
        yield { kind: 'row', values: value };
      } else {
        const v = value as { table?: string; columns?: string[]; end?: boolean; rows?: number };
        if (v.end) {
          if (v.rows !== rows) throw new DumpError(`${file}: ${rows} rows, expected ${v.rows}`);
          return;
        }
        yield { kind: 'table', name: v.table!, columns: v.columns! };
      }
    }
  }
  return { header, items: items() };
}
