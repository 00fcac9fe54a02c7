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
  /**
   * Who revoked it (0010): `hq` (the Laptops screen or `devices:revoke`), `device` (the laptop
   * itself, unlinking), `relink` (replaced by a new link of the same laptop); null: not revoked,
   * or revoked before 0010.
   */
  revoked_by: string | null;
  /** App version the laptop reported with its last sync (`bridgehead-app-version`). */
  app_version: string | null;
  /** The staff member the laptop is linked for (0008; null: linked before, or unnamed). */
  staff_id: string | null;
}

/** HQ's staff members laptops are linked for (0008). The id stays when a name is corrected. */
export interface StaffTable {
  id: string;
  name: string;
  created_at: number;
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
  /** Who the code is for (printed by enroll:code, shown in devices:list). */
  person: string | null;
  /** The staff member the code links a laptop for (0008; `person` keeps the name typed). */
  staff_id: string | null;
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
  /** Device and staff member whose push wrote this version (0008; null: earlier, or HQ's CLI). */
  changed_by_device: string | null;
  changed_by_staff: string | null;
}

/** Records that shared a (table, id) with another office's before ids became unique (0006). */
export interface RecordIdClashesTable extends RecordsTable {
  moved_at: number;
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

// ---- HQ reports (migration 0002): typed read models kept in step with `records` in the
// push transaction (src-hq/reports/projection.ts). Money in integer minor units.

/** Surrogate integer ids for text keys (buyer identity keys, firm ids, delegation keys). */
export interface ReportKeysTable {
  kid: Generated<number>;
  kind: string; // 'buyer' | 'firm'
  key: string;
}

export interface ReportBuyersTable {
  office_id: string;
  id: string;
  buyer_key: string;
  buyer_kid: number;
  country: string;
  name_native: string;
  name_latin: string;
  industries: string; // JSON string[]
  deleted: number;
}

export interface ReportSmeFirmsTable {
  id: string;
  name_ko: string;
  name_en: string;
  industry: string;
  deleted: number;
}

export interface ReportTalksTable {
  office_id: string;
  id: string;
  /** Office-local month of startsAt (YYYY-MM). */
  month: string;
  starts_at: string;
  buyer_id: string;
  buyer_kid: number;
  buyer_key: string;
  buyer_country: string;
  sme_firm_id: string;
  firm_kid: number;
  stage: string;
  neg_currency: string | null;
  neg_minor: number | null;
  con_currency: string | null;
  con_minor: number | null;
  exp_currency: string | null;
  exp_minor: number | null;
  deleted: number;
}

/** A talk under each industry of its buyer ('unspecified' when none). */
export interface ReportTalkIndustriesTable {
  office_id: string;
  talk_id: string;
  industry: string;
  month: string;
}

/** Pre-aggregated sums: kind 'held' (currency ''), 'neg', 'con', 'exp'. */
export interface ReportMoneyCellsTable {
  office_id: string;
  month: string;
  kind: string;
  currency: string;
  talks: number;
  minor: number;
}

/** Talk refcounts per (office, month, buyer key): distinct buyers per office. */
export interface ReportBuyerMonthsTable {
  office_id: string;
  month: string;
  buyer_kid: number;
  talks: number;
}

/** Talk refcounts per (month, buyer key) over every office: province-wide distinct buyers. */
export interface ReportProvinceBuyerMonthsTable {
  month: string;
  buyer_kid: number;
  talks: number;
}

export interface ReportFirmMonthsTable {
  office_id: string;
  month: string;
  firm_kid: number;
  talks: number;
}

export interface ReportProvinceFirmMonthsTable {
  month: string;
  firm_kid: number;
  talks: number;
}

/** Booked milliseconds of a non-cancelled booking per office-local month. */
/** Talk refcounts per (year, key) over every office: distinct counts of whole years. */
export interface ReportProvinceBuyerYearsTable {
  year: string;
  buyer_kid: number;
  talks: number;
}

export interface ReportProvinceFirmYearsTable {
  year: string;
  firm_kid: number;
  talks: number;
}

export interface ReportBookingHoursTable {
  office_id: string;
  kind: string; // 'interpreter' | 'vehicle'
  booking_id: string;
  month: string;
  ms: number;
}

export interface ReportDelegationsTable {
  office_id: string;
  kind: string;
  booking_id: string;
  month: string;
  delegation_key: string;
}

/** A trade mission (issue 13), for the per-mission report and the dashboard's mission filter. */
export interface ReportMissionsTable {
  office_id: string;
  id: string;
  name: string;
  kind: string;
  status: string;
  /** First and last local date of the visit (`YYYY-MM-DD`). */
  arrival: string;
  departure: string;
}

/** A mission's meeting (not deleted): its status and the trade talk its outcome became. */
export interface ReportMissionMeetingsTable {
  office_id: string;
  meeting_id: string;
  mission_id: string;
  status: string;
  talk_id: string | null;
}

export interface ReportResourcesTable {
  office_id: string;
  kind: string; // 'interpreter' | 'vehicle'
  id: string;
  active: number;
}

export interface ReportOfficeStatusTable {
  office_id: string;
  /** Latest accepted change of the office's data (any device, also HQ). */
  last_change_at: number;
}

/** Every accepted change of a shared `fxRates` month row. */
export interface FxRateHistoryTable {
  id: Generated<number>;
  month: string;
  device_id: string;
  changed_at: number;
  old_data: string | null; // JSON row before (null: none / deleted)
  new_data: string | null; // JSON row after (null: deleted)
}

/** A laptop release published with `hq releases:publish` (files under HQ_RELEASES_DIR). */
export interface ReleasesTable {
  version: string;
  published_at: number;
  /** Share of laptops (0-100) offered this release, unless their office has its own. */
  rollout_percent: number;
  paused: number; // 0/1: not offered to anyone until resumed
  /** Rolled back: never offered again (laptops that installed it wait for a higher one). */
  withdrawn_at: number | null;
  notes: string | null;
  files: string; // JSON ReleaseFile[]
  channel_files: string; // JSON Record<'latest.yml' | 'latest-mac.yml' | ..., UpdateInfo>
}

export interface ReleaseOfficeRolloutsTable {
  version: string;
  office_id: string;
  rollout_percent: number;
}

export interface AccessEntriesTable {
  device_id: string;
  seq: number;
  office_id: string | null;
  at: number;
  action: string;
  object: string;
  staff_id: string | null;
  staff_name: string | null;
  subject_count: number;
  reason_code: string | null;
  hash: string;
  /** The entry as the laptop sent it (JSON), its hash verifiable by anyone. */
  entry: string;
  received_at: number;
}

export interface AccessChainsTable {
  device_id: string;
  head_seq: number;
  head_hash: string;
}

export interface AccessChainFlagsTable {
  id: Generated<number>;
  device_id: string;
  office_id: string | null;
  seq: number;
  kind: string;
  missing: number | null;
  detail: string | null;
  detected_at: number;
}

export interface AccessReviewsTable {
  month: string;
  office_id: string;
  reviewed_at: number;
  reviewer_device_id: string;
  reviewer: string;
  note: string;
}

export interface HqSchema {
  access_entries: AccessEntriesTable;
  access_chains: AccessChainsTable;
  access_chain_flags: AccessChainFlagsTable;
  access_reviews: AccessReviewsTable;
  offices: OfficesTable;
  devices: DevicesTable;
  staff: StaffTable;
  clients: ClientsTable;
  enrollment_codes: EnrollmentCodesTable;
  records: RecordsTable;
  record_id_clashes: RecordIdClashesTable;
  conflicts: ConflictsTable;
  report_keys: ReportKeysTable;
  report_buyers: ReportBuyersTable;
  report_sme_firms: ReportSmeFirmsTable;
  report_talks: ReportTalksTable;
  report_talk_industries: ReportTalkIndustriesTable;
  report_money_cells: ReportMoneyCellsTable;
  report_buyer_months: ReportBuyerMonthsTable;
  report_province_buyer_months: ReportProvinceBuyerMonthsTable;
  report_firm_months: ReportFirmMonthsTable;
  report_province_firm_months: ReportProvinceFirmMonthsTable;
  report_province_buyer_years: ReportProvinceBuyerYearsTable;
  report_province_firm_years: ReportProvinceFirmYearsTable;
  report_booking_hours: ReportBookingHoursTable;
  report_delegations: ReportDelegationsTable;
  report_resources: ReportResourcesTable;
  report_missions: ReportMissionsTable;
  report_mission_meetings: ReportMissionMeetingsTable;
  report_office_status: ReportOfficeStatusTable;
  fx_rate_history: FxRateHistoryTable;
  releases: ReleasesTable;
  release_office_rollouts: ReleaseOfficeRolloutsTable;
}
