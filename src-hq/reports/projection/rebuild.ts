import { EMPTY_RECORD_STATE } from '@shared/sync/merge';
import { SHARED_PARTITION } from '@shared/sync/tables';
import type { Dialect } from '../../db/connect';
import { officeZones, type DB } from './common';
import { PROJECTED_TABLES, projectChanges } from './project';

export const REPORT_TABLES = [
  'report_talk_industries',
  'report_money_cells',
  'report_buyer_months',
  'report_province_buyer_months',
  'report_firm_months',
  'report_province_firm_months',
  'report_province_buyer_years',
  'report_province_firm_years',
  'report_talks',
  'report_buyers',
  'report_sme_firms',
  'report_booking_hours',
  'report_delegations',
  'report_resources',
  'report_missions',
  'report_mission_meetings',
  'report_office_status',
  'report_keys',
] as const;

const REBUILD_PAGE = 1000;

/**
 * Empties the read models and projects every synced row again from `records`
 * (fx_rate_history is history, never rebuilt). Run it in a write transaction.
 */
export async function rebuildReports(
  db: DB,
  _dialect: Dialect,
  now = Date.now(),
): Promise<{ records: number }> {
  for (const t of REPORT_TABLES) await db.deleteFrom(t).execute();
  const zones = await officeZones(db);
  const partitions = (await db.selectFrom('offices').select('id').orderBy('id').execute()).map(
    (r) => r.id,
  );
  let total = 0;
  for (const tbl of PROJECTED_TABLES) {
    for (const office of partitions) {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom('records')
          .select(['id', 'data', 'deleted'])
          .where('office_id', '=', office)
          .where('tbl', '=', tbl)
          .where('id', '>', after)
          .orderBy('id')
          .limit(REBUILD_PAGE)
          .execute();
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        total += rows.length;
        await projectChanges(
          db,
          rows.map((r) => ({
            partition: office,
            tbl,
            id: r.id,
            before: EMPTY_RECORD_STATE,
            after: {
              data: JSON.parse(r.data) as Record<string, unknown>,
              hlc: {},
              deleted: Number(r.deleted) === 1,
              deletedHlc: null,
            },
          })),
          { now, touchOffices: false, zones },
        );
        if (rows.length < REBUILD_PAGE) break;
      }
    }
  }
  const latest = await db
    .selectFrom('records')
    .select(['office_id', (eb) => eb.fn.max('updated_at').as('at')])
    .where('office_id', '!=', SHARED_PARTITION)
    .groupBy('office_id')
    .execute();
  if (latest.length) {
    await db
      .insertInto('report_office_status')
      .values(latest.map((r) => ({ office_id: r.office_id, last_change_at: Number(r.at) })))
      .execute();
  }
  return { records: total };
}
