// Minimal types for the bench page's use of pouchdb-browser (no @types package needed).
declare module 'pouchdb-browser' {
  interface ReplicationResult {
    ok: boolean;
    docs_written: number;
  }
  class PouchDB {
    constructor(name: string);
    replicate: {
      from(source: string, options?: { batch_size?: number }): Promise<ReplicationResult>;
    };
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<void>;
  }
  export default PouchDB;
}
