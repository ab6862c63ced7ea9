-- Service catalogue (基本养老服务清单) and "services find people" (服务找人).
-- 000 三(一)1–3; 002 二(一)1–2 and its attached list; 004 二(一)1, 二(二)5.
--
-- catalogue_versions: one row per version of a locality's list. The content is the policy pack
-- (packages/core/src/policy/pack.ts) as JSON; the life cycle is draft → proposed → approved →
-- published, and a newer published version supersedes the one before it (status 'superseded').
-- The list of a region is a chain: national ← province ← city ← county (content.extends).

create table catalogue_versions (
  region_code      char(6) collate "C" not null,                -- the pack's region ('000000' national)
  id               uuid not null default gen_random_uuid(),
  pack_code        text not null,                                -- LX, CZ, NAT …
  version_no       integer not null,
  level            text not null check (level in ('national','province','city','county')),
  extends_code     text,                                         -- parent pack code
  status           text not null default 'draft'
                   check (status in ('draft','proposed','approved','published','superseded','withdrawn')),
  content          json not null,                                -- the PolicyPack (json, not jsonb: key order is meaningful — definitions are evaluated in order)
  based_on         uuid,                                         -- version this draft was copied from
  note             text,
  document_number  text,                                         -- 文号 of the publishing document
  effective_from   date,                                         -- in force from (published versions)
  created_by       text not null,
  created_at       timestamptz not null default now(),
  proposed_by      text,
  proposed_at      timestamptz,
  approved_by      text,
  approved_at      timestamptz,
  published_by     text,
  published_at     timestamptz,
  version          integer not null default 1,                   -- optimistic lock of the row
  updated_at       timestamptz not null default now(),
  primary key (region_code, id),
  check (status not in ('published','superseded') or (document_number is not null and effective_from is not null))
);
create unique index catalogue_versions_id_uq on catalogue_versions (id);
create unique index catalogue_versions_no_uq on catalogue_versions (pack_code, version_no);
create index catalogue_versions_published_idx on catalogue_versions (region_code, effective_from desc)
  where status = 'published';

-- Eligibility work lists (应享未享 / 不应享而享): one row per person, item and kind, routed to the
-- street (乡镇/街道, 9 digits) of residence. Re-runs write only changes: a discrepancy already open
-- keeps its row (last_seen_run moves); one that disappeared is closed with resolution 'auto'.
create table eligibility_worklist (
  county_code      char(6) collate "C" not null,
  person_id        uuid not null,
  id               uuid not null default gen_random_uuid(),
  region_code      varchar(12) collate "C" not null,             -- person's residence when found
  street_code      varchar(12) collate "C" not null,             -- routed to this street (9 digits or the region)
  kind             text not null check (kind in ('entitled_not_receiving','receiving_not_entitled')),
  item_code        text not null,
  item_name        text not null,
  monthly_cash_fen bigint,
  status           text not null default 'open' check (status in ('open','in_progress','resolved','dismissed')),
  explanation      jsonb not null default '{}',
  catalogue_version_id uuid,
  found_at         timestamptz not null default now(),
  last_seen_run    uuid,
  resolution       text,                                         -- 'auto' when the discrepancy went away
  note             text,
  handled_by       text,
  handled_at       timestamptz,
  version          integer not null default 1,
  updated_at       timestamptz not null default now(),
  primary key (county_code, person_id, id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade on delete cascade
);
create unique index eligibility_worklist_id_uq on eligibility_worklist (id);
-- At most one live (open / in progress) row per person, item and kind.
create unique index eligibility_worklist_live_uq on eligibility_worklist (county_code, person_id, item_code, kind)
  where status in ('open','in_progress');
create index eligibility_worklist_street_idx on eligibility_worklist (street_code, status, kind);

-- Population runs, person re-runs and simulations: who, when, against which version, the figures.
create table eligibility_runs (
  region_code      char(6) collate "C" not null,
  id               uuid not null default gen_random_uuid(),
  kind             text not null check (kind in ('population','simulation')),
  trigger          text not null,                                -- manual, publish, demo, bench, person
  catalogue_version_id uuid,
  as_of            date not null,
  status           text not null default 'running' check (status in ('running','done','failed')),
  persons          integer not null default 0,
  entitlements     integer not null default 0,
  opened           integer not null default 0,
  closed           integer not null default 0,
  unchanged        integer not null default 0,
  result           jsonb not null default '{}',                  -- simulation summary / timings
  error            text,
  started_by       text not null,
  started_at       timestamptz not null default now(),
  finished_at      timestamptz,
  primary key (region_code, id)
);
create unique index eligibility_runs_id_uq on eligibility_runs (id);
create index eligibility_runs_recent_idx on eligibility_runs (region_code, started_at desc);
