export interface RegionsTable {
  code: string;
  name: string;
  level: 'country' | 'province' | 'city' | 'county' | 'township' | 'village';
  parent_code: string | null;
  source_edition: string;
  valid_from: string | null;
  valid_to: string | null;
}

declare module '../../db/database' {
  interface Database {
    regions: RegionsTable;
  }
}
