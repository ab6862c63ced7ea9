-- Visiting care (探访关爱) for special-hardship elderly: 000 三(二)7, 002 二(一)3, 003 二(二)4, 004 二(二)4.
--
-- visit_roster is this module's projection of the registry: one row per person who has (or had) a
-- special-hardship tag, fed by the registry events person.changed / person.died / person.moved and
-- rebuilt in full from registry.iterateRefs. Due lists and visit rates are local queries on it:
-- `last_visited_on` (the latest successful visit, China date) answers "visited in the current
-- period" without touching the visits table.

create table visit_roster (
  county_code      char(6) collate "C" not null,
  person_id        uuid not null,
  region_code      varchar(12) collate "C" not null,
  grid             text,                                   -- 网格 within the community
  tags             text[] not null default '{}',
  risk_tier        text not null default 'low' check (risk_tier in ('high','medium','low')),
  frequency        text not null default 'monthly' check (frequency in ('weekly','monthly')),
  active           boolean not null default true,          -- on the roster now
  enrolled_on      date not null,
  removed_on       date,
  removed_reason   text check (removed_reason in ('tags_lost','died','moved_out','merged','left_registry')),
  willingness      text not null default 'unknown' check (willingness in ('willing','declined','unknown')),
  willingness_on   date,
  contacts         jsonb not null default '[]',            -- [{name, relation, phone_enc, phone_masked}]
  visitor_id       uuid references users(id),
  visitor_name     text,
  assigned_at      timestamptz,
  last_visited_on  date,
  last_visit_at    timestamptz,
  sync_run         uuid,                                   -- last full rebuild that saw this person
  version          integer not null default 1,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (county_code, person_id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade,
  check (active or removed_on is not null)
);
create unique index visit_roster_person_uq on visit_roster (person_id);
-- Rate and due list by region subtree, current and past periods (index-only scans: the columns the
-- predicates read are included).
create index visit_roster_region_idx on visit_roster (region_code, person_id)
  include (active, frequency, willingness, last_visited_on, enrolled_on, removed_on);
-- A visitor's own people.
create index visit_roster_visitor_idx on visit_roster (visitor_id, region_code, person_id)
  include (frequency, willingness, last_visited_on) where active and visitor_id is not null;

-- Roster timeline (enrolled, removed, tags, region, assignment, risk, willingness, contacts).
create table visit_roster_history (
  county_code  char(6) collate "C" not null,
  person_id    uuid not null,
  id           bigint generated always as identity,
  at           timestamptz not null default now(),
  change       text not null,
  details      jsonb not null default '{}',
  actor        text,
  primary key (county_code, person_id, id),
  foreign key (county_code, person_id) references visit_roster (county_code, person_id) on update cascade
);

create table visits (
  county_code   char(6) collate "C" not null,
  person_id     uuid not null,
  id            uuid not null default gen_random_uuid(),
  region_code   varchar(12) collate "C" not null,          -- the person's region when visited
  visitor_id    uuid references users(id),
  visitor_name  text not null,
  mode          text not null check (mode in ('onsite','phone','video')),
  outcome       text not null check (outcome in ('visited','not_reached')),
  visited_at    timestamptz not null,
  visited_on    date not null,                             -- China calendar date of visited_at
  findings      jsonb not null default '{}',
  risk_level    text check (risk_level in ('high','medium','low')),
  danger        boolean not null default false,
  needs         text,
  note          text,
  recorded_at   timestamptz not null default now(),
  recorded_by   uuid,
  primary key (county_code, person_id, id),
  foreign key (county_code, person_id) references visit_roster (county_code, person_id) on update cascade
);
create unique index visits_id_uq on visits (id);
-- Per person by date (history, failed attempts in a period, "visited in a past period").
create index visits_person_idx on visits (county_code, person_id, visited_on, outcome);
-- By county and date (the shard key first): visit lists, and "who was visited in a past period"
-- as an index-only range scan.
create index visits_county_day_idx on visits (county_code, visited_on) include (person_id, outcome, region_code);
create index visits_visitor_day_idx on visits (visitor_id, visited_on) where visitor_id is not null;

-- Photos taken on a visit, kept in the database (size and type checked, magic bytes verified).
create table visit_attachments (
  county_code   char(6) collate "C" not null,
  person_id     uuid not null,
  visit_id      uuid not null,
  id            uuid not null default gen_random_uuid(),
  content_type  text not null check (content_type in ('image/jpeg','image/png','image/webp')),
  byte_size     integer not null check (byte_size > 0 and byte_size <= 5242880),
  sha256        text not null,
  data          bytea not null,
  created_at    timestamptz not null default now(),
  created_by    uuid,
  primary key (county_code, person_id, visit_id, id),
  foreign key (county_code, person_id, visit_id) references visits (county_code, person_id, id) on update cascade
);
create unique index visit_attachments_id_uq on visit_attachments (id);
create index visit_attachments_visit_idx on visit_attachments (visit_id);

-- Escalation (预警): danger found, repeatedly not reached, or a period passed without a visit.
-- The community and street see them through their region scope; an on-site visit resolves them.
create table visit_alerts (
  county_code          char(6) collate "C" not null,
  id                   uuid not null default gen_random_uuid(),
  person_id            uuid not null,
  region_code          varchar(12) collate "C" not null,
  kind                 text not null check (kind in ('danger','unreachable','overdue')),
  period_key           text,
  reason               text not null,
  source_visit_id      uuid,
  raised_at            timestamptz not null,
  deadline_at          timestamptz not null,
  status               text not null default 'open' check (status in ('open','resolved')),
  resolved_at          timestamptz,
  resolved_by          uuid,
  resolution           text,
  resolution_visit_id  uuid,
  version              integer not null default 1,
  primary key (county_code, id),
  foreign key (county_code, person_id) references visit_roster (county_code, person_id) on update cascade
);
create unique index visit_alerts_id_uq on visit_alerts (id);
-- At most one open alert of each kind per person.
create unique index visit_alerts_open_uq on visit_alerts (county_code, person_id, kind) where status = 'open';
create index visit_alerts_region_idx on visit_alerts (region_code, status, deadline_at);
create index visit_alerts_source_idx on visit_alerts (source_visit_id) where source_visit_id is not null;

-- Referrals (需求转介): a need found by one module, queued for another (services, assessment,
-- benefits). Generic: source_module/source_id say where it came from; the target module takes it
-- from the `visit.referral` event (or its work list) and reports back through the status.
create table referrals (
  county_code    char(6) collate "C" not null,
  id             uuid not null default gen_random_uuid(),
  person_id      uuid not null,
  region_code    varchar(12) collate "C" not null,
  source_module  text not null,
  source_id      uuid,
  target_module  text not null check (target_module in ('services','assessment','benefits')),
  kind           text not null,
  need           text not null,
  status         text not null default 'open' check (status in ('open','accepted','done','rejected')),
  target_ref     text,
  note           text,
  created_at     timestamptz not null default now(),
  created_by     uuid,
  updated_at     timestamptz not null default now(),
  updated_by     uuid,
  version        integer not null default 1,
  primary key (county_code, id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade
);
create unique index referrals_id_uq on referrals (id);
create index referrals_region_idx on referrals (region_code, status, target_module);
create index referrals_source_idx on referrals (source_module, source_id);
