import type Dexie from 'dexie';
import type { SearchResult } from '@shared/crm/search-index';
import type { BuyerRecord, SearchEngine } from './engine';
import type { SearchReply, SearchRequest } from './protocol';
import { yieldToUi } from '../../../platform/yield-to-ui';
import { sealingKeyFor } from '../../../data/encryption/data-key';

/**
 * Where the CRM search index lives: a Web Worker in the app, the page itself
 * where no Worker exists (unit tests, happy-dom). Same calls either way; the
 * in-thread one can also answer synchronously.
 */
export interface SearchBackend {
  readonly kind: 'worker' | 'in-thread';
  /** Resolves once the backend can answer (the in-thread engine is loaded on demand). */
  whenLoaded(): Promise<void>;
  beginLoad(): void;
  /** Resolves when the page may be followed by the next one (the in-thread backend works in slices). */
  addPage(records: BuyerRecord[]): Promise<void>;
  endLoad(): void;
  upsert(records: BuyerRecord[]): void;
  remove(buyerIds: string[]): void;
  /**
   * `complete`: waits for a load in progress (else answers from what is loaded,
   * marked `partial`).
   */
  search(query: string, limit: number, complete?: boolean): Promise<SearchResult>;
  /**
   * Worker only: the worker loads every buyer from the database `dbName` itself
   * (instead of beginLoad/addPage/endLoad from the page), reporting its progress
   * to `onProgress` (buyers loaded so far; `done` at the end).
   */
  loadFrom?(dbName: string, onProgress: (loaded: number, done: boolean) => void): void;
  /**
   * Loads the documents of a persisted snapshot (search/db-load.ts) instead of any
   * other load; `onRejected` when they cannot be used (the caller then loads from
   * the data). Absent on backends that cannot.
   */
  loadSnapshot?(
    db: Dexie,
    snapshot: { keys: string[]; fingerprint: string },
    onProgress: (loaded: number, done: boolean) => void,
    onRejected: (message: string) => void,
  ): void;
  /** Every current document, encoded in chunks (to save a snapshot), and their fingerprint. */
  exportDocuments?(chunk: number): Promise<{ chunks: string[]; fingerprint: string }>;
  /** Resolves once every call made so far has been applied (the worker's documents built). */
  whenIdle(): Promise<void>;
  /** In-thread only: the answer right away. */
  searchNow?(query: string, limit: number): SearchResult;
  dispose(): void;
}

/** Longest stretch of in-thread work between two yields to the UI. */
const SLICE_MS = 12;
const EMPTY: SearchResult = { hits: [], truncated: false };

/**
 * The engine in the page. Its code (pinyin-pro, libphonenumber) is import()ed
 * so the app's first load does not carry it: in the app the worker has its
 * own copy, and this fallback loads only where no worker runs. Calls made
 * before the engine arrives are queued in order.
 */
export class InThreadSearchBackend implements SearchBackend {
  readonly kind = 'in-thread' as const;
  private engine: SearchEngine | null = null;
  private queued: ((engine: SearchEngine) => void)[] = [];
  private loaded: Promise<void>;
  private warming: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private generation = 0;
  private snapshotLoad: Promise<void> = Promise.resolve();

  constructor() {
    this.loaded = import('./engine').then(({ SearchEngine }) => {
      const engine = new SearchEngine();
      for (const op of this.queued.splice(0)) op(engine);
      this.engine = engine;
    });
    // Callers that wait for the engine see a failed load; unawaited, it is not an unhandled
    // rejection (e.g. the page or a test going away while the code is still loading).
    this.loaded.catch(() => undefined);
  }

  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  private run(op: (engine: SearchEngine) => void): void {
    if (this.engine) op(this.engine);
    else this.queued.push(op);
  }

  beginLoad(): void {
    this.generation++; // a snapshot load in progress stops
    this.run((e) => e.beginLoad());
  }

