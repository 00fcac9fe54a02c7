import type { Place, TravelOverride } from './schemas';

/**
 * Offline travel-time estimates between places: great-circle distance times a
 * detour factor (streets are not straight lines), at the city's average
 * door-to-door speed, plus a fixed buffer (parking, finding the entrance),
 * rounded up to whole minutes. Staff who know the traffic override a pair;
 * the override wins in both directions.
 */

export interface TravelSettings {
  /** km/h, door to door, in this city's daytime traffic. */
  readonly citySpeedKmh: number;
  readonly bufferMinutes: number;
}

/** Road distance over straight-line distance in dense cities (common rule of thumb, ~1.3). */
export const DETOUR_FACTOR = 1.3;
/** Used when a place has no coordinates: a typical cross-town trip. */
export const UNKNOWN_TRAVEL_MINUTES = 45;

const EARTH_RADIUS_KM = 6371.0088;

export function haversineKm(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type TravelSource = 'same' | 'estimate' | 'unknown' | 'override';

export interface TravelEstimate {
  readonly minutes: number;
  readonly source: TravelSource;
  readonly km?: number;
}

export function estimateTravel(
  from: Pick<Place, 'id' | 'lat' | 'lng'>,
  to: Pick<Place, 'id' | 'lat' | 'lng'>,
  settings: TravelSettings,
): TravelEstimate {
  if (from.id === to.id) return { minutes: 0, source: 'same' };
  if (
    from.lat === undefined ||
    from.lng === undefined ||
    to.lat === undefined ||
    to.lng === undefined
  ) {
    return { minutes: UNKNOWN_TRAVEL_MINUTES, source: 'unknown' };
  }
  const km =
    haversineKm({ lat: from.lat, lng: from.lng }, { lat: to.lat, lng: to.lng }) * DETOUR_FACTOR;
  const minutes = Math.ceil((km / settings.citySpeedKmh) * 60 + settings.bufferMinutes);
  return { minutes, source: 'estimate', km };
}

/** The id of the override record of a pair: both place ids, sorted, so both laptops pick the same. */
export function travelPairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * A symmetric travel matrix over places. `minutes(a, b)` is 0 for the same
 * place; unknown place ids get the unknown estimate.
 */
export class TravelMatrix {
  private readonly index = new Map<string, number>();
  private readonly table: Int32Array;
  private readonly sources: TravelSource[];

  constructor(
    readonly places: readonly Pick<Place, 'id' | 'lat' | 'lng'>[],
    settings: TravelSettings,
    overrides: readonly Pick<TravelOverride, 'placeIds' | 'minutes'>[] = [],
  ) {
    places.forEach((p, i) => this.index.set(p.id, i));
    const n = places.length;
    this.table = new Int32Array(n * n);
    this.sources = new Array<TravelSource>(n * n);
    const byPair = new Map<string, number>();
    for (const o of overrides) byPair.set(travelPairKey(o.placeIds[0]!, o.placeIds[1]!), o.minutes);
    for (let i = 0; i < n; i += 1) {
      for (let j = i; j < n; j += 1) {
        const a = places[i]!;
        const b = places[j]!;
        const override = i === j ? undefined : byPair.get(travelPairKey(a.id, b.id));
        const est: TravelEstimate =
          override !== undefined
            ? { minutes: override, source: 'override' }
            : estimateTravel(a, b, settings);
        this.table[i * n + j] = est.minutes;
        this.table[j * n + i] = est.minutes;
        this.sources[i * n + j] = est.source;
        this.sources[j * n + i] = est.source;
      }
    }
  }

  minutes(a: string, b: string): number {
    if (a === b) return 0;
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return UNKNOWN_TRAVEL_MINUTES;
    return this.table[i * this.places.length + j]!;
  }

  source(a: string, b: string): TravelSource {
    if (a === b) return 'same';
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return 'unknown';
    return this.sources[i * this.places.length + j]!;
  }
}
