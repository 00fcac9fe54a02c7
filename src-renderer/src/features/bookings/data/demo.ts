import { DateTime } from 'luxon';
import { generateDemoData, type Booking, type VehicleTrip } from '@shared/bookings';
import { SEED_OFFICES } from '@shared/offices/seed';
import { DEMO_ID_PREFIX } from '@shared/sync/demo-ids';
import type { BridgeheadDatabase } from '../../../data/db';
import { TABLES, tableOf } from './repository';

/**
 * Writes the shared demo scheduling data (14 interpreters, 5 vehicles, 6
 * drivers, bookings over the next two weeks in the office zone) for
 * `officeId` in one transaction, so the outbox records all of it or none.
 * Ids are deterministic per office: loading twice overwrites, never doubles.
 * One extra trip overlaps another on purpose, as if a second laptop had
 * booked the same van offline, so the conflict inbox has something to show.
 * Returns the number of records written.
 */
export async function loadBookingsDemo(db: BridgeheadDatabase, officeId: string): Promise<number> {
  const seeded = SEED_OFFICES.find((o) => o.id === officeId);
  const zone = seeded?.timeZone ?? 'Asia/Seoul';
  const monday = DateTime.now().setZone(zone).startOf('week').toFormat('yyyy-MM-dd');
  const data = generateDemoData({
    officeId: seeded?.id ?? 'hq',
    from: monday,
    bookings: 400,
    seed: 20250301,
  });
  // Every id starts with `demo-` (never synced to HQ); an office not in the seed list
  // still gets demo data, under its own id.
  const remap = (id: string) => `${DEMO_ID_PREFIX}${seeded ? '' : `${officeId}-`}${id}`;
  const own = <T extends { officeId: string; id: string }>(record: T): T => ({
    ...record,
    officeId: seeded ? record.officeId : officeId,
    id: remap(record.id),
  });
  const interpreters = data.interpreters.map(own);
  const drivers = data.drivers.map((d) => own(d));
  const vehicles = data.vehicles.map((v) =>
    own({ ...v, ...(v.defaultDriverId ? { defaultDriverId: remap(v.defaultDriverId) } : {}) }),
  );
  const bookings: Booking[] = data.bookings.map((b) =>
    b.kind === 'vehicle'
      ? own({
          ...b,
          vehicleId: remap(b.vehicleId),
          driverId: b.driverId ? remap(b.driverId) : null,
        })
      : own({ ...b, interpreterId: remap(b.interpreterId) }),
  );
  const offlineDuplicate = duplicateOf(bookings);
  if (offlineDuplicate) bookings.push(offlineDuplicate);

  const tables = Object.values(TABLES).map((name) => db.table(name));
  await db.transaction('rw', tables, async () => {
    await db.table(TABLES.interpreters).bulkPut(interpreters);
    await db.table(TABLES.drivers).bulkPut(drivers);
    await db.table(TABLES.vehicles).bulkPut(vehicles);
    await db
      .table(TABLES.interpreterBookings)
      .bulkPut(bookings.filter((b) => tableOf(b) === TABLES.interpreterBookings));
    await db
      .table(TABLES.vehicleTrips)
      .bulkPut(bookings.filter((b) => tableOf(b) === TABLES.vehicleTrips));
  });
  return interpreters.length + drivers.length + vehicles.length + bookings.length;
}

/** A tentative copy of the first confirmed trip, 30 minutes later: an after-sync conflict. */
function duplicateOf(bookings: readonly Booking[]): VehicleTrip | null {
  const first = bookings.find(
    (b): b is VehicleTrip => b.kind === 'vehicle' && b.status === 'confirmed' && !b.recurrence,
  );
  if (!first) return null;
  const shift = 30 * 60_000;
  return {
    ...first,
    id: `${first.id}-offline`,
    status: 'tentative',
    start: new Date(Date.parse(first.start) + shift).toISOString(),
    end: new Date(Date.parse(first.end) + shift).toISOString(),
    passengerNames: first.passengerNames.slice(0, 1),
  };
}
