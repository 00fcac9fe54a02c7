import Dexie, { type Table } from 'dexie';
import { SCHEMA_VERSIONS, assertValidSchemaVersions, type SchemaVersion } from './schema';

export const DATABASE_NAME = 'bridgehead';

export interface SettingRow {
  key: string;
  value: unknown;
}

export class BridgeheadDatabase extends Dexie {
  declare settings: Table<SettingRow, string>;

  constructor(name: string = DATABASE_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name);
    defineVersions(this, versions);
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
