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
