// Real IndexedDB semantics for Dexie in Node: must load before Dexie.
import 'fake-indexeddb/auto';
import { configure } from '@testing-library/dom';

// CI machines have 2 cores: screens that read IndexedDB before their first
// paint can take more than testing-library's 1 s default to appear.
configure({ asyncUtilTimeout: 10_000 });
