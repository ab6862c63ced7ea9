import type { Generated } from 'kysely';

export interface PersonsTable {
  county_code: string;
  id: Generated<string>;
  region_code: string;
  hukou_region_code: string | null;
  id_type: Generated<'resident' | 'hk_mo_permit' | 'tw_permit' | 'passport' | 'foreign_permanent' | 'other'>;
  id_number_enc: string;
  id_number_hmac: string;
  id_number_masked: string;
  name: string;
  sex: 'male' | 'female' | null;
  birth_date: string | null;
  phone_enc: string | null;
  phone_hmac: string | null;
  phone_masked: string | null;
  address: string | null;
  alive: Generated<boolean>;
  death_date: string | null;
  status: Generated<'active' | 'deceased' | 'moved_out' | 'merged'>;
  merged_into: string | null;
  economic_status: Generated<string>;
  capability_grade: number | null;
  disability_category: string | null;
  disability_level: number | null;
  living_arrangement: Generated<string>;
  tags: Generated<string[]>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PersonFactsTable {
  county_code: string;
  person_id: string;
  id: Generated<number>;
  fact: string;
  value: unknown;
  valid_from: string;
  valid_to: string | null;
  source_type: 'import' | 'user' | 'assessment' | 'event' | 'system';
  source_department: string | null;
  source_ref: string | null;
  recorded_at: Generated<Date>;
  recorded_by: string | null;
  superseded_at: Date | null;
}

declare module '../../db/database' {
  interface Database {
    persons: PersonsTable;
    person_facts: PersonFactsTable;
  }
}

export interface PersonImportBatchesTable {
  id: Generated<string>;
  region_code: string;
  source: string;
  file_name: string | null;
  file_sha256: string;
  content_type: string;
  status: Generated<string>;
  bytes_total: number | null;
  bytes_done: Generated<number>;
  rows_done: Generated<number>;
  accepted: Generated<number>;
  rejected: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  conflicts: Generated<number>;
  error_message: string | null;
  job_id: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface PersonImportErrorsTable {
  batch_id: string;
  row_number: number;
  errors: unknown;
  cells_enc: string;
}

export interface PersonFactConflictsTable {
  county_code: string;
  person_id: string;
  id: Generated<number>;
  fact: string;
  incoming_value: unknown;
  incoming_source: string;
  incoming_valid_from: string;
  current_value: unknown;
  current_source: string;
  outcome: string;
  status: Generated<string>;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  batch_id: string | null;
  created_at: Generated<Date>;
}

export interface PersonEventsTable {
  county_code: string;
  person_id: string;
  id: Generated<number>;
  type: string;
  effective_date: string;
  details: unknown;
  source_type: string;
  source_department: string | null;
  source_ref: string | null;
  recorded_at: Generated<Date>;
  recorded_by: string | null;
}

export interface PersonDuplicatesTable {
  county_code: string;
  id: Generated<number>;
  person_a: string;
  person_b: string;
  reason: string;
  status: Generated<string>;
  detected_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Date | null;
}

declare module '../../db/database' {
  interface Database {
    person_import_batches: PersonImportBatchesTable;
    person_import_errors: PersonImportErrorsTable;
    person_fact_conflicts: PersonFactConflictsTable;
    person_events: PersonEventsTable;
    person_duplicates: PersonDuplicatesTable;
  }
}
