import type { Generated } from 'kysely';

export interface StoredContact {
  name: string;
  relation: string;
  phone_enc: string | null;
  phone_masked: string | null;
}

export interface VisitRosterTable {
  county_code: string;
  person_id: string;
  region_code: string;
  grid: string | null;
  tags: Generated<string[]>;
  risk_tier: Generated<'high' | 'medium' | 'low'>;
  frequency: Generated<'weekly' | 'monthly'>;
  active: Generated<boolean>;
  enrolled_on: string;
  removed_on: string | null;
  removed_reason: 'tags_lost' | 'died' | 'moved_out' | 'merged' | 'left_registry' | null;
  willingness: Generated<'willing' | 'declined' | 'unknown'>;
  willingness_on: string | null;
  contacts: Generated<StoredContact[]>;
  visitor_id: string | null;
  visitor_name: string | null;
  assigned_at: Date | null;
  last_visited_on: string | null;
  last_visit_at: Date | null;
  sync_run: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VisitRosterHistoryTable {
  county_code: string;
  person_id: string;
  id: Generated<number>;
  at: Generated<Date>;
  change: string;
  details: unknown;
  actor: string | null;
}

export interface VisitsTable {
  county_code: string;
  person_id: string;
  id: Generated<string>;
  region_code: string;
  visitor_id: string | null;
  visitor_name: string;
  mode: 'onsite' | 'phone' | 'video';
  outcome: 'visited' | 'not_reached';
  visited_at: Date;
  visited_on: string;
  findings: unknown;
  risk_level: 'high' | 'medium' | 'low' | null;
  danger: Generated<boolean>;
  needs: string | null;
  note: string | null;
  recorded_at: Generated<Date>;
  recorded_by: string | null;
}

export interface VisitAttachmentsTable {
  county_code: string;
  person_id: string;
  visit_id: string;
  id: Generated<string>;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  byte_size: number;
  sha256: string;
  data: Buffer | Uint8Array;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface VisitAlertsTable {
  county_code: string;
  id: Generated<string>;
  person_id: string;
  region_code: string;
  kind: 'danger' | 'unreachable' | 'overdue';
  period_key: string | null;
  reason: string;
  source_visit_id: string | null;
  raised_at: Date;
  deadline_at: Date;
  status: Generated<'open' | 'resolved'>;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
  resolution_visit_id: string | null;
  version: Generated<number>;
}

export interface ReferralsTable {
  county_code: string;
  id: Generated<string>;
  person_id: string;
  region_code: string;
  source_module: string;
  source_id: string | null;
  target_module: 'services' | 'assessment' | 'benefits';
  kind: string;
  need: string;
  status: Generated<'open' | 'accepted' | 'done' | 'rejected'>;
  target_ref: string | null;
  note: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
  version: Generated<number>;
}

declare module '../../db/database' {
  interface Database {
    visit_roster: VisitRosterTable;
    visit_roster_history: VisitRosterHistoryTable;
    visits: VisitsTable;
    visit_attachments: VisitAttachmentsTable;
    visit_alerts: VisitAlertsTable;
    referrals: ReferralsTable;
  }
}
