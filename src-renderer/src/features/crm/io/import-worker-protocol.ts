import type { DuplicateIndexSnapshot } from '@shared/crm/duplicates';
import type {
  ColumnMapping,
  FileResult,
  ImportPlan,
  ImportSource,
  PlanOptions,
  RawTable,
  TextEncodingName,
} from '@shared/crm/io';

/** Messages between the import dialog and its worker (read and dry run off the window's thread). */
export type ImportWorkerRequest =
  | {
      type: 'read';
      id: number;
      name: string;
      bytes: Uint8Array;
      encoding?: TextEncodingName;
    }
  | {
      type: 'plan';
      id: number;
      table: RawTable;
      mapping: ColumnMapping;
      duplicates: DuplicateIndexSnapshot;
      buyerIds: ReadonlySet<string>;
      options: Omit<PlanOptions, 'newId'>;
    };

export type ImportWorkerReply =
  | {
      type: 'read';
      id: number;
      result: FileResult<ImportSource>;
      /** The first sheet with its detected header row, made in the worker too. */
      table?: FileResult<{ table: RawTable; sheet: number; headerRow: number }>;
    }
  /** The planned buyers in slices (each message its own task in the window: no long task). */
  | { type: 'plan-part'; id: number; buyers: ImportPlan['buyers'] }
  /** The plan without its buyers, after every part. */
  | { type: 'plan'; id: number; plan: ImportPlan }
  | { type: 'error'; id: number; message: string };
