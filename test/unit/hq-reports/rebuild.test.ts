/**
 * `npm run hq -- reports:rebuild` and the migration backfill: the read models are rebuilt
 * from the synced rows in `records`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { REPORT_PATHS } from '@shared/reports/api';
import { runCommand } from '../../../src-hq/commands';
import { openMigratedDatabase } from '../../../src-hq/db/connect';
import { startServer } from '../hq/harness';

const NOW = 1_800_000_000_000;
const t = (n: number) =>
  formatHlc({ millis: NOW - 1000 + n, counter: 0, node: 'cccccccccccccccc' });

describe('reports:rebuild', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hq-reports-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds the report tables from records', async () => {
    const file = join(dir, 'hq.sqlite');
    let hq = await openMigratedDatabase({ kind: 'sqlite', file });
    const server = await startServer(hq, { now: () => NOW, registry: DEFAULT_TABLE_REGISTRY });
    const { auth } = await server.enroll('tokyo');
    const hqAuth = (await server.enroll(null)).auth;
    const res = await server.post('/v1/push', auth, {
      clientId: 'tokyo-rebuild-1',
      mutations: [
        {
          mid: 1,
          tbl: 'buyers',
          id: 'b1',
          fields: {
            nameNative: ['山田商事', t(1)],
            country: ['JP', t(1)],
            officeId: ['tokyo', t(1)],
          },
        },
        {
          mid: 2,
          tbl: 'tradeTalks',
          id: 't1',
          fields: {
            officeId: ['tokyo', t(2)],
            buyerId: ['b1', t(2)],
            smeFirmId: ['f1', t(2)],
            startsAt: ['2025-03-01T00:00:00.000Z', t(2)],
            timeZone: ['Asia/Tokyo', t(2)],
            // As the app stores it (HQ checks every field against the domain schema).
            contract: [
              {
                amount: { amountMinor: 1500, currency: 'JPY' },
                usd: { amountMinor: 1000, currency: 'USD' },
                fx: {
                  month: '2025-03',
                  rateMonth: '2025-03',
                  perUsd: '150',
                  source: 'builtin-default',
                  tableVersion: 'builtin-2025',
                },
              },
              t(2),
            ],
          },
        },
      ],
    });
    expect(res.status).toBe(200);
    const body = { from: '2025-03', to: '2025-03' };
    const before = (await server.post(REPORT_PATHS.headline, hqAuth, body)).json.current;
    expect(before).toMatchObject({
      talksHeld: 1,
      buyersMet: 1,
      contracted: { usdMinor: expect.any(Number) },
    });
    // Lose the read models (e.g. restored from an old backup) …
    for (const table of [
      'report_money_cells',
      'report_province_buyer_months',
      'report_talks',
    ] as const) {
      await hq.db.deleteFrom(table).execute();
    }
    expect((await server.post(REPORT_PATHS.headline, hqAuth, body)).json.current.talksHeld).toBe(0);
    await server.app.close();
    await hq.destroy();
    // … and rebuild them from the command line.
    const lines: string[] = [];
    await runCommand(['reports:rebuild'], {
      env: { HQ_DATA_DIR: dir },
      out: (l) => lines.push(l),
      err: () => undefined,
    });
    expect(lines.join('\n')).toMatch(/rebuilt from 2 records/);
    hq = await openMigratedDatabase({ kind: 'sqlite', file });
    const again = await startServer(hq, { now: () => NOW, registry: DEFAULT_TABLE_REGISTRY });
    const after = (await again.post(REPORT_PATHS.headline, hqAuth, body)).json.current;
    expect(after).toEqual(before);
    await again.app.close();
    await hq.destroy();
  });
});
