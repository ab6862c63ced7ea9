import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  org_id: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: Date | null;
  totp_secret_enc: string | null;
  totp_pending_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  status: Generated<'active' | 'disabled'>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserRolesTable {
  user_id: string;
  role_code: string;
}

export interface RolesTable {
  code: string;
  name: string;
  description: Generated<string>;
  is_system: Generated<boolean>;
  require_mfa: Generated<boolean>;
  permissions: string[];
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

declare module '../../db/database' {
  interface Database {
    users: UsersTable;
    user_roles: UserRolesTable;
    roles: RolesTable;
  }
}
