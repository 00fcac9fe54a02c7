/**
 * Access records (issue 14):
 * - privacy.audit_push_entries_per_s: HQ accepting chained entries on POST /v1/access-log
 *   (SQLite, in-process inject, batches of 500 from one laptop, chain verified on arrival),
 *   median over rounds. Goal > 5,000.
 * (privacy.audit_entry_ms_p95, one entry written in Chromium's IndexedDB: chromium.ts, page/privacy.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedDatabase } from '../../src-hq/db/connect';
import { buildServer } from '../../src-hq/server';
import { createEnrollmentCode, enrollDevice } from '../../src-hq/auth';
import { ACCESS_LOG_PATHS, GENESIS_HASH, sealEntry, type AccessEntry } from '@shared/audit';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@shared/sync/protocol';
import { median, type Bench } from './types';

const BATCH = 500;

function chain(n: number): AccessEntry[] {
  const out: AccessEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = sealEntry({
      v: 1,
      seq: i,
      at: 1_800_000_000_000 + i * 1000,
      deviceId: 'bench',
      officeId: 'tokyo',
      staffId: 'staff-1',
      staffName: 'Kim Minji',
      action: 'view',
      object: 'buyer',
      format: null,
      subjects: [{ kind: 'buyer', ids: [`buyer-${i}`] }],
      count: 1,
      reason: null,
      prevHash,
    });
    out.push(e);
    prevHash = e.hash;
  }
  return out;
}

export const privacyBench: Bench = async ({ quick }) => {
  const batches = quick ? 6 : 40;
  const dir = mkdtempSync(join(tmpdir(), 'bench-privacy-'));
  const hq = await openMigratedDatabase({ kind: 'sqlite', file: join(dir, 'hq.sqlite') });
  try {
    const app = await buildServer({ hq, rateLimitPerMinute: 1_000_000, metrics: false });
    const code = await createEnrollmentCode(hq, 'tokyo');
    const { credential } = await enrollDevice(hq, code, 'bench laptop');
    const headers = {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      'content-type': 'application/json',
      authorization: `Bearer ${credential}`,
    };
    const entries = chain(batches * BATCH);
    const rates: number[] = [];
    for (let b = 0; b < batches; b++) {
      const payload = JSON.stringify({ entries: entries.slice(b * BATCH, (b + 1) * BATCH) });
      const t0 = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: ACCESS_LOG_PATHS.push,
        headers,
        payload,
      });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`access-log push: ${res.statusCode} ${res.body}`);
      if (b > 0) rates.push((BATCH / ms) * 1000); // the first batch warms up
    }
    await app.close();
    return [
      {
        name: 'privacy.audit_push_entries_per_s',
        value: Math.round(median(rates)),
        unit: 'entries/s',
        target: '> 5000',
        note: `SQLite, ${batches} batches of ${BATCH} chained entries from one laptop, median after 1 warm-up`,
      },
    ];
  } finally {
    await hq.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
};
