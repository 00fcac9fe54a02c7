/**
 * Table types for kysely. Columns are portable between SQLite and PostgreSQL:
 * JSON is stored as text, booleans as 0/1 integers, instants as epoch millis.
 */
import type { Generated } from 'kysely';

export interface OfficesTable {
  /** Office id, or the pseudo-office `_shared` that partitions shared tables. */
  id: string;
  kind: string; // 'overseas' | 'hq' | 'shared'
  country: string;
  time_zone: string;
  currency: string;
  local_language: string;
  names: string; // JSON Record<Language, string>
  /** Next pull sequence number of this partition (gap-free, from 1). */
  next_seq: number;
  /** Changes when the partition's history is rewritten (restore): clients reset. */
  epoch: string;
  /** Tombstones with seq <= horizon were purged: older cursors must reset. */
  horizon_seq: number;
  created_at: number;
}

export interface DevicesTable {
  id: string;
  name: string;
  /** null = HQ device (reads every office). */
  office_id: string | null;
  credential_hash: string;
  created_at: number;
  last_sync_at: number | null;
  revoked_at: number | null;
}

export interface ClientsTable {
  device_id: string;
  client_id: string;
  last_mutation_id: number;
  last_seen_at: number;
}

export interface EnrollmentCodesTable {
  code_hash: string;
  office_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  device_id: string | null;
}

export interface RecordsTable {
  /** Partition: the office id, or `_shared`. */
  office_id: string;
  tbl: string;
  id: string;
  data: string; // JSON
  field_hlc: string; // JSON register -> hlc
  deleted: number;
  deleted_hlc: string | null;
  seq: number;
  updated_at: number;
}

export interface ConflictsTable {
  id: Generated<number>;
  office_id: string;
  tbl: string;
  record_id: string;
  kind: string;
  detail: string; // JSON
  created_at: number;
  resolved_at: number | null;
}

export interface HqSchema {
  offices: OfficesTable;
  devices: DevicesTable;
  clients: ClientsTable;
  enrollment_codes: EnrollmentCodesTable;
  records: RecordsTable;
  conflicts: ConflictsTable;
}
