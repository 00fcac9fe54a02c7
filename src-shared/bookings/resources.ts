import type { Booking, Vehicle } from './schemas';

/**
 * A bookable thing. A vehicle trip occupies two resources (vehicle and
 * driver); an interpreter booking one. Keys are `kind:id` strings.
 */
export type ResourceKind = 'interpreter' | 'vehicle' | 'driver';

export interface ResourceRef {
  readonly kind: ResourceKind;
  readonly id: string;
}

export type ResourceKey = `${ResourceKind}:${string}`;

export function resourceKey(ref: ResourceRef): ResourceKey {
  return `${ref.kind}:${ref.id}`;
}

export function parseResourceKey(key: ResourceKey): ResourceRef {
  const i = key.indexOf(':');
  return { kind: key.slice(0, i) as ResourceKind, id: key.slice(i + 1) };
}

/** Resources a booking holds. A trip without a driver holds only the vehicle. */
export function resourcesOf(booking: Booking): ResourceRef[] {
  if (booking.kind === 'interpreter') return [{ kind: 'interpreter', id: booking.interpreterId }];
  const refs: ResourceRef[] = [{ kind: 'vehicle', id: booking.vehicleId }];
  if (booking.driverId) refs.push({ kind: 'driver', id: booking.driverId });
  return refs;
}

/**
 * Minutes a resource stays blocked after each booking ends. Only vehicles
 * have a turnaround buffer; a driver can hand over the keys and walk to the
 * next car.
 */
export type BufferLookup = (ref: ResourceRef) => number;

export function bufferLookupFromVehicles(vehicles: Iterable<Vehicle>): BufferLookup {
  const buffers = new Map<string, number>();
  for (const v of vehicles) buffers.set(v.id, v.turnaroundBufferMinutes);
  return (ref) => (ref.kind === 'vehicle' ? (buffers.get(ref.id) ?? 0) : 0);
}

export const NO_BUFFERS: BufferLookup = () => 0;
