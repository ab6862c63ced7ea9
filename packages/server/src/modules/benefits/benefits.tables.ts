import type { Generated } from 'kysely';
import type { ChainStep } from '@yiyang/core';

export interface BenefitApprovalChainsTable {
  region_code: string;
  version: number;
  effective_from: string;
  steps: ChainStep[];
  created_at: Generated<Date>;
}

export interface BenefitApplicationsTable {
  county_code: string;
  id: Generated<string>;
  person_id: string;
  region_code: string;
  programme: string;
  applicant_kind: 'self' | 'family' | 'staff';
  applicant_name: string;
  applicant_relation: string | null;
  note: string | null;
  attachments: Generated<unknown>;
  chain_region: string;
  chain_version: number;
  step_index: Generated<number>;
  step_due_on: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  applied_on: string;
  decided_on: string | null;
  enrolment_id: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface BenefitApplicationStepsTable {
  county_code: string;
  application_id: string;
  seq: number;
  step: string;
  decision: 'submitted' | 'approve' | 'reject' | 'withdraw';
  reason: string | null;
  due_on: string | null;
  overdue: Generated<boolean>;
  actor_id: string | null;
  actor_name: string | null;
  at: Generated<Date>;
}

export interface BenefitPayeesTable {
  county_code: string;
  person_id: string;
  name: string;
  id_number_enc: string;
  id_number_masked: string;
  bank: string | null;
  account_enc: string | null;
  account_masked: string | null;
  updated_at: Generated<Date>;
}

export interface EnrolmentsTable {
  county_code: string;
  id: Generated<string>;
  person_id: string;
  region_code: string;
  programme: string;
  benefit_kind: 'cash' | 'service_credit';
  start_month: string;
  end_month: string | null;
  status: 'active' | 'suspended' | 'terminated';
  end_reason: 'died' | 'moved_out' | 'lost_eligibility' | 'excluded' | 'withdrawn' | 'other' | null;
  source: 'application' | 'auto';
  has_suspensions: Generated<boolean>;
  application_id: string | null;
  confirmed_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EnrolmentChangesTable {
  county_code: string;
  enrolment_id: string;
  seq: number;
  kind: 'start' | 'suspend' | 'resume' | 'amount' | 'terminate' | 'backdate';
  from_month: string;
  to_month: string | null;
  amount_fen: number | null;
  reason: string;
  actor_id: string | null;
  at: Generated<Date>;
}

declare module '../../db/database' {
  interface Database {
    benefit_approval_chains: BenefitApprovalChainsTable;
    benefit_applications: BenefitApplicationsTable;
    benefit_application_steps: BenefitApplicationStepsTable;
    benefit_payees: BenefitPayeesTable;
    enrolments: EnrolmentsTable;
    enrolment_changes: EnrolmentChangesTable;
  }
}
