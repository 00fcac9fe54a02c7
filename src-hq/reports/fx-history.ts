/**
 * HQ's exchange-rate table: the shared `fxRates` table (one row per month, see
 * src-shared/money/fx-rows.ts) is written by HQ devices only (src-hq/sync/policy.ts); every
 * accepted change is kept in `fx_rate_history` by a push projector, in the push transaction.
 */
import type { Kysely } from 'kysely';
import { fxTableFromRows } from '@shared/money/fx-rows';
import type { FxRateTable } from '@shared/money/fx';
import type { FxHistoryQuery, FxHistoryResponse } from '@shared/reports/api';
import type { RecordState } from '@shared/sync/merge';
import { SHARED_PARTITION } from '@shared/sync/tables';
import type { HqSchema } from '../db/schema';
import { rowToState } from '../repositories/records';
import { FX_TABLE } from '../sync/policy';
import type { PushProjector } from '../sync/projectors';

function visible(id: string, s: RecordState): Record<string, unknown> | null {
  if (s.deleted || Object.keys(s.data).length === 0) return null;
  return { id, ...s.data };
}

/** Push projector: one history entry per changed fxRates row. */
export const recordFxHistory: PushProjector = async (trx, changes, { deviceId, now }) => {
  const rows = changes
    .filter((c) => c.tbl === FX_TABLE && c.partition === SHARED_PARTITION)
    .map((c) => {
      const old = visible(c.id, c.before);
      const next = visible(c.id, c.after);
      return {
        month: c.id,
        device_id: deviceId,
        changed_at: now,
        old_data: old && JSON.stringify(old),
        new_data: next && JSON.stringify(next),
      };
    });
  if (rows.length) await trx.insertInto('fx_rate_history').values(rows).execute();
};

export async function readFxHistory(
  db: Kysely<HqSchema>,
  q: FxHistoryQuery,
): Promise<FxHistoryResponse> {
  let query = db.selectFrom('fx_rate_history').selectAll().orderBy('id', 'desc').limit(q.limit + 1);
  if (q.month) query = query.where('month', '=', q.month);
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const parse = (t: string | null) => (t === null ? null : (JSON.parse(t) as Record<string, unknown>));
  return {
    entries: page.map((r) => ({
      id: Number(r.id),
      month: r.month,
      deviceId: r.device_id,
      changedAt: Number(r.changed_at),
      old: parse(r.old_data),
      new: parse(r.new_data),
    })),
    nextBefore: rows.length > q.limit ? Number(page[page.length - 1]!.id) : null,
  };
}

/** HQ's current rate table from the synced month rows (null when HQ has entered none). */
export async function loadHqFxTable(db: Kysely<HqSchema>): Promise<FxRateTable | null> {
  const rows = await db
    .selectFrom('records')
    .select(['id', 'data', 'field_hlc', 'deleted', 'deleted_hlc'])
    .where('office_id', '=', SHARED_PARTITION)
    .where('tbl', '=', FX_TABLE)
    .where('deleted', '=', 0)
    .execute();
  return fxTableFromRows(rows.map((r) => ({ id: r.id, ...rowToState(r).data })));
}
