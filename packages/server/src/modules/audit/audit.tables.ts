import type { Generated } from 'kysely';

export interface AuditLogTable {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_org_id: string | null;
  region_code: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: 'success' | 'failure';
  ip: string | null;
  request_id: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: Generated<number>;
  last_seq: number;
  last_hash: string;
}

declare module '../../db/database' {
  interface Database {
    audit_log: AuditLogTable;
    audit_chain_head: AuditChainHeadTable;
  }
}