  async addPage(records: BuyerRecord[]): Promise<void> {
    await this.loaded;
    const engine = this.engine!;
    // A few buyers at a time: documents cost ~0.15 ms each (pinyin, phone variants).
    let start = performance.now();
    for (let i = 0; i < records.length; i += 50) {
      engine.addPage(records.slice(i, i + 50));
      if (performance.now() - start > SLICE_MS) {
        await yieldToUi();
        start = performance.now();
      }
    }
  }

  endLoad(): void {
    this.run((engine) => {
      engine.endLoad();
      const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => number })
        .requestIdleCallback;
      const later = (cb: () => void) => {
        if (this.disposed) return;
        if (idle) idle(cb);
        else this.warming = setTimeout(cb, 50);
      };
      const step = () => {
        if (engine.warmUpNext()) later(step);
      };
      later(step);
    });
  }

  upsert(records: BuyerRecord[]): void {
    this.run((e) => e.upsert(records));
  }

  remove(buyerIds: string[]): void {
    this.run((e) => e.remove(buyerIds));
  }

  async search(query: string, limit: number, complete?: boolean): Promise<SearchResult> {
    // In the page the load is awaited by the caller (addPage); a snapshot load is not.
    await this.loaded;
    if (complete) await this.snapshotLoad;
    return this.engine!.search(query, limit);
  }

  loadSnapshot(
    db: Dexie,
    snapshot: { keys: string[]; fingerprint: string },
    onProgress: (loaded: number, done: boolean) => void,
    onRejected: (message: string) => void,
  ): void {
    const generation = ++this.generation;
    const current = () => generation === this.generation && !this.disposed;
    // Begun in call order: upserts made after this call land in the new load.
    this.run((e) => e.beginLoad());
    // Like the engine, its loader comes with the search code (import()ed: not in the first load).
    this.snapshotLoad = Promise.all([this.loaded, import('./db-load')])
      .then(([, { loadEngineFromSnapshot }]) =>
        loadEngineFromSnapshot(
          this.engine!,
          db,
          { ...snapshot, dataKey: sealingKeyFor(db.name) },
          current,
          (n) => onProgress(n, false),
        ),
      )
      .then(
        () => {
          if (current()) onProgress(this.engine!.size, true);
        },
        (error: unknown) => {
          if (current()) onRejected(error instanceof Error ? error.message : String(error));
        },
      );
  }

  async exportDocuments(chunk: number): Promise<{ chunks: string[]; fingerprint: string }> {
    await this.loaded;
    const { documentsFingerprint } = await import('./engine');
    return { chunks: this.engine!.exportDocuments(chunk), fingerprint: documentsFingerprint() };
  }

  searchNow(query: string, limit: number): SearchResult {
    return this.engine ? this.engine.search(query, limit) : EMPTY;
  }

  async whenIdle(): Promise<void> {
    await this.loaded;
    await this.snapshotLoad;
  }

  dispose(): void {
    this.disposed = true;
    if (this.warming !== null) clearTimeout(this.warming);
  }
}

export class WorkerSearchBackend implements SearchBackend {
  readonly kind = 'worker' as const;
  private nextId = 1;
  private waiting = new Map<
    number,
    { resolve: (r: SearchResult) => void; reject: (e: Error) => void }
  >();
  private pinging = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;
  private onProgress: ((loaded: number, done: boolean) => void) | null = null;
  private onRejected: ((message: string) => void) | null = null;
  private exporting = new Map<
    number,
    {
      resolve: (r: { chunks: string[]; fingerprint: string }) => void;
      reject: (e: Error) => void;
    }
  >();

