// Real IndexedDB semantics for Dexie in Node: must load before Dexie.
import 'fake-indexeddb/auto';
