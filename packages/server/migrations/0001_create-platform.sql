-- Platform foundation: regions, organisations, roles, users, sessions, audit trail, jobs, settings.
-- Runs on PGlite (PostgreSQL 18) and PostgreSQL 15+: no extensions, gen_random_uuid() is core.
-- Region codes use COLLATE "C" so `code LIKE '330781%'` (data scope) can use a btree index.

create table regions (
  code           varchar(12) collate "C" primary key,
  name           text not null,
  level          text not null check (level in ('country','province','city','county','township','village')),
  parent_code    varchar(12) collate "C" references regions(code),
  source_edition text not null,
  valid_from     date,
  valid_to       date
);
create index regions_parent_idx on regions (parent_code);

create table organisations (
  id                  uuid primary key default gen_random_uuid(),
  region_code         varchar(12) collate "C" not null references regions(code),
  parent_id           uuid references organisations(id),
  name                text not null,
  type                text not null,
  unified_credit_code text,
  contact_phone       text,
  status              text not null default 'active' check (status in ('active','inactive')),
  version             integer not null default 1,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);
create index organisations_region_idx on organisations (region_code);
create unique index organisations_name_region_uq on organisations (region_code, name);

create table roles (
  code        text primary key,
  name        text not null,
  description text not null default '',
  is_system   boolean not null default false,
  require_mfa boolean not null default false,
  permissions text[] not null default '{}',
  version     integer not null default 1,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table users (
  id                   uuid primary key default gen_random_uuid(),
  username             text not null,
  display_name         text not null,
  org_id               uuid not null references organisations(id),
  password_hash        text not null,
  must_change_password boolean not null default false,
  password_changed_at  timestamptz,
  totp_secret_enc      text,
  totp_pending_enc     text,
  totp_enabled         boolean not null default false,
  totp_last_step       bigint,
  failed_login_count   integer not null default 0,
  locked_until         timestamptz,
  last_login_at        timestamptz,
  status               text not null default 'active' check (status in ('active','disabled')),
  version              integer not null default 1,
  created_by           uuid,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now()
);
create unique index users_username_uq on users (lower(username));
create index users_org_idx on users (org_id);

create table user_roles (
  user_id   uuid not null references users(id) on delete cascade,
  role_code text not null references roles(code),
  primary key (user_id, role_code)
);

create table sessions (
  id_hash      text primary key,
  user_id      uuid not null references users(id) on delete cascade,
  stage        text not null check (stage in ('full','password_change','mfa_enroll')),
  created_at   timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at   timestamptz not null,
  revoked_at   timestamptz,
  ip           text,
  user_agent   text
);
create index sessions_user_idx on sessions (user_id);

-- Audit trail: append-only and hash-chained. seq is contiguous (taken under the chain-head lock),
-- so a removed row shows as a gap and an edited row as a hash mismatch.
create table audit_log (
  seq            bigint primary key,
  at             timestamptz not null,
  actor_id       uuid,
  actor_username text,
  actor_org_id   uuid,
  region_code    varchar(12) collate "C",
  action         text not null,
  entity_type    text,
  entity_id      text,
  outcome        text not null check (outcome in ('success','failure')),
  ip             text,
  request_id     text,
  before         jsonb,
  after          jsonb,
  details        jsonb,
  prev_hash      text not null,
  hash           text not null
);
create index audit_log_at_idx on audit_log (at);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);
create index audit_log_actor_idx on audit_log (actor_id);
create index audit_log_region_idx on audit_log (region_code);

create table audit_chain_head (
  id       integer primary key check (id = 1),
  last_seq bigint not null,
  last_hash text not null
);
insert into audit_chain_head (id, last_seq, last_hash) values (1, 0, 'genesis');

create function audit_log_reject_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_update_delete before update or delete on audit_log
  for each row execute function audit_log_reject_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_reject_change();

-- DB-backed job queue (architecture guide §9): FOR UPDATE SKIP LOCKED on a server, one in-process
-- worker on PGlite. idempotency_key makes enqueueing the same work twice a no-op.
create table jobs (
  id              bigint generated always as identity primary key,
  type            text not null,
  payload         jsonb not null default '{}',
  status          text not null default 'pending' check (status in ('pending','running','done','failed','cancelled')),
  run_at          timestamptz not null default now(),
  attempts        integer not null default 0,
  max_attempts    integer not null default 5,
  locked_at       timestamptz,
  locked_by       text,
  progress        jsonb,
  result          jsonb,
  last_error      text,
  idempotency_key text unique,
  -- Region whose data the job touches: the job list is filtered by data scope like everything else.
  region_code     varchar(12) collate "C",
  created_by      uuid,
  created_at      timestamptz not null default now(),
  finished_at     timestamptz
);
create index jobs_pending_idx on jobs (run_at) where status = 'pending';

-- Runtime settings (参数): e.g. whether the first-start bootstrap ran.
create table settings (
  key        text primary key,
  value      jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by uuid
);
