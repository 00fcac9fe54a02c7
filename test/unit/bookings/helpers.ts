import type { InterpreterBooking, Vehicle, VehicleTrip } from '@shared/bookings/schemas';

export const LA = 'America/Los_Angeles';

/** Terse interpreter booking builder for tests. */
export function ib(
  id: string,
  start: string,
  end: string,
  extra: Partial<InterpreterBooking> = {},
): InterpreterBooking {
  return {
    kind: 'interpreter',
    id,
    officeId: 'losangeles',
    timeZone: LA,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    purpose: 'trade-talk',
    status: 'confirmed',
    interpreterId: 'int-1',
    ...extra,
  };
}

export function trip(
  id: string,
  start: string,
  end: string,
  extra: Partial<VehicleTrip> = {},
): VehicleTrip {
  return {
    kind: 'vehicle',
    id,
    officeId: 'losangeles',
    timeZone: LA,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    purpose: 'delegation',
    status: 'confirmed',
    vehicleId: 'van-1',
    driverId: 'drv-1',
    pickUp: { address: '2000 Hotel Way, Los Angeles' },
    dropOff: { address: 'LA Convention Center' },
    passengers: 3,
    passengerNames: [],
    ...extra,
  };
}

export const van: Vehicle = {
  id: 'van-1',
  officeId: 'losangeles',
  plate: '8ABC123',
  model: 'Toyota Sienna',
  seats: 7,
  turnaroundBufferMinutes: 30,
  active: true,
};
