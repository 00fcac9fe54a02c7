import { liveQuery, type Subscription } from 'dexie';
import {
  BookingIndex,
  checkConflicts,
  defaultHorizon,
  editThisAndFollowing,
  editThisOccurrence,
  parseDriver,
  parseInterpreter,
  parseInterpreterBooking,
  parseVehicle,
  parseVehicleTrip,
  type Booking,
  type BookingError,
  type BookingErrorCode,
  type Clash,
  type Driver,
  type FreeSlot,
  type Interpreter,
  type OccurrenceChanges,
  type Result,
  type Vehicle,
} from '@shared/bookings';
import type { BridgeheadDatabase } from '../../../data/db';

/**
 * The scheduling tables of one office, read from Dexie and kept in memory
 * with a BookingIndex, so every save is checked against every active booking
 * before it is written. Dexie live queries keep the snapshot (and the index,
 * incrementally) current when sync pulls in another laptop's changes.
 */

export const TABLES = {
  interpreters: 'interpreters',
  vehicles: 'vehicles',
  drivers: 'drivers',
  interpreterBookings: 'interpreterBookings',
  vehicleTrips: 'vehicleTrips',
} as const;

export interface BookingsSnapshot {
  readonly loaded: boolean;
  readonly interpreters: readonly Interpreter[];
  readonly vehicles: readonly Vehicle[];
  readonly drivers: readonly Driver[];
  /** Interpreter bookings and vehicle trips, every status. */
  readonly bookings: readonly Booking[];
  readonly byId: ReadonlyMap<string, Booking>;
  readonly index: BookingIndex;
  /** Bumps on every change: cheap dependency for memoised views. */
  readonly version: number;
}

/** A refused save: a translatable error, plus the clash and a suggestion when it is a double booking. */
export interface SaveRefusal {
  readonly code: BookingErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly path?: string;
  readonly clashes?: readonly Clash[];
  readonly nextFreeSlot?: FreeSlot | null;
}

export type SaveResult<T> = { ok: true; value: T } | { ok: false; error: SaveRefusal };

type Listener = () => void;

interface RawTables {
  interpreters: unknown[];
  vehicles: unknown[];
  drivers: unknown[];
  interpreterBookings: unknown[];
  vehicleTrips: unknown[];
}

function parseAll<T>(rows: unknown[], parse: (row: unknown) => Result<T>): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const parsed = parse(row);
    // A row that no longer validates (older app version, bad sync) is left out, not fatal.
    if (parsed.ok) out.push(parsed.value);
  }
  return out;
}

const byName = (a: { name: { latin: string } }, b: { name: { latin: string } }) =>
  a.name.latin.localeCompare(b.name.latin);

export class BookingsRepository {
  private snapshot: BookingsSnapshot;
  private readonly listeners = new Set<Listener>();
  private subscription: Subscription | null = null;
  private fingerprints = new Map<string, string>();
  private bufferFingerprint = '';

  constructor(
    readonly db: BridgeheadDatabase,
    readonly officeId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.snapshot = {
      loaded: false,
      interpreters: [],
      vehicles: [],
      drivers: [],
      bookings: [],
      byId: new Map(),
      index: new BookingIndex({ horizon: defaultHorizon(now()) }),
      version: 0,
    };
  }

  getSnapshot = (): BookingsSnapshot => this.snapshot;

  /** useSyncExternalStore-style subscription; the live query runs while anyone listens. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    if (!this.subscription) {
      this.subscription = liveQuery(() => this.readTables()).subscribe({
        next: (raw) => this.apply(raw),
        error: (error: unknown) => console.error('[bookings] live query failed', error),
      });
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.subscription?.unsubscribe();
        this.subscription = null;
      }
    };
  };

  /** Reads everything once (tests, the demo loader) and returns the snapshot. */
  async load(): Promise<BookingsSnapshot> {
    this.apply(await this.readTables());
    return this.snapshot;
  }

  private async readTables(): Promise<RawTables> {
    const read = (name: string) =>
      this.db.table(name).where('officeId').equals(this.officeId).toArray() as Promise<unknown[]>;
    const [interpreters, vehicles, drivers, interpreterBookings, vehicleTrips] = await Promise.all([
      read(TABLES.interpreters),
      read(TABLES.vehicles),
      read(TABLES.drivers),
      read(TABLES.interpreterBookings),
      read(TABLES.vehicleTrips),
    ]);
    return { interpreters, vehicles, drivers, interpreterBookings, vehicleTrips };
  }

