import type { Generated } from 'kysely';

export const CATALOGUE_STATUSES = ['draft', 'proposed', 'approved', 'published', 'superseded', 'withdrawn'] as const;
export type CatalogueStatus = (typeof CATALOGUE_STATUSES)[number];

export interface CatalogueVersionsTable {
  region_code: string;
  id: Generated<string>;
  pack_code: string;
  version_no: number;
  level: 'national' | 'province' | 'city' | 'county';
  extends_code: string | null;
  status: Generated<CatalogueStatus>;
  /** The PolicyPack (jsonb). */
  content: unknown;
  based_on: string | null;
  note: string | null;
  document_number: string | null;
  effective_from: string | null;
  created_by: string;
  created_at: Generated<Date>;
  proposed_by: string | null;
  proposed_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  published_by: string | null;
  published_at: Date | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

declare module '../../db/database' {
  interface Database {
    catalogue_versions: CatalogueVersionsTable;
  }
}
