import type { ColumnType, Generated } from 'kysely';
import type { AssessmentReason, AssessmentStatus, RequestChannel } from '@yiyang/core';

/** `date` columns are read back as 'YYYY-MM-DD' strings. */
type PlainDateColumn = ColumnType<string, string, string>;

export interface AssessmentCountersTable {
  county_code: string;
  year: number;
  last_no: number;
}

export interface AssessmentsTable {
  county_code: string;
  id: Generated<string>;
  person_id: string;
  region_code: string;
  number: string;
  person_name: string;
  person_birth_date: PlainDateColumn | null;
  person_sex: 'male' | 'female' | null;
  reason: AssessmentReason;
  channel: RequestChannel;
  status: AssessmentStatus;
  applicant_name: string | null;
  applicant_relation: string | null;
  request_note: string | null;
  source_module: string | null;
  source_ref: string | null;
  requested_by: string | null;
  requested_by_name: string | null;
  requested_at: Date;
  agency_org_id: string | null;
  agency_name: string | null;
  assessor1_id: string | null;
  assessor1_name: string | null;
  assessor2_id: string | null;
  assessor2_name: string | null;
  assigned_at: Date | null;
  assessment_date: PlainDateColumn | null;
  form_enc: string | null;
  result_enc: string | null;
  submitted_at: Date | null;
  submitted_by: string | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
  publisher_id: string | null;
  publisher_name: string | null;
  published_at: Date | null;
  published_date: PlainDateColumn | null;
  grade: number | null;
  next_due_date: PlainDateColumn | null;
  disputes_id: string | null;
  dispute_id: string | null;
  objection_reason: string | null;
  objected_at: Date | null;
  objected_by_name: string | null;
  cancel_reason: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AssessmentActionsTable {
  county_code: string;
  assessment_id: string;
  id: Generated<number>;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_name: string;
  at: Date;
  comment: string | null;
  details: unknown;
}

export interface AssessmentScheduleTable {
  county_code: string;
  person_id: string;
  region_code: string;
  person_name: string;
  birth_date: PlainDateColumn | null;
  last_assessment_id: string;
  last_grade: number;
  last_assessment_date: PlainDateColumn;
  next_due_date: PlainDateColumn;
  reminded_for: PlainDateColumn | null;
  reminded_at: Date | null;
  active: Generated<boolean>;
  updated_at: Generated<Date>;
}

declare module '../../db/database' {
  interface Database {
    assessment_counters: AssessmentCountersTable;
    assessments: AssessmentsTable;
    assessment_actions: AssessmentActionsTable;
    assessment_schedule: AssessmentScheduleTable;
  }
}