  private apply(raw: RawTables): void {
    const interpreters = parseAll(raw.interpreters, parseInterpreter).sort(byName);
    const drivers = parseAll(raw.drivers, parseDriver).sort(byName);
    const vehicles = parseAll(raw.vehicles, parseVehicle).sort((a, b) =>
      a.plate.localeCompare(b.plate),
    );
    const bookings: Booking[] = [
      ...parseAll(raw.interpreterBookings, parseInterpreterBooking),
      ...parseAll(raw.vehicleTrips, parseVehicleTrip),
    ];
    const buffers = vehicles.map((v) => `${v.id}:${v.turnaroundBufferMinutes}`).join('|');
    let index = this.snapshot.index;
    const fingerprints = new Map<string, string>();
    for (const b of bookings) fingerprints.set(b.id, JSON.stringify(b));
    if (!this.snapshot.loaded || buffers !== this.bufferFingerprint) {
      // Buffers shape every vehicle interval: rebuild when they change.
      index = BookingIndex.build(bookings, {
        horizon: defaultHorizon(this.now()),
        interpreters,
        vehicles,
        drivers,
      });
    } else {
      index.setResources({ interpreters, vehicles, drivers });
      // Incremental: only what changed since the last read.
      for (const id of this.fingerprints.keys()) if (!fingerprints.has(id)) index.remove(id);
      for (const b of bookings) {
        if (this.fingerprints.get(b.id) !== fingerprints.get(b.id)) index.upsert(b);
      }
    }
    this.fingerprints = fingerprints;
    this.bufferFingerprint = buffers;
    this.snapshot = {
      loaded: true,
      interpreters,
      vehicles,
      drivers,
      bookings,
      byId: new Map(bookings.map((b) => [b.id, b])),
      index,
      version: this.snapshot.version + 1,
    };
    for (const listener of this.listeners) listener();
  }

  /** Validates and checks a booking against the index without saving it. */
  check(candidate: unknown, ignoreIds: readonly string[] = []): SaveResult<Booking> {
    const parsed = parseBooking(candidate);
    if (!parsed.ok) return parsed;
    const booking = parsed.value;
    if (booking.officeId !== this.officeId) return refuse({ code: 'bookings.office_mismatch' });
    const index = this.snapshot.index;
    if (booking.kind === 'vehicle' && this.snapshot.loaded) {
      if (!index.vehicles.has(booking.vehicleId)) {
        return refuse({
          code: 'bookings.unknown_resource',
          params: { resourceId: booking.vehicleId },
        });
      }
    }
    const verdict = checkConflicts(booking, index, { ignoreIds });
    if (!verdict.ok) {
      return {
        ok: false,
        error: {
          code: verdict.code,
          params: verdict.params,
          clashes: verdict.clashes,
          nextFreeSlot: verdict.nextFreeSlot,
        },
      };
    }
    return { ok: true, value: booking };
  }

  /** Creates or replaces a booking after validation and the conflict check. */
  async saveBooking(candidate: unknown): Promise<SaveResult<Booking>> {
    // Never check against an index that has not read the table yet.
    if (!this.snapshot.loaded) await this.load();
    const checked = this.check(candidate);
    if (!checked.ok) return checked;
    const booking = checked.value;
    const index = this.snapshot.index;
    const previous = index.get(booking.id);
    // Held in the index before the write awaits, so a second save cannot slip in between.
    index.upsert(booking);
    try {
      await this.db.table(tableOf(booking)).put(booking);
    } catch (error) {
      if (previous) index.upsert(previous);
      else index.remove(booking.id);
      throw error;
    }
    await this.load();
    return checked;
  }

  /**
   * Validates, conflict-checks and writes several bookings in ONE transaction,
   * together with the caller's own writes (`also`): another module's batch
   * (a mission's accepted plan) is all in or all out. Each booking is checked
   * against the index and against the batch's earlier ones.
   */
  async saveBookings(
    candidates: readonly unknown[],
    also?: { readonly tables: readonly string[]; readonly write: () => Promise<void> },
  ): Promise<SaveResult<Booking[]>> {
    if (!this.snapshot.loaded) await this.load();
    const index = this.snapshot.index;
    const before = new Map<string, Booking | undefined>();
    const restore = () => {
      for (const [id, b] of before) {
        if (b) index.upsert(b);
        else index.remove(id);
      }
    };
    const checked: Booking[] = [];
    for (const candidate of candidates) {
      const verdict = this.check(candidate);
      if (!verdict.ok) {
        restore();
        return verdict;
      }
      if (!before.has(verdict.value.id)) before.set(verdict.value.id, index.get(verdict.value.id));
      index.upsert(verdict.value);
      checked.push(verdict.value);
    }
    const tables = new Set([
      TABLES.interpreterBookings,
      TABLES.vehicleTrips,
      ...(also?.tables ?? []),
    ]);
    try {
      await this.db.transaction(
        'rw',
        [...tables].map((t) => this.db.table(t)),
        async () => {
          for (const b of checked) await this.db.table(tableOf(b)).put(b);
          await also?.write();
        },
      );
    } catch (error) {
      restore();
      throw error;
    }
    await this.load();
    return { ok: true, value: checked };
  }

