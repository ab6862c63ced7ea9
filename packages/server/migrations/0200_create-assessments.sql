-- Capability assessment (老年人能力综合评估, GB/T 42195-2022): assessments with their workflow state,
-- an append-only action log per assessment, a per-county number counter (A.1.1 评估编号), and the
-- re-assessment schedule (one row per assessed person: last published grade and next due date).
-- The form and the frozen result are health data: stored encrypted (AES-256-GCM, *_enc); only the
-- published final grade is plain (it is also the registry's capability_grade fact).

create table assessment_counters (
  county_code char(6) collate "C" not null,
  year        integer not null,
  last_no     integer not null,
  primary key (county_code, year)
);

create table assessments (
  county_code        char(6) collate "C" not null,
  id                 uuid not null default gen_random_uuid(),
  person_id          uuid not null,
  region_code        varchar(12) collate "C" not null,
  number             text not null,
  -- A.2.1–A.2.3 as recorded on the form (a snapshot, like the paper form)
  person_name        text not null,
  person_birth_date  date,
  person_sex         text check (person_sex in ('male','female')),
  reason             text not null check (reason in ('first','routine','immediate','dispute')),
  channel            text not null check (channel in ('applicant','staff','subsidy','admission','change_report','schedule')),
  status             text not null check (status in ('requested','assigned','in_progress','submitted','reviewed','published','objected','cancelled')),
  applicant_name     text,
  applicant_relation text,
  request_note       text,
  source_module      text,
  source_ref         text,
  requested_by       uuid,
  requested_by_name  text,
  requested_at       timestamptz not null,
  agency_org_id      uuid references organisations(id),
  agency_name        text,
  assessor1_id       uuid references users(id),
  assessor1_name     text,
  assessor2_id       uuid references users(id),
  assessor2_name     text,
  assigned_at        timestamptz,
  assessment_date    date,
  form_enc           text,
  result_enc         text,
  submitted_at       timestamptz,
  submitted_by       uuid,
  reviewer_id        uuid,
  reviewer_name      text,
  reviewed_at        timestamptz,
  review_comment     text,
  publisher_id       uuid,
  publisher_name     text,
  published_at       timestamptz,
  published_date     date,
  grade              smallint check (grade between 0 and 4),
  next_due_date      date,
  disputes_id        uuid,
  dispute_id         uuid,
  objection_reason   text,
  objected_at        timestamptz,
  objected_by_name   text,
  cancel_reason      text,
  version            integer not null default 1,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  primary key (county_code, id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade,
  check (assessor1_id is null or assessor1_id <> assessor2_id)
);
create unique index assessments_id_uq on assessments (id);
create unique index assessments_number_uq on assessments (number);
create index assessments_person_idx on assessments (county_code, person_id);
create index assessments_region_idx on assessments (region_code);
create index assessments_status_idx on assessments (status);
create index assessments_agency_idx on assessments (agency_org_id) where agency_org_id is not null;
create index assessments_assessor1_idx on assessments (assessor1_id) where assessor1_id is not null;
create index assessments_assessor2_idx on assessments (assessor2_id) where assessor2_id is not null;
-- At most one assessment in progress per person (a concurrent second request fails here).
create unique index assessments_one_open_uq on assessments (county_code, person_id)
  where status in ('requested','assigned','in_progress','submitted','reviewed');

-- Append-only log of every workflow action. Rows move with their assessment when a person is
-- re-keyed to another county (ON UPDATE CASCADE); nothing else may change or remove them.
create table assessment_actions (
  county_code   char(6) collate "C" not null,
  assessment_id uuid not null,
  id            bigint generated always as identity,
  action        text not null,
  from_status   text,
  to_status     text,
  actor_id      uuid,
  actor_name    text not null,
  at            timestamptz not null,
  comment       text,
  details       jsonb,
  primary key (county_code, assessment_id, id),
  foreign key (county_code, assessment_id) references assessments (county_code, id) on update cascade
);

create function assessment_actions_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if (new.assessment_id, new.id, new.action, new.from_status, new.to_status, new.actor_id, new.actor_name, new.at, new.comment, new.details::text)
       is not distinct from
       (old.assessment_id, old.id, old.action, old.from_status, old.to_status, old.actor_id, old.actor_name, old.at, old.comment, old.details::text)
    then
      return new; -- re-keyed to another county, content unchanged
    end if;
  end if;
  raise exception 'assessment_actions is append-only' using errcode = 'insufficient_privilege';
end
$$;
create trigger assessment_actions_no_change before update or delete on assessment_actions
  for each row execute function assessment_actions_append_only();
create trigger assessment_actions_no_truncate before truncate on assessment_actions
  for each statement execute function assessment_actions_append_only();

-- Re-assessment schedule and current-grade projection: one row per person with a published result.
create table assessment_schedule (
  county_code          char(6) collate "C" not null,
  person_id            uuid not null,
  region_code          varchar(12) collate "C" not null,
  person_name          text not null,
  birth_date           date,
  last_assessment_id   uuid not null,
  last_grade           smallint not null check (last_grade between 0 and 4),
  last_assessment_date date not null,
  next_due_date        date not null,
  reminded_for         date,
  reminded_at          timestamptz,
  active               boolean not null default true,
  updated_at           timestamptz not null default now(),
  primary key (county_code, person_id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade on delete cascade
);
create index assessment_schedule_due_idx on assessment_schedule (next_due_date) where active;
create index assessment_schedule_region_idx on assessment_schedule (region_code);
