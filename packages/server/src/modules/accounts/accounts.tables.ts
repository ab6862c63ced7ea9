import type { Generated } from 'kysely';

export interface LedgerAccountsTable {
  county_code: string;
  id: Generated<string>;
  kind: 'person' | 'provider' | 'funding' | 'expired';
  person_id: string | null;
  provider_org: string | null;
  programme: string | null;
  balance_fen: Generated<number>;
  created_at: Generated<Date>;
}
export interface LedgerTransactionsTable {
  county_code: string;
  id: Generated<string>;
  kind: 'credit' | 'spend' | 'expire' | 'refund';
  ref: string;
  on_date: string;
  description: string | null;
  actor_id: string | null;
  created_at: Generated<Date>;
}
export interface LedgerEntriesTable {
  county_code: string;
  transaction_id: string;
  account_id: string;
  amount_fen: number;
  credit_month: string | null;
}
declare module '../../db/database' {
  interface Database {
    ledger_accounts: LedgerAccountsTable;
    ledger_transactions: LedgerTransactionsTable;
    ledger_entries: LedgerEntriesTable;
  }
}
