import type { Transaction } from 'dexie';

/**
 * One version of the local database schema. The app's list of versions is composed from
 * the features' store specs in src/app-schema.ts (the composition root), which also says
 * how to change it; this module only knows its shape and rules.
 */
export interface SchemaVersion {
  readonly version: number;
  /** Dexie store specs: 'primaryKey, index1, index2' */
  readonly stores: Readonly<Record<string, string | null>>;
  readonly upgrade?: (transaction: Transaction) => Promise<void> | void;
}

let appVersions: readonly SchemaVersion[] | null = null;

/** The composition root hands over the app's schema before any database opens. */
export function setAppSchema(versions: readonly SchemaVersion[]): void {
  assertValidSchemaVersions(versions);
  appVersions = versions;
}

/** The app's schema; a database opened before the composition root set it would be empty. */
export function appSchema(): readonly SchemaVersion[] {
  if (!appVersions) {
    throw new Error('the app schema is not set: call setAppSchema(SCHEMA_VERSIONS) first');
  }
  return appVersions;
}

/** Rejects lists Dexie would mis-apply: versions must be positive integers, strictly increasing. */
export function assertValidSchemaVersions(versions: readonly SchemaVersion[]): void {
  let previous = 0;
  for (const { version } of versions) {
    if (!Number.isInteger(version) || version <= previous) {
      throw new Error(
        `schema versions must be increasing positive integers (got ${version} after ${previous})`,
      );
    }
    previous = version;
  }
}