  /** Cancelling never conflicts; the booking stays for the record. */
  async cancelBooking(id: string): Promise<SaveResult<Booking>> {
    const booking = this.snapshot.byId.get(id);
    if (!booking) return refuse({ code: 'bookings.unknown_resource', params: { resourceId: id } });
    return this.saveBooking({ ...booking, status: 'cancelled' });
  }

  /**
   * Edits one occurrence of a series ("this one") or it and every later one
   * ("this and following"). Both records are checked and written in one
   * transaction, so the series and its split-off part never disagree.
   */
  async editOccurrence(
    seriesId: string,
    occurrenceStart: number,
    changes: OccurrenceChanges<Booking>,
    scope: 'this' | 'following',
  ): Promise<SaveResult<Booking>> {
    if (!this.snapshot.loaded) await this.load();
    const series = this.snapshot.byId.get(seriesId);
    if (!series) return refuse({ code: 'bookings.occurrence_not_in_series' });
    const edit = (scope === 'this' ? editThisOccurrence : editThisAndFollowing)(
      series,
      occurrenceStart,
      changes,
      crypto.randomUUID(),
    );
    if (!edit.ok) return edit;
    const { series: updated, created } = edit.value;
    const index = this.snapshot.index;
    // Check the new part against the series as it will be, not as it was.
    if (updated) index.upsert(updated);
    else index.remove(series.id);
    const checked = this.check(created);
    if (!checked.ok) {
      index.upsert(series);
      return checked;
    }
    await this.db.transaction('rw', this.db.table(tableOf(series)), async () => {
      const table = this.db.table(tableOf(series));
      if (updated) await table.put(updated);
      else await table.delete(series.id);
      await table.put(checked.value);
    });
    index.upsert(checked.value);
    await this.load();
    return checked;
  }

  async saveInterpreter(input: unknown): Promise<SaveResult<Interpreter>> {
    return this.saveResource(TABLES.interpreters, parseInterpreter(input));
  }

  async saveVehicle(input: unknown): Promise<SaveResult<Vehicle>> {
    return this.saveResource(TABLES.vehicles, parseVehicle(input));
  }

  async saveDriver(input: unknown): Promise<SaveResult<Driver>> {
    return this.saveResource(TABLES.drivers, parseDriver(input));
  }

  private async saveResource<T extends { officeId: string }>(
    table: string,
    parsed: Result<T>,
  ): Promise<SaveResult<T>> {
    if (!parsed.ok) return parsed;
    if (parsed.value.officeId !== this.officeId)
      return refuse({ code: 'bookings.office_mismatch' });
    await this.db.table(table).put(parsed.value);
    await this.load();
    return parsed;
  }
}

export function tableOf(booking: Pick<Booking, 'kind'>): string {
  return booking.kind === 'vehicle' ? TABLES.vehicleTrips : TABLES.interpreterBookings;
}

function parseBooking(input: unknown): Result<Booking> {
  const kind = (input as { kind?: unknown } | null)?.kind;
  if (kind === 'vehicle') return parseVehicleTrip(input);
  if (kind === 'interpreter') return parseInterpreterBooking(input);
  return { ok: false, error: { code: 'bookings.invalid_record' } };
}

function refuse(error: BookingError): { ok: false; error: SaveRefusal } {
  return { ok: false, error };
}

// One repository per database and office: the index survives moving between screens.
const repositories = new WeakMap<BridgeheadDatabase, Map<string, BookingsRepository>>();

export function repositoryFor(db: BridgeheadDatabase, officeId: string): BookingsRepository {
  let perOffice = repositories.get(db);
  if (!perOffice) repositories.set(db, (perOffice = new Map()));
  let repo = perOffice.get(officeId);
  if (!repo) perOffice.set(officeId, (repo = new BookingsRepository(db, officeId)));
  return repo;
}
