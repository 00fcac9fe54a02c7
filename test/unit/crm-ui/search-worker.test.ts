import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabase, type BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  createBuyer,
  deleteBuyer,
  updateBuyer,
  type BuyerDraft,
} from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { CrmIndex } from '../../../src-renderer/src/features/crm/data/crm-index';
import { WorkerSearchBackend } from '../../../src-renderer/src/features/crm/search/backend';
import { SearchEngine } from '../../../src-renderer/src/features/crm/search/engine';
import { SearchHost } from '../../../src-renderer/src/features/crm/search/host';
import type { SearchRequest } from '../../../src-renderer/src/features/crm/search/protocol';

/**
 * A stand-in for `new Worker(search.worker.ts)`: messages are structured-cloned
 * and handled later, one task each, by the same handler the worker runs.
 */
class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly engine = new SearchEngine();
  /** As in search.worker.ts: its own Dexie handle on the database. */
  readonly host = new SearchHost(this.engine, (name) => new Dexie(name));
  received: SearchRequest['type'][] = [];
  private queue = Promise.resolve();
  postMessage(msg: SearchRequest) {
    const copy = structuredClone(msg);
    this.received.push(copy.type);
    this.queue = this.queue.then(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            this.host.handle(copy, (reply) =>
              this.onmessage?.({ data: structuredClone(reply) } as MessageEvent),
            );
            resolve();
          }, 1),
        ),
    );
  }
  fail(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
  terminate() {
    this.host.dispose();
  }
}

const draft = (nameNative: string, nameLatin: string, email: string): BuyerDraft => ({
  buyer: { nameNative, nameLatin, nameScript: 'vi', country: 'VN' },
  contacts: [
    {
      familyName: 'Nguyễn',
      givenName: 'Văn Dũng',
      latinFamily: 'Nguyen',
      latinGiven: 'Van Dung',
      nameScript: 'vi',
      emails: [email],
    },
  ],
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('CRM search in a worker', () => {
  let db: BridgeheadDatabase;
  let worker: FakeWorker;
  let index: CrmIndex;
  let failures: Error[];
  beforeEach(() => {
    db = createDatabase(`crm-worker-${crypto.randomUUID()}`);
    worker = new FakeWorker();
    failures = [];
    index = new CrmIndex(db, {
      backend: (onFailure) =>
        new WorkerSearchBackend(worker as unknown as Worker, (e) => {
          failures.push(e);
          onFailure(e);
        }),
    });
  });
  afterEach(async () => {
    index.dispose();
    db.close();
    await db.delete();
  });

  it('answers asynchronously, without flicker, and follows every write', async () => {
    const a = await createBuyer(
      db,
      'hochiminh',
      draft('Công ty Đại Việt', 'Dai Viet Co.', 'a@daiviet.example'),
    );
    index.start();
    await index.settled();
    expect(index.searchKind).toBe('worker');
    // The worker reads the buyers itself: the page sends none.
    expect(worker.received).toContain('loadFrom');
    expect(worker.received).not.toContain('addPage');

    expect((await index.search('dai viet')).hits.map((h) => h.buyerId)).toEqual([a.buyer.id]);
    expect((await index.search('Đại')).hits[0]?.buyerId).toBe(a.buyer.id);
    expect(worker.engine.size).toBe(1);

    // The synchronous list query: pending first, then the answer once the worker replies.
    const q = (text: string) => index.query({ text, filters: {}, sort: 'name', collation: 'vi' });
    const first = q('nguyen');
    await waitFor(() => !q('nguyen').pending);
    expect(q('nguyen').ids).toEqual([a.buyer.id]);
    expect(first.pending || first.ids.length === 1).toBe(true);
    // While the next query is on its way, the last answer stays on screen.
    const typing = q('nguyen v');
    expect(typing.pending).toBe(true);
    expect(typing.ids).toEqual([a.buyer.id]);

    const b = await createBuyer(
      db,
      'hochiminh',
      draft('Công ty Phú Thịnh', 'Phu Thinh', 'b@phu.example'),
    );
    await index.settled();
    expect((await index.search('phu thinh')).hits.map((h) => h.buyerId)).toEqual([b.buyer.id]);
    // Cached answers are refreshed after a write (stale ones shown meanwhile).
    await waitFor(() => !q('nguyen').pending && q('nguyen').ids.length === 2);

    await updateBuyer(db, b.buyer.id, draft('Công ty Hưng Thịnh', 'Hung Thinh', 'b@phu.example'));
    await index.settled();
    expect((await index.search('phu thinh')).hits).toEqual([]);
    expect((await index.search('hung')).hits.map((h) => h.buyerId)).toEqual([b.buyer.id]);

    await deleteBuyer(db, a.buyer.id);
    await index.settled();
    expect((await index.search('dai viet')).hits).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('falls back to searching in the page when the worker fails', async () => {
    const a = await createBuyer(
      db,
      'hochiminh',
      draft('Công ty Sài Gòn', 'Saigon Co.', 'x@sg.example'),
    );
    index.start();
    await index.settled();
    // The index says the worker failed (a warning, expected here: not printed).
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      worker.fail('boom');
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ message: expect.stringContaining('boom') }),
      );
    } finally {
      warn.mockRestore();
    }
    expect(failures).toHaveLength(1);
    expect(index.searchKind).toBe('in-thread');
    await waitFor(
      () =>
        index.query({ text: 'sai gon', filters: {}, sort: 'name', collation: 'vi' }).ids.length ===
        1,
    );
    expect((await index.search('saigon')).hits[0]?.buyerId).toBe(a.buyer.id);
  });
});
