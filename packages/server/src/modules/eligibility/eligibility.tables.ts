import type { Generated } from 'kysely';

export const WORKLIST_KINDS = ['entitled_not_receiving', 'receiving_not_entitled'] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];
export const WORKLIST_STATUSES = ['open', 'in_progress', 'resolved', 'dismissed'] as const;
export type WorklistStatus = (typeof WORKLIST_STATUSES)[number];

export interface EligibilityWorklistTable {
  county_code: string;
  person_id: string;
  id: Generated<string>;
  region_code: string;
  street_code: string;
  kind: WorklistKind;
  item_code: string;
  item_name: string;
  monthly_cash_fen: string | number | null;
  status: Generated<WorklistStatus>;
  explanation: unknown;
  catalogue_version_id: string | null;
  found_at: Generated<Date>;
  last_seen_run: string | null;
  resolution: string | null;
  note: string | null;
  handled_by: string | null;
  handled_at: Date | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface EligibilityRunsTable {
  region_code: string;
  id: Generated<string>;
  kind: 'population' | 'simulation';
  trigger: string;
  catalogue_version_id: string | null;
  as_of: string;
  status: Generated<'running' | 'done' | 'failed'>;
  persons: Generated<number>;
  entitlements: Generated<number>;
  opened: Generated<number>;
  closed: Generated<number>;
  unchanged: Generated<number>;
  result: Generated<unknown>;
  error: string | null;
  started_by: string;
  started_at: Generated<Date>;
  finished_at: Date | null;
}

declare module '../../db/database' {
  interface Database {
    eligibility_worklist: EligibilityWorklistTable;
    eligibility_runs: EligibilityRunsTable;
  }
}
