/**
 * Where a person fixes a record HQ refused: the screen that shows it (the buyer for a
 * buyer, contact or trade talk; the booking opened on its day; the resource lists), and
 * the details to send to HQ when they cannot fix it themselves.
 */
import type Dexie from 'dexie';
import { DateTime } from 'luxon';
import type { RejectedRow } from '../../sync';

type Row = Record<string, unknown> & { id: string };

async function row(db: Dexie, table: string, id: string): Promise<Row | undefined> {
  if (!db.tables.some((t) => t.name === table)) return undefined;
  return (await db.table<Row, string>(table).get(id)) ?? undefined;
}

/** The local day of a booking, for the timeline's `date` parameter. */
function bookingDay(booking: Row): string | null {
  if (typeof booking.start !== 'string') return null;
  const zone = typeof booking.timeZone === 'string' ? booking.timeZone : 'UTC';
  const day = DateTime.fromISO(booking.start, { zone }).toISODate();
  return day ?? null;
}

/**
 * The app route (`#/…`) where the refused record can be seen and corrected, or null when
 * this laptop has no such screen or no longer holds the record (merged or deleted).
 */
export async function recordRoute(db: Dexie, table: string, id: string): Promise<string | null> {
  const found = await row(db, table, id);
  if (!found) return null;
  const enc = encodeURIComponent;
  switch (table) {
    case 'buyers':
      return `/buyers/${enc(id)}`;
    case 'contacts':
    case 'tradeTalks':
      return typeof found.buyerId === 'string' ? `/buyers/${enc(found.buyerId)}` : null;
    case 'interpreters':
      return '/interpreters?tab=resources';
    case 'vehicles':
    case 'drivers':
      return '/vehicles?tab=resources';
    case 'interpreterBookings':
    case 'vehicleTrips': {
      const screen = table === 'vehicleTrips' ? 'vehicles' : 'interpreters';
      const day = bookingDay(found);
      return `/${screen}?${day ? `date=${day}&` : ''}open=${enc(id)}`;
    }
    default:
      return null;
  }
}

export interface RefusalDetailLabels {
  heading: string;
  record: string;
  when: string;
  reason: string;
  hqSaid: string;
  fields: string;
  device: string;
}

/**
 * A refused change as plain text for a message to HQ: translated labels, the raw codes and
 * ids HQ needs to find it, and the changed field names (never the values: they may hold
 * personal data and HQ has the record anyway).
 */
export function refusalDetails(
  row: RejectedRow,
  text: { table: string; when: string; reason: string; deviceId: string | null },
  labels: RefusalDetailLabels,
): string {
  const fields = Object.keys(row.mutation.fields ?? {}).sort();
  return [
    labels.heading,
    `${labels.record}: ${text.table} (${row.mutation.tbl}) ${row.mutation.id}`,
    `${labels.when}: ${text.when}`,
    `${labels.reason}: ${text.reason} [${row.code}]`,
    `${labels.hqSaid}: ${row.message}`,
    ...(fields.length ? [`${labels.fields}: ${fields.join(', ')}`] : []),
    ...(text.deviceId ? [`${labels.device}: ${text.deviceId}`] : []),
  ].join('\n');
}
