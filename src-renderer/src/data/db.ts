import Dexie, { type Table } from 'dexie';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { appSchema, assertValidSchemaVersions, type SchemaVersion } from './schema';
import { createSyncMiddleware } from '../sync/middleware';
import { createChangeLogMiddleware } from './change-log';
import { createEncryptionMiddleware } from './encryption/middleware';
import { dataKey, registerSealing } from './encryption/data-key';
import { SealingKeys } from './encryption/sealing-keys';

export const DATABASE_NAME = 'bridgehead';

export interface SettingRow {
  key: string;
  value: unknown;
}

export class BridgeheadDatabase extends Dexie {
  declare settings: Table<SettingRow, string>;
  /** The key this database seals with, replaceable while open (null: the benches' plain baseline). */
  readonly sealingKeys: SealingKeys | null;
  /** Hears this database's committed local changes (its sync service; null when none). */
  private localChangeListener: (() => void) | null = null;

  constructor(
    name: string = DATABASE_NAME,
    versions: readonly SchemaVersion[] = appSchema(),
    /** `sealed: false`: no encryption layer — the benches' same-run plain baseline only. */
    options: { key?: Uint8Array; sealed?: boolean } = {},
  ) {
    super(name);
    defineVersions(this, versions);
    // Personal values are sealed under every other layer (issue 14, data/encryption).
    const key = options.sealed === false ? null : (options.key ?? dataKey());
    const keys = key ? new SealingKeys(key) : null;
    this.sealingKeys = keys;
    if (key && keys) this.use(createEncryptionMiddleware({ key, keys }));
    registerSealing(name, key);
    // Every write to a synced table is recorded for HQ in the same transaction.
    this.use(
      createSyncMiddleware({
        registry: DEFAULT_TABLE_REGISTRY,
        onOutboxCommitted: () => this.localChangeListener?.(),
      }),
    );
    // Every write to a table a persisted cache derives from is logged in the same transaction.
    this.use(createChangeLogMiddleware());
  }

  /**
   * Lets this database's sync service hear about local changes recorded for HQ (one
   * listener per database: a second window or test database never wakes another's runner).
   */
  onLocalChangesCommitted(listener: (() => void) | null): void {
    this.localChangeListener = listener;
  }
}

/** Declares every version in order; shared with the migration test harness. */
export function defineVersions(db: Dexie, versions: readonly SchemaVersion[]): void {
  assertValidSchemaVersions(versions);
  for (const { version, stores, upgrade } of versions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
}

export function createDatabase(name: string = DATABASE_NAME): BridgeheadDatabase {
  return new BridgeheadDatabase(name);
}
