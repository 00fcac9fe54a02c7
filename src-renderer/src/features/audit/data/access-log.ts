/**
 * The one writer of this laptop's access records. Each entry is chained to the last one
 * (seq + 1, prevHash = its hash) inside ONE readwrite transaction on the log: IndexedDB runs
 * readwrite transactions on a store one at a time, so two windows (or two writers) can never
 * read the same head and fork the chain. Within a window, appends are also queued so each
 * waits for the one before (order of calls = order of seq).
 */
import Dexie, { type Table } from 'dexie';
import {
  accessInputSchema,
  sealEntry,
  subjectCount,
  GENESIS_HASH,
  type AccessEntry,
  type AccessInput,
  type Actor,
} from '@shared/audit';
import { ACCESS_LOG } from './stores';

export type ActorSource = () => Actor;

export const NO_ACTOR: Actor = { staffId: null, staffName: null, deviceId: null, officeId: null };

export class AccessLog {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly table: Table<AccessEntry, number>;

  constructor(
    private readonly db: Dexie,
    private actor: ActorSource = () => NO_ACTOR,
    private readonly now: () => number = Date.now,
  ) {
    this.table = db.table<AccessEntry, number>(ACCESS_LOG);
  }

  /** The composition root names who acts (the linked person, the device, the office). */
  setActorSource(actor: ActorSource): void {
    this.actor = actor;
  }

  currentActor(): Actor {
    return this.actor();
  }

  /**
   * Appends one entry; resolves with it once committed. Invalid input throws before
   * anything is written (an export without a reason cannot be recorded, so it must not run).
   */
  record(input: AccessInput): Promise<AccessEntry> {
    const parsed = accessInputSchema.parse(input);
    const actor = this.actor();
    const at = this.now();
    const run = this.tail.then(() => this.append(parsed, actor, at));
    // The queue continues after a failure; the caller still sees it.
    this.tail = run.catch(() => undefined);
    return run;
  }

  private append(
    input: ReturnType<typeof accessInputSchema.parse>,
    actor: Actor,
    at: number,
  ): Promise<AccessEntry> {
    // Its own transaction even when called from inside another one (a save's callback).
    return Dexie.ignoreTransaction(() =>
      this.db.transaction('rw', this.table, async () => {
        const head = await this.table.orderBy(':id').last();
        const entry = sealEntry({
          v: 1,
          seq: (head?.seq ?? 0) + 1,
          at,
          deviceId: actor.deviceId,
          officeId: actor.officeId,
          staffId: actor.staffId,
          staffName: actor.staffName,
          action: input.action,
          object: input.object,
          format: input.format,
          subjects: input.subjects,
          count: subjectCount(input.subjects),
          reason: input.reason,
          prevHash: head?.hash ?? GENESIS_HASH,
        });
        await this.table.add(entry);
        return entry;
      }),
    );
  }

  /** Resolves when every append asked so far has committed (or failed). */
  async flushed(): Promise<void> {
    await this.tail;
  }

  /** Entries after `seq`, oldest first (the push reads these). */
  after(seq: number, limit: number): Promise<AccessEntry[]> {
    return this.table.where(':id').above(seq).limit(limit).toArray();
  }

  all(): Promise<AccessEntry[]> {
    return this.table.orderBy(':id').toArray();
  }
}

const logs = new WeakMap<Dexie, AccessLog>();

/** The log of a database (one per database and window). */
export function getAccessLog(db: Dexie): AccessLog {
  let log = logs.get(db);
  if (!log) {
    log = new AccessLog(db);
    logs.set(db, log);
  }
  return log;
}
