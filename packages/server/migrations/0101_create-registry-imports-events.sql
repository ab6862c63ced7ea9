-- Registry, part 2: import batches with per-row errors, conflicts between departments, life
-- events, likely duplicates; indexes for lists over a million persons.

create table person_import_batches (
  id            uuid primary key default gen_random_uuid(),
  region_code   varchar(12) collate "C" not null,
  source        text not null,
  file_name     text,
  file_sha256   text not null,
  content_type  text not null,
  status        text not null default 'queued' check (status in ('queued','running','done','failed')),
  bytes_total   bigint,
  bytes_done    bigint not null default 0,
  rows_done     integer not null default 0,
  accepted      integer not null default 0,
  rejected      integer not null default 0,
  created       integer not null default 0,
  updated       integer not null default 0,
  unchanged     integer not null default 0,
  conflicts     integer not null default 0,
  error_message text,
  job_id        bigint,
  created_by    uuid,
  created_at    timestamptz not null default now(),
  finished_at   timestamptz
);
create index person_import_batches_region_idx on person_import_batches (region_code, created_at desc);

-- Rejected rows: the cells as uploaded (encrypted: they may hold ID numbers and phones) and one
-- entry per bad cell, for the response and the XLSX error report.
create table person_import_errors (
  batch_id   uuid not null references person_import_batches (id) on delete cascade,
  row_number integer not null,
  errors     jsonb not null,
  cells_enc  text not null,
  primary key (batch_id, row_number)
);

-- Disagreements between sources (docs/registry-import.md): an import that lost to a more
-- authoritative source ('kept'), or that replaced another department's value ('applied').
create table person_fact_conflicts (
  county_code         char(6) collate "C" not null,
  person_id           uuid not null,
  id                  bigint generated always as identity,
  fact                text not null,
  incoming_value      jsonb not null,
  incoming_source     text not null,
  incoming_valid_from date not null,
  current_value       jsonb not null,
  current_source      text not null,
  outcome             text not null check (outcome in ('kept','applied')),
  status              text not null default 'open' check (status in ('open','resolved')),
  resolution          text,
  resolved_by         uuid,
  resolved_at         timestamptz,
  batch_id            uuid,
  created_at          timestamptz not null default now(),
  primary key (county_code, person_id, id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade on delete cascade
);
-- Re-importing the same file lists a disagreement once.
create unique index person_fact_conflicts_open_uq on person_fact_conflicts
  (county_code, person_id, fact, incoming_source, md5(incoming_value::text)) where status = 'open';
create index person_fact_conflicts_status_idx on person_fact_conflicts (status, county_code);

create table person_events (
  county_code       char(6) collate "C" not null,
  person_id         uuid not null,
  id                bigint generated always as identity,
  type              text not null,
  effective_date    date not null,
  details           jsonb not null default '{}',
  source_type       text not null,
  source_department text,
  source_ref        text,
  recorded_at       timestamptz not null default now(),
  recorded_by       uuid,
  primary key (county_code, person_id, id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade on delete cascade
);

create table person_duplicates (
  county_code char(6) collate "C" not null,
  id          bigint generated always as identity,
  person_a    uuid not null,
  person_b    uuid not null,
  reason      text not null check (reason in ('same_name_birth','id_one_digit')),
  status      text not null default 'open' check (status in ('open','merged','dismissed')),
  detected_at timestamptz not null default now(),
  decided_by  uuid,
  decided_at  timestamptz,
  primary key (county_code, id),
  unique (person_a, person_b, reason),
  check (person_a < person_b)
);

-- Lists over a million persons (bench/registry-search.ts): region subtree in list order (this
-- replaces the plain region index); name prefix search needs pattern ops (the column's collation
-- is the database's, where LIKE 'x%' cannot use a plain btree); tag filters use GIN.
drop index persons_region_idx;
drop index persons_name_idx;
create index persons_region_name_idx on persons (region_code, name, id);
create index persons_name_prefix_idx on persons (name text_pattern_ops);
create index persons_tags_idx on persons using gin (tags);
