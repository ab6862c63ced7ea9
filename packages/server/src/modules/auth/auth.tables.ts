export interface SessionsTable {
  id_hash: string;
  user_id: string;
  stage: 'full' | 'password_change' | 'mfa_enroll';
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

declare module '../../db/database' {
  interface Database {
    sessions: SessionsTable;
  }
}
