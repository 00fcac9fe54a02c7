import type { DuplicateIndex } from '@shared/crm/duplicates';
import {
  planImport,
  readImportSource,
  type ColumnMapping,
  type FileResult,
  type ImportPlan,
  type ImportSource,
  type PlanOptions,
  type RawTable,
  type TextEncodingName,
} from '@shared/crm/io';
import { markParsed } from '@shared/crm/parsed';
import { moduleWorkersAvailable } from '../../../sync/pull-worker-client';
import type { ImportWorkerReply, ImportWorkerRequest } from './import-worker-protocol';

/**
 * The dialog's side of the import worker. Where no module worker can run
 * (happy-dom, Node) the same functions run in the page.
 */

type Pending = { resolve: (r: ImportWorkerReply) => void; reject: (e: Error) => void };
let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, Pending>();
/** Buyers received so far per plan request (they arrive in parts). */
const parts = new Map<number, ImportPlan['buyers']>();

function importWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (!moduleWorkersAvailable()) return null;
  try {
    const w = new Worker(new URL('./import.worker.ts', import.meta.url), {
      type: 'module',
      name: 'crm-import',
    });
    w.onmessage = (event: MessageEvent<ImportWorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'plan-part') {
        // The worker's schema parse output, copied: the commit need not parse it again.
        for (const b of reply.buyers) {
          markParsed(b.buyer);
          b.contacts.forEach(markParsed);
        }
        const got = parts.get(reply.id) ?? [];
        for (const b of reply.buyers) got.push(b);
        parts.set(reply.id, got);
        return;
      }
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if (reply.type === 'error') {
        parts.delete(reply.id);
        entry.reject(new Error(reply.message));
      } else if (reply.type === 'plan') {
        const buyers = parts.get(reply.id) ?? [];
        parts.delete(reply.id);
        entry.resolve({ ...reply, plan: { ...reply.plan, buyers } });
      } else entry.resolve(reply);
    };
    w.onerror = (event) => {
      event.preventDefault?.();
      for (const entry of waiting.values()) entry.reject(new Error('import worker failed'));
      waiting.clear();
      parts.clear();
      w.terminate();
      worker = null;
    };
    worker = w;
  } catch (error) {
    console.warn('[crm] import worker unavailable, importing in the page', error);
  }
  return worker;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function ask(
  w: Worker,
  request: DistributiveOmit<ImportWorkerRequest, 'id'>,
  transfer: Transferable[] = [],
) {
  const id = nextId++;
  return new Promise<ImportWorkerReply>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ ...request, id } as ImportWorkerRequest, transfer);
  });
}

/** `readImportSource` (and `sourceTable` of its first sheet) off the window's thread. */
export async function readSourceOffThread(
  name: string,
  bytes: Uint8Array,
  encoding?: TextEncodingName,
): Promise<{
  result: FileResult<ImportSource>;
  table?: FileResult<{ table: RawTable; sheet: number; headerRow: number }>;
}> {
  const w = importWorker();
  if (!w) return { result: await readImportSource(name, bytes, encoding ? { encoding } : {}) };
  // A copy goes to the worker (the dialog keeps the bytes to re-read with another encoding).
  const copy = bytes.slice();
  const reply = await ask(
    w,
    { type: 'read', name, bytes: copy, ...(encoding ? { encoding } : {}) },
    [copy.buffer],
  );
  if (reply.type !== 'read') throw new Error('import worker: unexpected reply');
  return { result: reply.result, ...(reply.table ? { table: reply.table } : {}) };
}

/** `planImport` (the dry run) off the window's thread. */
export async function planOffThread(
  table: RawTable,
  mapping: ColumnMapping,
  existing: { duplicates: DuplicateIndex; buyerIds: ReadonlySet<string> },
  options: PlanOptions,
): Promise<ImportPlan> {
  const w = importWorker();
  if (!w) return planImport(table, mapping, existing, options);
  const { newId: _newId, ...rest } = options;
  const reply = await ask(w, {
    type: 'plan',
    table,
    mapping,
    duplicates: existing.duplicates.snapshot(),
    buyerIds: existing.buyerIds,
    options: rest,
  });
  if (reply.type !== 'plan') throw new Error('import worker: unexpected reply');
  return reply.plan;
}
