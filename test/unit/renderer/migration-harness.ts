import Dexie from 'dexie';
import { defineVersions } from '../../../src-renderer/src/data/db';
import type { SchemaVersion } from '../../../src-renderer/src/data/schema';

/**
 * Reusable harness for schema migrations: creates a database as an older
 * build would have left it, then opens it with a newer version list, the way
 * a laptop updates in the field.
 */
export interface MigrationScenario {
  /** Unique per test: fake-indexeddb is shared by the whole file. */
  name: string;
  /** The full version list of the newer build (e.g. SCHEMA_VERSIONS plus a hypothetical next one). */
  versions: readonly SchemaVersion[];
  /** The version the old build ran. */
  fromVersion: number;
  /** Writes the data the old build had, through the old schema. */
  seed: (db: Dexie) => Promise<void>;
}

export function versionsUpTo(versions: readonly SchemaVersion[], version: number): SchemaVersion[] {
  const list = versions.filter((v) => v.version <= version);
  if (list.at(-1)?.version !== version) throw new Error(`no schema version ${version}`);
  return list;
}

export function openWith(name: string, versions: readonly SchemaVersion[]): Dexie {
  const db = new Dexie(name);
  defineVersions(db, versions);
  return db;
}

/** Seeds at `fromVersion`, closes, reopens with every version; the caller closes the result. */
export async function upgradeFrom(scenario: MigrationScenario): Promise<Dexie> {
  const old = openWith(scenario.name, versionsUpTo(scenario.versions, scenario.fromVersion));
  await old.open();
  await scenario.seed(old);
  old.close();

  const upgraded = openWith(scenario.name, scenario.versions);
  await upgraded.open();
  return upgraded;
}

let counter = 0;
export function uniqueDbName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2)}`;
}
