import type { Generated } from 'kysely';

export interface JobsTable {
  id: Generated<number>;
  type: string;
  payload: unknown;
  status: Generated<'pending' | 'running' | 'done' | 'failed' | 'cancelled'>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_at: Date | null;
  locked_by: string | null;
  progress: unknown;
  result: unknown;
  last_error: string | null;
  idempotency_key: string | null;
  region_code: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface SettingsTable {
  key: string;
  value: unknown;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

declare module '../db/database' {
  interface Database {
    jobs: JobsTable;
    settings: SettingsTable;
  }
}
