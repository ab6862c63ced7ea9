-- Elderly registry (老年人档案): one record per person, keyed by county (shard key) and id.
-- Sensitive values are stored encrypted (AES-256-GCM, *_enc) with a keyed HMAC (*_hmac) for exact
-- look-up and a pre-computed mask (*_masked) for display; plaintext never reaches the table.
-- Frequently filtered facts are copied onto the person row as of today (maintained by the
-- registry service); the history with provenance lives in person_facts.

create table persons (
  county_code        char(6) collate "C" not null,
  id                 uuid not null default gen_random_uuid(),
  region_code        varchar(12) collate "C" not null references regions(code),
  hukou_region_code  varchar(12) collate "C",
  id_type            text not null default 'resident'
                     check (id_type in ('resident','hk_mo_permit','tw_permit','passport','foreign_permanent','other')),
  id_number_enc      text not null,
  id_number_hmac     text not null,
  id_number_masked   text not null,
  name               text not null,
  sex                text check (sex in ('male','female')),
  birth_date         date,
  phone_enc          text,
  phone_hmac         text,
  phone_masked       text,
  address            text,
  alive              boolean not null default true,
  death_date         date,
  status             text not null default 'active' check (status in ('active','deceased','moved_out','merged')),
  merged_into        uuid,
  economic_status    text not null default 'none',
  capability_grade   smallint,
  disability_category text,
  disability_level   smallint,
  living_arrangement text not null default 'with_family',
  tags               text[] not null default '{}',
  version            integer not null default 1,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  primary key (county_code, id)
);
create unique index persons_id_uq on persons (id);
create unique index persons_identity_uq on persons (id_type, id_number_hmac);
create index persons_region_idx on persons (region_code);
create index persons_name_idx on persons (name);
create index persons_phone_idx on persons (phone_hmac) where phone_hmac is not null;
create index persons_birth_idx on persons (birth_date);

-- Facts with provenance and time. Valid time: [valid_from, valid_to). Transaction time:
-- recorded_at .. superseded_at, so "what did we know on date X about date Y" has an answer.
create table person_facts (
  county_code       char(6) collate "C" not null,
  person_id         uuid not null,
  id                bigint generated always as identity,
  fact              text not null,
  value             jsonb not null,
  valid_from        date not null,
  valid_to          date,
  source_type       text not null check (source_type in ('import','user','assessment','event','system')),
  source_department text,
  source_ref        text,
  recorded_at       timestamptz not null default now(),
  recorded_by       uuid,
  superseded_at     timestamptz,
  primary key (county_code, person_id, id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade on delete cascade,
  check (valid_to is null or valid_to > valid_from)
);
create index person_facts_current_idx on person_facts (county_code, person_id, fact, valid_from)
  where superseded_at is null;
