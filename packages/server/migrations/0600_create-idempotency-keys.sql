-- Idempotent submissions (security target 23): a client sends `Idempotency-Key` with a POST that
-- moves money or records a visit; the first response is kept and a replay of the same key returns
-- it instead of acting again. Keys are per user; the region of the user's data scope leads the key
-- (the stored response may carry personal data, and such tables are sharded by region).
create table idempotency_keys (
  region_code    varchar(12) collate "C" not null,
  user_id        uuid not null,
  key            varchar(200) not null,
  route          text not null,                 -- method and route pattern, e.g. POST /api/v1/payroll/cycles/:id/approve
  request_hash   char(64) not null,             -- sha-256 of method, URL and body: the same key with another request is refused
  status         text not null check (status in ('in_progress', 'done')),
  status_code    integer,
  content_type   text,
  response_body  text,
  created_at     timestamptz not null,
  completed_at   timestamptz,
  primary key (region_code, user_id, key)
);
create index idempotency_keys_created on idempotency_keys (created_at);
