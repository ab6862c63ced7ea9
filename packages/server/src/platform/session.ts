/**
 * What a signed-in request carries: the actor, the principal it was built from and the session's
 * stage. Lives in platform/ so the HTTP layer needs no module import to read it.
 */
import type { SessionStage } from '@yiyang/core';
import type { Actor } from './actor';

export interface Principal {
  user: {
    id: string;
    username: string;
    display_name: string;
    org_id: string;
    password_hash: string;
    must_change_password: boolean;
    totp_enabled: boolean;
    totp_secret_enc: string | null;
    totp_pending_enc: string | null;
    totp_last_step: number | null;
    failed_login_count: number;
    locked_until: Date | null;
    status: 'active' | 'disabled';
  };
  org: { id: string; name: string; type: string; region_code: string; region_name: string; status: string };
  roles: Array<{ code: string; name: string; permissions: string[]; require_mfa: boolean }>;
}

export interface AuthenticatedSession {
  actor: Actor;
  principal: Principal;
  stage: SessionStage;
  sessionHash: string;
}

export const SESSION_COOKIE = 'yiyang_session';
