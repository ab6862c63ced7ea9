import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: Generated<string>;
  region_code: string;
  parent_id: string | null;
  name: string;
  type: string;
  unified_credit_code: string | null;
  contact_phone: string | null;
  status: Generated<'active' | 'inactive'>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

declare module '../../db/database' {
  interface Database {
    organisations: OrganisationsTable;
  }
}
