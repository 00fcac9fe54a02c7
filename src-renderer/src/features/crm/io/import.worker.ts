/// <reference lib="webworker" />
// The import's reading (decoding, CSV/XLSX/vCard parsing) and dry run (mapping,
// validation, duplicates) in their own thread: 10,000 rows take seconds, and the
// window must stay responsive meanwhile.
import { DuplicateIndex } from '@shared/crm/duplicates';
import { planImport, readImportSource, sourceTable } from '@shared/crm/io';
import type { ImportWorkerReply, ImportWorkerRequest } from './import-worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Buyers per reply message: the window copies each in a few milliseconds. */
const PART = 200;

scope.onmessage = async (event: MessageEvent<ImportWorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'read') {
      const result = await readImportSource(
        request.name,
        request.bytes,
        request.encoding ? { encoding: request.encoding } : {},
      );
      const table = result.ok ? sourceTable(result.value) : undefined;
      scope.postMessage({
        type: 'read',
        id: request.id,
        result,
        ...(table ? { table } : {}),
      } satisfies ImportWorkerReply);
      return;
    }
    const plan = planImport(
      request.table,
      request.mapping,
      {
        duplicates: DuplicateIndex.fromSnapshot(request.duplicates),
        buyerIds: request.buyerIds,
      },
      { ...request.options, newId: () => crypto.randomUUID() },
    );
    for (let i = 0; i < plan.buyers.length; i += PART) {
      scope.postMessage({
        type: 'plan-part',
        id: request.id,
        buyers: plan.buyers.slice(i, i + PART),
      } satisfies ImportWorkerReply);
    }
    scope.postMessage({
      type: 'plan',
      id: request.id,
      plan: { ...plan, buyers: [] },
    } satisfies ImportWorkerReply);
  } catch (error) {
    scope.postMessage({
      type: 'error',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    } satisfies ImportWorkerReply);
  }
};
