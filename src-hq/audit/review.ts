/**
 * The monthly review's reads (HQ devices only): access records filtered by office, person,
 * action and period, each with the review flags of src-shared/audit/review-flags.ts, the
 * chain problems found on arrival, and the months marked reviewed.
 */
import { DateTime } from 'luxon';
import {
  accessEntrySchema,
  flagEntries,
  type AccessReviewResponse,
  type ChainFlagKind,
  type MonthReview,
  type ReviewedEntry,
} from '@shared/audit';
import type { z } from 'zod';
import type { accessReviewQuerySchema } from '@shared/audit';
import type { HqDatabase } from '../db/connect';

/** HQ laptops' entries are read in Korea's calendar. */
export const HQ_TIME_ZONE = 'Asia/Seoul';
/** The office filter's value for HQ laptops (their office is null). */
export const HQ_OFFICE_FILTER = 'hq';

type Query = z.output<typeof accessReviewQuerySchema>;

export async function officeZones(hq: HqDatabase): Promise<Map<string, string>> {
  const rows = await hq.db.selectFrom('offices').select(['id', 'time_zone']).execute();
  return new Map(rows.map((r) => [r.id, r.time_zone]));
}

export async function reviewAccessLog(
  hq: HqDatabase,
  q: Query,
  now: number,
): Promise<AccessReviewResponse> {
  const zones = await officeZones(hq);
  const zoneOf = (officeId: string | null) => (officeId && zones.get(officeId)) || HQ_TIME_ZONE;
  // The period in the chosen office's calendar (Korea's for all offices or HQ).
  const periodZone = q.office && q.office !== HQ_OFFICE_FILTER ? zoneOf(q.office) : HQ_TIME_ZONE;
  const from = DateTime.fromISO(q.from, { zone: periodZone }).startOf('day').toMillis();
  const to = DateTime.fromISO(q.to, { zone: periodZone }).endOf('day').toMillis();

  let sel = hq.db
    .selectFrom('access_entries as e')
    .innerJoin('devices as d', 'd.id', 'e.device_id')
    .select([
      'e.device_id',
      'd.name as device_name',
      'e.seq',
      'e.office_id',
      'e.at',
      'e.action',
      'e.object',
      'e.staff_id',
      'e.staff_name',
      'e.subject_count',
      'e.reason_code',
      'e.entry',
    ])
    .where('e.at', '>=', from)
    .where('e.at', '<=', to);
  if (q.office === HQ_OFFICE_FILTER) sel = sel.where('e.office_id', 'is', null);
  else if (q.office) sel = sel.where('e.office_id', '=', q.office);
  if (q.staff) sel = sel.where('e.staff_name', '=', q.staff);
  if (q.action) sel = sel.where('e.action', '=', q.action);
  const rows = await sel.orderBy('e.at', 'desc').orderBy('e.seq', 'desc').execute();

  let flagSel = hq.db
    .selectFrom('access_chain_flags as f')
    .innerJoin('devices as d', 'd.id', 'f.device_id')
    .select([
      'f.device_id',
      'd.name as device_name',
      'f.office_id',
      'f.seq',
      'f.kind',
      'f.missing',
      'f.detected_at',
    ])
    .where('f.detected_at', '>=', from)
    .where('f.detected_at', '<=', to);
  if (q.office === HQ_OFFICE_FILTER) flagSel = flagSel.where('f.office_id', 'is', null);
  else if (q.office) flagSel = flagSel.where('f.office_id', '=', q.office);
  const flagRows = await flagSel.orderBy('f.detected_at', 'desc').orderBy('f.seq').execute();
  const chainFlagsOf = new Map<string, ChainFlagKind[]>();
  for (const f of flagRows) {
    const key = `${f.device_id}\u0000${f.seq}`;
    chainFlagsOf.set(key, [...(chainFlagsOf.get(key) ?? []), f.kind as ChainFlagKind]);
  }

  const flags = flagEntries(
    rows.map((r) => ({
      at: Number(r.at),
      action: r.action as ReviewedEntry['action'],
      count: Number(r.subject_count),
      person: r.staff_id ?? `device:${r.device_id}`,
      timeZone: zoneOf(r.office_id),
    })),
  );
  const all: ReviewedEntry[] = rows.map((r, i) => {
    const parsed = accessEntrySchema.safeParse(JSON.parse(r.entry));
    const entry = parsed.success ? parsed.data : null;
    return {
      deviceId: r.device_id,
      deviceName: r.device_name,
      seq: Number(r.seq),
      officeId: r.office_id,
      at: Number(r.at),
      staffId: r.staff_id,
      staffName: r.staff_name,
      action: r.action as ReviewedEntry['action'],
      object: r.object,
      format: entry?.format ?? null,
      count: Number(r.subject_count),
      subjectIds: entry ? entry.subjects.flatMap((g) => g.ids) : [],
      reasonCode: r.reason_code,
      reasonNote: entry?.reason?.note || null,
      flags: flags[i]!,
      chainFlags: chainFlagsOf.get(`${r.device_id}\u0000${r.seq}`) ?? [],
    };
  });
  const matching = q.flaggedOnly
    ? all.filter((e) => e.flags.length > 0 || e.chainFlags.length > 0)
    : all;
  const staff = [...new Set(rows.map((r) => r.staff_name).filter((s): s is string => !!s))].sort();
  return {
    entries: matching.slice(0, q.limit),
    total: matching.length,
    truncated: matching.length > q.limit,
    chainFlags: flagRows.map((f) => ({
      deviceId: f.device_id,
      deviceName: f.device_name,
      officeId: f.office_id,
      seq: Number(f.seq),
      kind: f.kind as ChainFlagKind,
      detectedAt: Number(f.detected_at),
      missing: f.missing === null ? null : Number(f.missing),
    })),
    staff,
    serverTime: now,
  };
}

export async function listMonthReviews(hq: HqDatabase): Promise<MonthReview[]> {
  const rows = await hq.db
    .selectFrom('access_reviews')
    .selectAll()
    .orderBy('month', 'desc')
    .orderBy('office_id')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    officeId: r.office_id === '' ? null : r.office_id,
    reviewedAt: Number(r.reviewed_at),
    reviewer: r.reviewer,
    note: r.note,
  }));
}

/** Who reviews: the name the laptop gave, else the person its code was for, else the laptop. */
export async function reviewerName(
  hq: HqDatabase,
  device: { id: string; name: string },
  given: string | null,
): Promise<string> {
  if (given) return given;
  const code = await hq.db
    .selectFrom('enrollment_codes')
    .select('person')
    .where('device_id', '=', device.id)
    .executeTakeFirst();
  return code?.person || device.name;
}

export async function markMonthReviewed(
  hq: HqDatabase,
  review: {
    month: string;
    officeId: string | null;
    note: string;
    reviewer: string;
    deviceId: string;
  },
  now: number,
): Promise<MonthReview> {
  const row = {
    month: review.month,
    office_id: review.officeId ?? '',
    reviewed_at: now,
    reviewer_device_id: review.deviceId,
    reviewer: review.reviewer,
    note: review.note,
  };
  await hq.db
    .insertInto('access_reviews')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['month', 'office_id']).doUpdateSet({
        reviewed_at: row.reviewed_at,
        reviewer_device_id: row.reviewer_device_id,
        reviewer: row.reviewer,
        note: row.note,
      }),
    )
    .execute();
  return {
    month: review.month,
    officeId: review.officeId,
    reviewedAt: now,
    reviewer: review.reviewer,
    note: review.note,
  };
}
