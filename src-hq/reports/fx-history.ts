/**
 * HQ's exchange-rate table: the shared `fxRates` table (one row per month, see
 * src-shared/money/fx-rows.ts) is written by HQ devices only; every accepted change is
 * kept in `fx_rate_history` in the push transaction.
 */
import type { Kysely } from 'kysely';
import { fxPerUsdSchema, fxTableFromRows } from '../../src-shared/money/fx-rows';
import { monthSchema, type FxRateTable } from '../../src-shared/money/fx';
import type { FxHistoryQuery, FxHistoryResponse } from '../../src-shared/reports/api';
import type { RecordState } from '../../src-shared/sync/merge';
import { SHARED_PARTITION } from '../../src-shared/sync/tables';
import type { HqSchema } from '../db/schema';
import { HttpError } from '../errors';
import type { Device } from '../repositories/devices';
import { rowToState } from '../repositories/records';
import type { ProjectionChange } from './projection';

export const FX_TABLE = 'fxRates';

/**
 * Refuses (403 `fx_rates_hq_only`) a change of `fxRates` from an office device, and a
 * malformed one from HQ (400 `validation_failed`): the id is the month, `month` equals it,
 * `perUsd` maps currencies to decimal strings. Nothing of the push is applied then.
 */
export function checkFxRatesChange(
  device: Device,
  tbl: string,
  id: string,
  fields: Record<string, [unknown, string]>,
): void {
  if (tbl !== FX_TABLE) return;
  if (device.officeId !== null) {
    throw new HttpError(403, 'fx_rates_hq_only', 'Only HQ devices can change exchange rates');
  }
  if (!monthSchema.safeParse(id).success) {
    throw new HttpError(400, 'validation_failed', `${FX_TABLE}: the id must be the month YYYY-MM`);
  }
  const month = fields.month?.[0];
  if (month !== undefined && month !== null && month !== id) {
    throw new HttpError(400, 'validation_failed', `${FX_TABLE}.month must equal the id`);
  }
  const perUsd = fields.perUsd?.[0];
  if (perUsd !== undefined && perUsd !== null && !fxPerUsdSchema.safeParse(perUsd).success) {
    throw new HttpError(400, 'validation_failed', `${FX_TABLE}.perUsd: invalid rate`);
  }
  const note = fields.note?.[0];
  if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > 1000)) {
    throw new HttpError(400, 'validation_failed', `${FX_TABLE}.note: invalid`);
  }
}

function visible(id: string, s: RecordState): Record<string, unknown> | null {
  if (s.deleted || Object.keys(s.data).length === 0) return null;
  return { id, ...s.data };
}

/** Appends one history entry per changed fxRates row (call inside the push transaction). */
export async function recordFxHistory(
  trx: Kysely<HqSchema>,
  deviceId: string,
  changes: readonly ProjectionChange[],
  now: number,
): Promise<void> {
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
}

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
