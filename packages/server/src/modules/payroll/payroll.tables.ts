import type { Generated } from 'kysely';

export type CycleStatusValue = 'computing' | 'computed' | 'approved' | 'exported' | 'returned' | 'closed';
export type LineStatus = 'computed' | 'approved' | 'exported' | 'paid' | 'failed';

export interface PayrollCyclesTable {
  county_code: string;
  id: Generated<string>;
  programme: string;
  month: string;
  status: CycleStatusValue;
  payment_count: Generated<number>;
  total_fen: Generated<number>;
  content_hash: string | null;
  prepared_by: string | null;
  approved_by: string | null;
  computed_at: Date | null;
  approved_at: Date | null;
  exported_at: Date | null;
  closed_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface PaymentLinesTable {
  county_code: string;
  id: Generated<number>;
  cycle_id: string;
  person_id: string;
  region_code: string;
  programme: string;
  period_month: string;
  kind: 'regular' | 'arrears';
  amount_fen: number;
  attempt: Generated<number>;
  original_line_id: number | null;
  status: LineStatus;
  fail_reason: string | null;
  reason: string | null;
}

export interface PaymentAdjustmentsTable {
  county_code: string;
  id: Generated<number>;
  cycle_id: string;
  person_id: string;
  programme: string;
  period_month: string;
  kind: 'recovery';
  amount_fen: number;
  line_id: number;
  reason: string;
  status: Generated<'open' | 'settled' | 'waived'>;
  created_at: Generated<Date>;
}

export interface PayrollReturnsTable {
  county_code: string;
  cycle_id: string;
  sha256: string;
  file_name: string | null;
  rows: number;
  paid: number;
  failed: number;
  imported_by: string | null;
  imported_at: Generated<Date>;
}

declare module '../../db/database' {
  interface Database {
    payroll_cycles: PayrollCyclesTable;
    payment_lines: PaymentLinesTable;
    payment_adjustments: PaymentAdjustmentsTable;
    payroll_returns: PayrollReturnsTable;
  }
}

export interface PayrollSkipsTable {
  county_code: string;
  cycle_id: string;
  person_id: string;
  code: string;
  reason: string;
}
declare module '../../db/database' {
  interface Database {
    payroll_skips: PayrollSkipsTable;
  }
}
