// Real IndexedDB semantics for Dexie in Node: must load before Dexie.
import 'fake-indexeddb/auto';
import { configure } from '@testing-library/dom';
import { SCHEMA_VERSIONS } from '../src-renderer/src/app-schema';
import { setAppSchema } from '../src-renderer/src/data/schema';
import { setDataKey } from '../src-renderer/src/data/encryption/data-key';
import { newDataKey } from '../src-renderer/src/data/encryption/cipher';

// CI machines have 2 cores: screens that read IndexedDB before their first
// paint can take more than testing-library's 1 s default to appear.
configure({ asyncUtilTimeout: 10_000 });

// What bootstrap.tsx does before the app opens its database: `new BridgeheadDatabase(name)`
// gets the app's composed schema.
setAppSchema(SCHEMA_VERSIONS);

// What bootstrap.tsx does with the platform's key source: the window's data key (issue 14).
setDataKey(newDataKey());
