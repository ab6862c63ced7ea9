declare module '../db/database' {
  interface Database {
    idempotency_keys: IdempotencyKeysTable;
  }
}

export interface IdempotencyKeysTable {
  region_code: string;
  user_id: string;
  key: string;
  route: string;
  request_hash: string;
  status: 'in_progress' | 'done';
  status_code: number | null;
  content_type: string | null;
  response_body: string | null;
  created_at: Date;
  completed_at: Date | null;
}
