-- Allowances and subsidies (津补贴): applications, enrolments, the monthly payroll, service accounts.
-- 000 三(三)8–9; 002 二(一)2,4 and 附件 第7–11项; 003 二(五)18; 004 二(三)6.
-- Programmes are catalogue items (cash / service_credit benefits); they are not stored here, only
-- referenced by their item code (e.g. 'LX-07'). Every table holding people's data carries the
-- county code as the first column of its key.

-- Approval chains per locality, versioned: a case is pinned to the version in force when it started.
create table benefit_approval_chains (
  region_code    varchar(12) collate "C" not null,
  version        integer not null,
  effective_from date not null,
  steps          jsonb not null,            -- [{ step, permission, level, days }]
  created_at     timestamptz not null default now(),
  primary key (region_code, version)
);

-- Applications (申请): by the person, family or staff → street review → county approval.
create table benefit_applications (
  county_code     char(6) collate "C" not null,
  id              uuid not null default gen_random_uuid(),
  person_id       uuid not null,
  region_code     varchar(12) collate "C" not null,
  programme       text not null,
  applicant_kind  text not null check (applicant_kind in ('self','family','staff')),
  applicant_name  text not null,
  applicant_relation text,
  note            text,
  attachments     jsonb not null default '[]',   -- [{ name, sha256, byte_size }]
  chain_region    varchar(12) collate "C" not null,
  chain_version   integer not null,
  step_index      integer not null default 0,
  step_due_on     date,
  status          text not null check (status in ('pending','approved','rejected','withdrawn')),
  applied_on      date not null,
  decided_on      date,
  enrolment_id    uuid,
  version         integer not null default 1,
  created_by      uuid,
  created_at      timestamptz not null default now(),
  primary key (county_code, id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade,
  foreign key (chain_region, chain_version) references benefit_approval_chains (region_code, version)
);
create unique index benefit_applications_id_uq on benefit_applications (id);
-- One open application per person and programme.
create unique index benefit_applications_open_uq on benefit_applications (county_code, person_id, programme) where status = 'pending';
create index benefit_applications_queue_idx on benefit_applications (region_code, status, step_index);

create table benefit_application_steps (
  county_code     char(6) collate "C" not null,
  application_id  uuid not null,
  seq             integer not null,
  step            text not null,
  decision        text not null check (decision in ('submitted','approve','reject','withdraw')),
  reason          text,
  due_on          date,
  overdue         boolean not null default false,
  actor_id        uuid,
  actor_name      text,
  at              timestamptz not null default now(),
  primary key (county_code, application_id, seq),
  foreign key (county_code, application_id) references benefit_applications (county_code, id) on update cascade
);

-- Payee details captured at enrolment (roster columns): the name and ID on the bank file and the
-- 一卡通 account. Encrypted; masked copies for lists.
create table benefit_payees (
  county_code      char(6) collate "C" not null,
  person_id        uuid not null,
  name             text not null,
  id_number_enc    text not null,
  id_number_masked text not null,
  bank             text,
  account_enc      text,
  account_masked   text,
  updated_at       timestamptz not null default now(),
  primary key (county_code, person_id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade
);

-- Enrolments (享受对象): effective-dated by month. end_month is the last paid month.
create table enrolments (
  county_code   char(6) collate "C" not null,
  id            uuid not null default gen_random_uuid(),
  person_id     uuid not null,
  region_code   varchar(12) collate "C" not null,
  programme     text not null,
  benefit_kind  text not null check (benefit_kind in ('cash','service_credit')),
  start_month   char(7) not null check (start_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  end_month     char(7) check (end_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  status        text not null check (status in ('active','suspended','terminated')),
  end_reason    text check (end_reason in ('died','moved_out','lost_eligibility','excluded','withdrawn','other')),
  source        text not null check (source in ('application','auto')),
  has_suspensions boolean not null default false,   -- any 'suspend' change (payroll reads them only then)
  application_id uuid,
  confirmed_by  uuid,
  version       integer not null default 1,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (county_code, id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade,
  -- end_month < start_month: ended before the first payable month (e.g. a death reported late)
  check (status <> 'terminated' or end_reason is not null)
);
create unique index enrolments_id_uq on enrolments (id);
-- One open enrolment per person and programme.
create unique index enrolments_live_uq on enrolments (county_code, person_id, programme) where status <> 'terminated';
create index enrolments_programme_idx on enrolments (county_code, programme, person_id) include (start_month, end_month, status);

-- The enrolment's dated history: start, suspension (from..to month), resume, amount change, termination.
create table enrolment_changes (
  county_code   char(6) collate "C" not null,
  enrolment_id  uuid not null,
  seq           integer not null,
  kind          text not null check (kind in ('start','suspend','resume','amount','terminate','backdate')),
  from_month    char(7) not null,
  to_month      char(7),
  amount_fen    bigint,
  reason        text not null,
  actor_id      uuid,
  at            timestamptz not null default now(),
  primary key (county_code, enrolment_id, seq),
  foreign key (county_code, enrolment_id) references enrolments (county_code, id) on update cascade
);

-- Monthly payroll cycle per county, programme and month (发放批次).
create table payroll_cycles (
  county_code    char(6) collate "C" not null,
  id             uuid not null default gen_random_uuid(),
  programme      text not null,
  month          char(7) not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  status         text not null check (status in ('computing','computed','approved','exported','returned','closed')),
  payment_count  integer not null default 0,
  total_fen      bigint not null default 0,
  content_hash   text,                 -- frozen line set at approval (target 24)
  prepared_by    uuid,
  approved_by    uuid,
  computed_at    timestamptz,
  approved_at    timestamptz,
  exported_at    timestamptz,
  closed_at      timestamptz,
  version        integer not null default 1,
  created_at     timestamptz not null default now(),
  primary key (county_code, id),
  unique (county_code, programme, month),
  check (approved_by is null or prepared_by is null or approved_by <> prepared_by)
);
create unique index payroll_cycles_id_uq on payroll_cycles (id);

-- Payment lines: one per person, programme and entitlement month (period_month) among live
-- attempts. A line paid late (补发 arrears) carries the earlier period_month and the current cycle.
-- A failed line (bank return) stops being live; its re-issue is a new attempt linked to it
-- (original_line_id), at most one re-issue per failed line, and never a second success.
create table payment_lines (
  county_code      char(6) collate "C" not null,
  id               bigint generated always as identity,
  cycle_id         uuid not null,
  person_id        uuid not null,
  region_code      varchar(12) collate "C" not null,
  programme        text not null,
  period_month     char(7) not null,
  kind             text not null check (kind in ('regular','arrears')),
  amount_fen       bigint not null check (amount_fen > 0),
  attempt          integer not null default 1 check (attempt >= 1),
  original_line_id bigint,
  status           text not null check (status in ('computed','approved','exported','paid','failed')),
  fail_reason      text,
  reason           text,
  primary key (county_code, id),
  foreign key (county_code, cycle_id) references payroll_cycles (county_code, id),
  foreign key (county_code, original_line_id) references payment_lines (county_code, id),
  check ((attempt = 1) = (original_line_id is null)),
  check (status <> 'failed' or fail_reason is not null)
);
-- Target 22: never pay twice.
create unique index payment_lines_live_uq on payment_lines (county_code, person_id, programme, period_month) where status <> 'failed';
create unique index payment_lines_reissue_uq on payment_lines (county_code, original_line_id) where original_line_id is not null;
create index payment_lines_cycle_idx on payment_lines (cycle_id, id);
create index payment_lines_person_idx on payment_lines (county_code, person_id, programme, period_month);

-- Enrolled people not paid in a cycle, with the reason (review: 停发原因).
create table payroll_skips (
  county_code  char(6) collate "C" not null,
  cycle_id     uuid not null,
  person_id    uuid not null,
  code         text not null,
  reason       text not null,
  primary key (county_code, cycle_id, person_id),
  foreign key (county_code, cycle_id) references payroll_cycles (county_code, id)
);

-- Adjustments: 追回 (recovery of a payment made for a month after death, reported late).
create table payment_adjustments (
  county_code   char(6) collate "C" not null,
  id            bigint generated always as identity,
  cycle_id      uuid not null,
  person_id     uuid not null,
  programme     text not null,
  period_month  char(7) not null,
  kind          text not null check (kind in ('recovery')),
  amount_fen    bigint not null check (amount_fen < 0),
  line_id       bigint not null,
  reason        text not null,
  status        text not null default 'open' check (status in ('open','settled','waived')),
  created_at    timestamptz not null default now(),
  primary key (county_code, id),
  foreign key (county_code, cycle_id) references payroll_cycles (county_code, id),
  foreign key (county_code, line_id) references payment_lines (county_code, id),
  unique (county_code, line_id)
);

-- Bank return files imported per cycle; the same file twice is recognised by its hash.
create table payroll_returns (
  county_code  char(6) collate "C" not null,
  cycle_id     uuid not null,
  sha256       text not null,
  file_name    text,
  rows         integer not null,
  paid         integer not null,
  failed       integer not null,
  imported_by  uuid,
  imported_at  timestamptz not null default now(),
  primary key (county_code, cycle_id, sha256),
  foreign key (county_code, cycle_id) references payroll_cycles (county_code, id)
);

-- Service accounts (养老服务券 / 爱心卡): a double-entry ledger. Accounts: a person's account per
-- programme, a provider's receivable, the funding source and the expiry sink. Every transaction's
-- entries sum to zero; a person's balance never goes negative.
create table ledger_accounts (
  county_code  char(6) collate "C" not null,
  id           uuid not null default gen_random_uuid(),
  kind         text not null check (kind in ('person','provider','funding','expired')),
  person_id    uuid,
  provider_org uuid,
  programme    text,
  balance_fen  bigint not null default 0,
  created_at   timestamptz not null default now(),
  primary key (county_code, id),
  foreign key (county_code, person_id) references persons (county_code, id) on update cascade,
  check (kind <> 'person' or (person_id is not null and balance_fen >= 0)),
  check (kind <> 'provider' or provider_org is not null)
);
create unique index ledger_accounts_id_uq on ledger_accounts (id);
create unique index ledger_accounts_person_uq on ledger_accounts (county_code, person_id, programme) where kind = 'person';
create unique index ledger_accounts_provider_uq on ledger_accounts (county_code, provider_org) where kind = 'provider';
create unique index ledger_accounts_system_uq on ledger_accounts (county_code, kind) where kind in ('funding','expired');

create table ledger_transactions (
  county_code  char(6) collate "C" not null,
  id           uuid not null default gen_random_uuid(),
  kind         text not null check (kind in ('credit','spend','expire','refund')),
  -- idempotency: 'credit:<person>:<programme>:<month>', 'order:<ref>', 'expire:<account>:<month>'
  ref          text not null,
  on_date      date not null,
  description  text,
  actor_id     uuid,
  created_at   timestamptz not null default now(),
  primary key (county_code, id),
  unique (county_code, ref)
);

create table ledger_entries (
  county_code    char(6) collate "C" not null,
  transaction_id uuid not null,
  account_id     uuid not null,
  amount_fen     bigint not null check (amount_fen <> 0),
  credit_month   char(7),     -- for person credits: the month the credit was granted (expiry)
  primary key (county_code, transaction_id, account_id),
  foreign key (county_code, transaction_id) references ledger_transactions (county_code, id),
  foreign key (county_code, account_id) references ledger_accounts (county_code, id)
);
create index ledger_entries_account_idx on ledger_entries (county_code, account_id);
