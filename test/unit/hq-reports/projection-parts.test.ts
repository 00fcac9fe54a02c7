/**
 * The parts of the push → report path on their own: the push with the projectors it is
 * given (and none: records only), the fx-rates policy in the sync layer, and the two
 * upsert helpers every projection writes through, on SQLite and PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import type { PushRequest } from '@shared/sync/protocol';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { HttpError } from '../../../src-hq/errors';
import type { Device } from '../../../src-hq/repositories/devices';
import { withWriteTransaction } from '../../../src-hq/db/transaction';
import { addToCounters, upsertRows } from '../../../src-hq/reports/projection/upsert';
import { REPORT_PROJECTORS } from '../../../src-hq/reports/projectors';
import { checkFxRatesChange } from '../../../src-hq/sync/policy';
import type { ChangedRecord, PushProjector } from '../../../src-hq/sync/projectors';
import { applyPush } from '../../../src-hq/sync/push';
import { BACKENDS, startServer } from '../hq/harness';

const NOW = 1_800_000_000_000;
const hlc = (n: number) =>
  formatHlc({ millis: NOW - 1000 + n, counter: 0, node: 'dddddddddddddddd' });

const hqDevice: Device = {
  id: 'd-hq',
  name: 'HQ',
  officeId: null,
  createdAt: 0,
  lastSyncAt: null,
  revokedAt: null,
  revokedBy: null,
  appVersion: null,
  staffId: null,
  staffName: null,
};

describe('fx rates policy (sync layer)', () => {
  it('refuses an office device with 403 and a malformed HQ change with 400', () => {
    const code = (f: () => void) => {
      try {
        f();
        return null;
      } catch (e) {
        return e instanceof HttpError ? `${e.statusCode} ${e.code}` : String(e);
      }
    };
    const fields = { month: ['2025-03', hlc(1)] as [unknown, string] };
    expect(
      code(() =>
        checkFxRatesChange({ ...hqDevice, officeId: 'tokyo' }, 'fxRates', '2025-03', fields),
      ),
    ).toBe('403 fx_rates_hq_only');
    expect(code(() => checkFxRatesChange(hqDevice, 'fxRates', 'March', {}))).toBe(
      '400 validation_failed',
    );
    expect(code(() => checkFxRatesChange(hqDevice, 'fxRates', '2025-04', fields))).toBe(
      '400 validation_failed',
    );
    expect(code(() => checkFxRatesChange(hqDevice, 'fxRates', '2025-03', fields))).toBeNull();
    // Other tables are not its business.
    expect(
      code(() => checkFxRatesChange({ ...hqDevice, officeId: 'tokyo' }, 'buyers', 'x', {})),
    ).toBeNull();
  });
});

for (const backend of BACKENDS) {
  describe(`push projectors and upserts (${backend.name})`, () => {
    let cleanup: (() => Promise<void>) | null = null;
    afterEach(async () => {
      await cleanup?.();
      cleanup = null;
    });

    async function openWithDevice() {
      const opened = await backend.open();
      cleanup = opened.cleanup;
      const server = await startServer(opened.hq, {
        now: () => NOW,
        registry: DEFAULT_TABLE_REGISTRY,
      });
      const { deviceId } = await server.enroll('tokyo');
      await server.app.close();
      const device: Device = { ...hqDevice, id: deviceId, officeId: 'tokyo' };
      return { hq: opened.hq, device };
    }

    const buyerPush = (clientId: string, id: string): PushRequest => ({
      clientId,
      mutations: [
        {
          mid: 1,
          tbl: 'buyers',
          id,
          fields: { nameNative: ['山田商事', hlc(1)], country: ['JP', hlc(1)] },
        },
      ],
    });

    it('hands the changed records to the projectors it is given, in order, in the transaction', async () => {
      const { hq, device } = await openWithDevice();
      const seen: string[] = [];
      const first: PushProjector = async (trx, changes, ctx) => {
        // Inside the transaction: the record is already written.
        const row = await trx
          .selectFrom('records')
          .select('id')
          .where('id', '=', 'b1')
          .executeTakeFirst();
        seen.push(
          `first ${changes.map((c: ChangedRecord) => `${c.tbl}/${c.id}`).join()} ${ctx.deviceId === device.id} ${row?.id}`,
        );
      };
      const second: PushProjector = async (_trx, changes) => {
        seen.push(`second ${changes.length} ${changes[0]!.before.data.nameNative ?? 'new'}`);
      };
      const res = await applyPush(hq, DEFAULT_TABLE_REGISTRY, device, buyerPush('c1', 'b1'), {
        now: NOW,
        projectors: [first, second],
      });
      expect(res.applied).toBe(1);
      expect(seen).toEqual(['first buyers/b1 true b1', 'second 1 new']);
      // A replay changes nothing and calls no projector.
      await applyPush(hq, DEFAULT_TABLE_REGISTRY, device, buyerPush('c1', 'b1'), {
        now: NOW,
        projectors: [first, second],
      });
      expect(seen).toHaveLength(2);
    });

    it('without projectors writes the records only; a throwing projector refuses the push', async () => {
      const { hq, device } = await openWithDevice();
      await applyPush(hq, DEFAULT_TABLE_REGISTRY, device, buyerPush('c1', 'b1'), { now: NOW });
      expect(await hq.db.selectFrom('records').select('id').execute()).toHaveLength(1);
      expect(await hq.db.selectFrom('report_buyers').select('id').execute()).toHaveLength(0);

      const failing: PushProjector = async () => {
        throw new Error('boom');
      };
      await expect(
        applyPush(hq, DEFAULT_TABLE_REGISTRY, device, buyerPush('c2', 'b2'), {
          now: NOW,
          projectors: [failing],
        }),
      ).rejects.toThrow('boom');
      expect(await hq.db.selectFrom('records').select('id').execute()).toHaveLength(1);

      await applyPush(hq, DEFAULT_TABLE_REGISTRY, device, buyerPush('c3', 'b3'), {
        now: NOW,
        projectors: REPORT_PROJECTORS,
      });
      const buyers = await hq.db
        .selectFrom('report_buyers')
        .select(['id', 'name_native'])
        .execute();
      expect(buyers).toEqual([{ id: 'b3', name_native: '山田商事' }]);
    });

    it('addToCounters adds signed deltas and deletes rows whose refcount reaches 0', async () => {
      const { hq } = await openWithDevice();
      const cell = (month: string, talks: number, minor: number) => ({
        office_id: 'tokyo',
        month,
        kind: 'neg',
        currency: 'JPY',
        talks,
        minor,
      });
      const key = ['office_id', 'month', 'kind', 'currency'] as const;
      const read = () =>
        hq.db
          .selectFrom('report_money_cells')
          .select(['month', 'talks', 'minor'])
          .orderBy('month')
          .execute();
      await withWriteTransaction(hq, (trx) =>
        addToCounters(
          trx,
          'report_money_cells',
          [cell('2025-01', 2, 500), cell('2025-02', 1, 7)],
          key,
          ['talks', 'minor'],
        ),
      );
      await withWriteTransaction(hq, (trx) =>
        addToCounters(
          trx,
          'report_money_cells',
          [cell('2025-01', -1, -200), cell('2025-02', -1, -7)],
          key,
          ['talks', 'minor'],
        ),
      );
      expect((await read()).map((r) => [r.month, Number(r.talks), Number(r.minor)])).toEqual([
        ['2025-01', 1, 300],
      ]);
    });

    it('upsertRows inserts, then replaces only the named columns', async () => {
      const { hq } = await openWithDevice();
      const firm = (name_ko: string, industry: string) => ({
        id: 'f1',
        name_ko,
        name_en: 'Haesung',
        industry,
        deleted: 0,
      });
      await upsertRows(
        hq.db,
        'report_sme_firms',
        [firm('해성', 'food')],
        ['id'],
        ['name_ko', 'industry'],
      );
      await upsertRows(
        hq.db,
        'report_sme_firms',
        [{ ...firm('해성식품', 'fish'), name_en: 'ignored' }],
        ['id'],
        ['name_ko'],
      );
      const rows = await hq.db.selectFrom('report_sme_firms').selectAll().execute();
      expect(rows.map((r) => [r.name_ko, r.name_en, r.industry])).toEqual([
        ['해성식품', 'Haesung', 'food'],
      ]);
    });
  });
}
