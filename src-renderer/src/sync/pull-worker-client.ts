/**
 * The page's side of the pull worker (pull.worker.ts): one module worker per page,
 * started on the first pull, shared by every engine of the page. Where no module
 * Worker can run (Node, happy-dom, a browser without them) or the worker fails to
 * start, `pullWorker()` answers null / `PullWorkerUnavailableError` and the engine
 * pulls in the page instead.
 */
import type { SyncStats } from './stats';
import type { PullWorkerReply, PullWorkerRequest } from './pull-worker-protocol';
import { SyncRequestError } from './transport';

/** The worker could not start or died: pull in the page. */
export class PullWorkerUnavailableError extends Error {
  override readonly name = 'PullWorkerUnavailableError';
}

export interface PullWorkerResult {
  stats: SyncStats;
  serverClockOffsetMs: number | null;
  clockDriftDetected: boolean;
}

/** A failed worker pull: the error, plus what was pulled before it. */
export class PullWorkerFailure extends Error {
  constructor(
    readonly error: Error,
    readonly partial: PullWorkerResult,
  ) {
    super(error.message);
    this.name = 'PullWorkerFailure';
  }
}

type Waiting = {
  resolve: (r: PullWorkerResult) => void;
  reject: (e: Error) => void;
};

export class PullWorkerClient {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  failed: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<PullWorkerReply>) => {
      const reply = event.data;
      const entry = this.waiting.get(reply.id);
      if (!entry) return;
      this.waiting.delete(reply.id);
      const result: PullWorkerResult = {
        stats: reply.stats,
        serverClockOffsetMs: reply.serverClockOffsetMs,
        clockDriftDetected: reply.clockDriftDetected,
      };
      if (reply.type === 'done') {
        entry.resolve(result);
        return;
      }
      const e = reply.error;
      const cause =
        e.kind === 'request'
          ? new SyncRequestError(e.status, e.code, e.message)
          : Object.assign(new Error(e.message), { name: e.name });
      entry.reject(new PullWorkerFailure(cause, result));
    };
    const fail = (message: string) => {
      this.failed = new PullWorkerUnavailableError(`sync pull worker failed: ${message}`);
      for (const entry of this.waiting.values()) entry.reject(this.failed);
      this.waiting.clear();
      worker.terminate();
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      fail(event.message || 'could not start');
    };
    worker.onmessageerror = () => fail('unreadable message');
  }

  pullAll(req: Omit<PullWorkerRequest, 'type' | 'id'>): Promise<PullWorkerResult> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, type: 'pullAll', id } satisfies PullWorkerRequest);
    });
  }
}

/** True where a real module Worker can run (the app, Chromium); false in happy-dom and Node. */
export function moduleWorkersAvailable(): boolean {
  if (typeof Worker !== 'function' || typeof window === 'undefined') return false;
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  return !/HappyDOM|jsdom/i.test(ua);
}

let shared: PullWorkerClient | null | undefined;

/** The page's pull worker, started on first use; null where none can run. */
export function pullWorker(): PullWorkerClient | null {
  if (shared === undefined) {
    shared = null;
    if (moduleWorkersAvailable()) {
      try {
        shared = new PullWorkerClient(
          new Worker(new URL('./pull.worker.ts', import.meta.url), {
            type: 'module',
            name: 'sync-pull',
          }),
        );
      } catch (error) {
        console.warn('[sync] pull worker unavailable, pulling in the page', error);
      }
    }
  }
  return shared?.failed ? null : shared;
}
