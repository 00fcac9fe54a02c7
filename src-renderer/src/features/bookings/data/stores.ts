/**
 * Dexie stores of the scheduling tables (schema version 2). Synced tables use
 * `id` as primary key and are declared in src-shared/sync/tables.ts.
 * Until version 2 ships this spec may change; afterwards append a version.
 */
export const BOOKING_STORES: Readonly<Record<string, string>> = {
  interpreters: 'id, officeId',
  vehicles: 'id, officeId',
  drivers: 'id, officeId',
  interpreterBookings: 'id, officeId, interpreterId, start, end',
  vehicleTrips: 'id, officeId, vehicleId, driverId, start, end',
};
