import { documentsFingerprint, type SearchEngine } from './engine';
import type { SearchReply, SearchRequest } from './protocol';

/** Applies one message to the engine (the search worker's whole job; tests drive it directly). */
export function handleSearchRequest(
  engine: SearchEngine,
  msg: SearchRequest,
  reply: (r: SearchReply) => void,
): void {
  switch (msg.type) {
    case 'beginLoad':
      engine.beginLoad();
      return;
    case 'addPage':
      engine.addPage(msg.records);
      return;
    case 'endLoad':
      engine.endLoad();
      return;
    case 'upsert':
      engine.upsert(msg.records);
      return;
    case 'remove':
      engine.remove(msg.buyerIds);
      return;
    case 'ping':
      reply({ type: 'pong', id: msg.id });
      return;
    case 'loadFrom':
    case 'loadSnapshot':
      // Only the worker host (host.ts) loads from a database.
      throw new Error(`crm search: ${msg.type} needs a SearchHost`);
    case 'exportDocs':
      reply({
        type: 'docs',
        id: msg.id,
        chunks: engine.exportDocuments(msg.chunk),
        fingerprint: documentsFingerprint(),
      });
      return;
    case 'search':
      try {
        reply({ type: 'result', id: msg.id, result: engine.search(msg.query, msg.limit) });
      } catch (error) {
        reply({ type: 'error', id: msg.id, message: String(error) });
      }
      return;
  }
}