  constructor(
    private readonly worker: Worker,
    onFailure: (error: Error) => void,
  ) {
    const fail = (error: Error) => {
      this.failed = error;
      for (const entry of [
        ...this.waiting.values(),
        ...this.pinging.values(),
        ...this.exporting.values(),
      ])
        entry.reject(this.failed);
      this.waiting.clear();
      this.pinging.clear();
      this.exporting.clear();
      onFailure(this.failed);
    };
    worker.onmessage = (event: MessageEvent<SearchReply>) => {
      const reply = event.data;
      if (reply.type === 'loadProgress') {
        this.onProgress?.(reply.loaded, reply.done);
        return;
      }
      if (reply.type === 'loadFailed') {
        // The worker could not read the database: the page takes over (in-thread).
        fail(new Error(`crm search worker could not load: ${reply.message}`));
        return;
      }
      if (reply.type === 'snapshotRejected') {
        this.onRejected?.(reply.message);
        return;
      }
      if (reply.type === 'docs') {
        this.exporting.get(reply.id)?.resolve(reply);
        this.exporting.delete(reply.id);
        return;
      }
      if (reply.type === 'pong') {
        this.pinging.get(reply.id)?.resolve();
        this.pinging.delete(reply.id);
        return;
      }
      const entry = this.waiting.get(reply.id);
      if (!entry) return;
      this.waiting.delete(reply.id);
      if (reply.type === 'result') entry.resolve(reply.result);
      else entry.reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      fail(new Error(`crm search worker failed: ${event.message ?? 'unknown'}`));
    };
  }

  whenLoaded(): Promise<void> {
    return Promise.resolve();
  }

  private post(msg: SearchRequest): void {
    if (!this.failed) this.worker.postMessage(msg);
  }

  beginLoad(): void {
    this.post({ type: 'beginLoad' });
  }

  addPage(records: BuyerRecord[]): Promise<void> {
    this.post({ type: 'addPage', records });
    return Promise.resolve();
  }

  endLoad(): void {
    this.post({ type: 'endLoad' });
  }

  upsert(records: BuyerRecord[]): void {
    this.post({ type: 'upsert', records });
  }

  remove(buyerIds: string[]): void {
    this.post({ type: 'remove', buyerIds });
  }

  loadFrom(dbName: string, onProgress: (loaded: number, done: boolean) => void): void {
    this.onProgress = onProgress;
    this.post({ type: 'loadFrom', dbName, dataKey: sealingKeyFor(dbName) });
  }

  loadSnapshot(
    db: Dexie,
    snapshot: { keys: string[]; fingerprint: string },
    onProgress: (loaded: number, done: boolean) => void,
    onRejected: (message: string) => void,
  ): void {
    this.onProgress = onProgress;
    this.onRejected = onRejected;
    this.post({
      type: 'loadSnapshot',
      dbName: db.name,
      dataKey: sealingKeyFor(db.name),
      ...snapshot,
    });
  }

  exportDocuments(chunk: number): Promise<{ chunks: string[]; fingerprint: string }> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.exporting.set(id, { resolve, reject });
      this.post({ type: 'exportDocs', id, chunk });
    });
  }

  search(query: string, limit: number, complete?: boolean): Promise<SearchResult> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'search', id, query, limit, ...(complete ? { complete } : {}) });
    });
  }

  whenIdle(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pinging.set(id, { resolve, reject });
      this.post({ type: 'ping', id });
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const entry of [
      ...this.waiting.values(),
      ...this.pinging.values(),
      ...this.exporting.values(),
    ])
      entry.reject(new Error('crm search disposed'));
    this.waiting.clear();
    this.pinging.clear();
    this.exporting.clear();
  }
}

/** True where a real module Worker can run (the app, Chromium); false in happy-dom and Node. */
export function workersAvailable(): boolean {
  if (typeof Worker !== 'function' || typeof window === 'undefined') return false;
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  return !/HappyDOM|jsdom/i.test(ua);
}

/** The search worker where possible, else the in-thread fallback. */
export function createSearchBackend(onWorkerFailure: (error: Error) => void): SearchBackend {
  if (workersAvailable()) {
    try {
      const worker = new Worker(new URL('./search.worker.ts', import.meta.url), {
        type: 'module',
        name: 'crm-search',
      });
      return new WorkerSearchBackend(worker, onWorkerFailure);
    } catch (error) {
      console.warn('crm: search worker unavailable, searching in the page', error);
    }
  }
  return new InThreadSearchBackend();
}
