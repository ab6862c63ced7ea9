/**
 * Sign-in, sessions and the second factor.
 * - Passwords: argon2id; 5 failures lock the account for 15 minutes; failures are also limited per IP.
 * - Sessions: random 256-bit token in an httpOnly SameSite cookie; only its SHA-256 is stored.
 *   Idle timeout 30 min, absolute 12 h; logout revokes the row, so a replayed cookie gets 401.
 * - Stages: a session that must change its password or enrol TOTP can do only that.
 * - TOTP: required per role by an administrator (等保 level 3 asks two factors for staff).
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, ErrorKind, invalid, type Me, type SessionStage } from '@yiyang/core';
import type { Config } from '../../config';
import { createCipherPair, type FieldCrypto } from '../../crypto/field-crypto';
import type { Keys } from '../../crypto/keys';
import { burnVerifyTime, hashPassword, verifyPassword } from '../../crypto/password-hash';
import type { Db, Executor } from '../../db/database';
import { systemActor, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { AuditService } from '../audit';
import { passwordProblems, principalToActor, type UserService } from '../users';
import type { AuthenticatedSession, Principal } from '../../platform/session';
import { createLoginLimiter } from './login-limiter';
import { createSessionRepository } from './sessions.repository';
import { matchTotp, newTotpSecret, totpUri } from './totp';

export interface RequestMeta {
  ip: string;
  userAgent?: string | undefined;
  requestId?: string | undefined;
}


const unauthenticated = (code: string, message: string) => new DomainError(ErrorKind.unauthenticated, code, message);

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

const TOUCH_EVERY_MS = 60_000;

export function createAuthService(deps: { db: Db; audit: AuditService; users: UserService; clock: Clock; config: Config; keys: Keys }) {
  const { db, audit, users, clock, config } = deps;
  const sessions = createSessionRepository(db);
  const limiter = createLoginLimiter(config.loginIpLimit, () => clock.now().getTime());
  const totpCrypto: FieldCrypto = createCipherPair(deps.keys.get('totp-encryption'), deps.keys.get('field-hmac'));

  const mfaRequired = (p: Principal) => p.roles.some((r) => r.require_mfa);

  function stageFor(p: Principal): SessionStage {
    if (p.user.must_change_password) return 'password_change';
    if (mfaRequired(p) && !p.user.totp_enabled) return 'mfa_enroll';
    return 'full';
  }

  function toMe(p: Principal, stage: SessionStage): Me {
    const actor = principalToActor(p);
    return {
      id: p.user.id,
      username: p.user.username,
      display_name: p.user.display_name,
      org: { id: p.org.id, name: p.org.name, type: p.org.type, region_code: p.org.region_code, region_name: p.org.region_name },
      roles: p.roles.map((r) => ({ code: r.code, name: r.name })),
      permissions: [...actor.permissions].sort(),
      session_stage: stage,
      must_change_password: p.user.must_change_password,
      mfa_enabled: p.user.totp_enabled,
      mfa_required: mfaRequired(p),
    };
  }

  async function auditLogin(meta: RequestMeta, who: { userId: string | null; username: string; orgId: string | null; region: string | null }, outcome: 'success' | 'failure', reason?: string) {
    const actor: Actor = {
      ...systemActor(),
      kind: 'user',
      userId: who.userId,
      username: who.username.slice(0, 64),
      orgId: who.orgId,
      ip: meta.ip,
      requestId: meta.requestId,
    };
    await audit.record(db, actor, {
      action: 'auth.login',
      entityType: 'user',
      entityId: who.userId,
      regionCode: who.region,
      outcome,
      details: { user_agent: meta.userAgent?.slice(0, 200) ?? null, ...(reason ? { reason } : {}) },
    });
  }

  async function createSession(p: Principal, meta: RequestMeta, ex: Executor = db): Promise<{ token: string; stage: SessionStage }> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    const stage = stageFor(p);
    await sessions.insert(
      {
        id_hash: hashToken(token),
        user_id: p.user.id,
        stage,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + config.sessionMaxMs),
        revoked_at: null,
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      },
      ex,
    );
    return { token, stage };
  }

  return {
    async login(input: { username: string; password: string; totp_code?: string | undefined }, meta: RequestMeta): Promise<{ token: string; me: Me }> {
      if (limiter.isBlocked(meta.ip)) {
        throw new DomainError(ErrorKind.rateLimited, 'AUTH_RATE_LIMITED', '登录失败次数过多，请15分钟后再试');
      }
      const user = await users.findByUsername(input.username);
      const now = clock.now();
      if (!user) {
        await burnVerifyTime(input.password);
        limiter.fail(meta.ip);
        await auditLogin(meta, { userId: null, username: input.username, orgId: null, region: null }, 'failure', 'unknown_user');
        throw unauthenticated('AUTH_INVALID_CREDENTIALS', '用户名或密码错误');
      }
      const principal = (await users.principal(user.id))!;
      const who = { userId: user.id, username: user.username, orgId: principal.org.id, region: principal.org.region_code };
      if (user.locked_until && user.locked_until > now) {
        limiter.fail(meta.ip);
        await auditLogin(meta, who, 'failure', 'locked');
        const minutes = Math.ceil((user.locked_until.getTime() - now.getTime()) / 60_000);
        throw new DomainError(ErrorKind.rateLimited, 'AUTH_ACCOUNT_LOCKED', `账户已锁定，请${minutes}分钟后再试或联系管理员解锁`);
      }
      const passwordOk = await verifyPassword(user.password_hash, input.password);
      let totpStep: number | null = null;
      let failure: { code: string; message: string; reason: string } | null = null;
      if (!passwordOk) {
        failure = { code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误', reason: 'bad_password' };
      } else if (user.totp_enabled && user.totp_secret_enc) {
        if (!input.totp_code) {
          // Password was right: ask for the code without counting a failure.
          throw unauthenticated('AUTH_TOTP_REQUIRED', '请输入手机验证器App中的6位动态验证码');
        }
        totpStep = matchTotp(totpCrypto.decrypt(user.totp_secret_enc), input.totp_code, now.getTime());
        if (totpStep === null || (user.totp_last_step !== null && totpStep <= user.totp_last_step)) {
          failure = { code: 'AUTH_TOTP_INVALID', message: '动态验证码错误或已使用', reason: 'bad_totp' };
        }
      }
      if (failure) {
        limiter.fail(meta.ip);
        const count = user.failed_login_count + 1;
        const lock = count >= config.lockoutThreshold;
        await users.setLoginState(user.id, {
          failed_login_count: lock ? 0 : count,
          locked_until: lock ? new Date(now.getTime() + config.lockoutMs) : user.locked_until,
        });
        await auditLogin(meta, who, 'failure', lock ? `${failure.reason}; locked` : failure.reason);
        if (lock) {
          throw new DomainError(ErrorKind.rateLimited, 'AUTH_ACCOUNT_LOCKED', `连续${config.lockoutThreshold}次登录失败，账户已锁定${Math.round(config.lockoutMs / 60_000)}分钟`);
        }
        throw unauthenticated(failure.code, failure.message);
      }
      if (user.status !== 'active' || principal.org.status !== 'active') {
        await auditLogin(meta, who, 'failure', 'disabled');
        throw new DomainError(ErrorKind.forbidden, 'AUTH_ACCOUNT_DISABLED', '账户已停用，请联系管理员');
      }
      await users.setLoginState(user.id, {
        failed_login_count: 0,
        locked_until: null,
        last_login_at: now,
        ...(totpStep !== null ? { totp_last_step: totpStep } : {}),
      });
      const { token, stage } = await createSession(principal, meta);
      await auditLogin(meta, who, 'success');
      return { token, me: toMe(principal, stage) };
    },

    /** Resolve a session cookie to an actor; throws 401 for anything but a live session. */
    async authenticate(token: string, meta: RequestMeta): Promise<AuthenticatedSession> {
      const idHash = hashToken(token);
      const s = await sessions.find(idHash);
      const now = clock.now();
      if (!s) throw unauthenticated('SESSION_INVALID', '未登录或登录已失效，请重新登录');
      if (s.revoked_at) throw unauthenticated('SESSION_REVOKED', '已退出登录，请重新登录');
      if (now >= s.expires_at) throw unauthenticated('SESSION_EXPIRED', '登录已超过最长时限，请重新登录');
      if (now.getTime() - s.last_seen_at.getTime() > config.sessionIdleMs) {
        await sessions.revoke(idHash, now);
        throw unauthenticated('SESSION_EXPIRED', '长时间未操作，已自动退出，请重新登录');
      }
      const principal = await users.principal(s.user_id);
      if (!principal || principal.user.status !== 'active' || principal.org.status !== 'active') {
        throw unauthenticated('SESSION_INVALID', '账户已停用，请联系管理员');
      }
      if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) await sessions.touch(idHash, now);
      return {
        actor: principalToActor(principal, { ip: meta.ip, requestId: meta.requestId }),
        principal,
        stage: s.stage,
        sessionHash: idHash,
      };
    },

    me(session: AuthenticatedSession): Me {
      return toMe(session.principal, session.stage);
    },

    async logout(session: AuthenticatedSession): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await sessions.revoke(session.sessionHash, clock.now(), trx);
        await audit.record(trx, session.actor, { action: 'auth.logout', entityType: 'user', entityId: session.actor.userId });
      });
    },

    async changePassword(session: AuthenticatedSession, current: string, next: string): Promise<Me> {
      const { principal, actor } = session;
      if (!(await verifyPassword(principal.user.password_hash, current))) {
        throw invalid('AUTH_CURRENT_PASSWORD_WRONG', '当前密码不正确');
      }
      const problems = passwordProblems(next, principal.user.username);
      if (problems.length) throw invalid('PASSWORD_POLICY', problems.map((p) => p.message).join('；'), problems);
      if (await verifyPassword(principal.user.password_hash, next)) {
        throw invalid('PASSWORD_REUSED', '新密码不能与当前密码相同');
      }
      const hash = await hashPassword(next);
      const updated = { ...principal, user: { ...principal.user, must_change_password: false } };
      const stage = stageFor(updated);
      await db.transaction().execute(async (trx) => {
        await users.setPassword(principal.user.id, hash, trx);
        // Other sessions of this user end; this one continues in its next stage.
        await sessions.revokeAllForUser(principal.user.id, clock.now(), trx, session.sessionHash);
        await sessions.setStage(session.sessionHash, stage, trx);
        await audit.record(trx, actor, { action: 'auth.change_password', entityType: 'user', entityId: principal.user.id, regionCode: principal.org.region_code });
      });
      return toMe(updated, stage);
    },

    async totpSetup(session: AuthenticatedSession): Promise<{ secret: string; otpauth_url: string }> {
      const secret = newTotpSecret();
      await db.transaction().execute(async (trx) => {
        await users.setTotp(session.principal.user.id, { totp_pending_enc: totpCrypto.encrypt(secret) }, trx);
      });
      return { secret, otpauth_url: totpUri(secret, session.principal.user.username) };
    },

    async totpEnable(session: AuthenticatedSession, code: string): Promise<Me> {
      const { principal, actor } = session;
      const fresh = (await users.principal(principal.user.id))!;
      if (!fresh.user.totp_pending_enc) throw invalid('TOTP_NOT_SET_UP', '请先生成动态验证码密钥');
      const secret = totpCrypto.decrypt(fresh.user.totp_pending_enc);
      const step = matchTotp(secret, code, clock.now().getTime());
      if (step === null) throw invalid('AUTH_TOTP_INVALID', '动态验证码错误，请检查手机时间后重试');
      const updated = { ...fresh, user: { ...fresh.user, totp_enabled: true } };
      const stage = stageFor(updated);
      await db.transaction().execute(async (trx) => {
        await users.setTotp(principal.user.id, { totp_secret_enc: fresh.user.totp_pending_enc, totp_pending_enc: null, totp_enabled: true, totp_last_step: step }, trx);
        await sessions.setStage(session.sessionHash, stage, trx);
        await audit.record(trx, actor, { action: 'auth.totp_enable', entityType: 'user', entityId: principal.user.id, regionCode: principal.org.region_code });
      });
      return toMe(updated, stage);
    },

    async totpDisable(session: AuthenticatedSession, password: string): Promise<Me> {
      const { principal, actor } = session;
      if (mfaRequired(principal)) throw invalid('MFA_REQUIRED_BY_ROLE', '您的角色要求启用动态验证码，不能关闭');
      if (!(await verifyPassword(principal.user.password_hash, password))) throw invalid('AUTH_CURRENT_PASSWORD_WRONG', '当前密码不正确');
      await db.transaction().execute(async (trx) => {
        await users.setTotp(principal.user.id, { totp_secret_enc: null, totp_pending_enc: null, totp_enabled: false, totp_last_step: null }, trx);
        await audit.record(trx, actor, { action: 'auth.totp_disable', entityType: 'user', entityId: principal.user.id, regionCode: principal.org.region_code });
      });
      const updated = { ...principal, user: { ...principal.user, totp_enabled: false } };
      return toMe(updated, session.stage);
    },

    async revokeSessions(userId: string, ex: Executor): Promise<void> {
      await sessions.revokeAllForUser(userId, clock.now(), ex);
    },

    async purgeExpiredSessions(): Promise<void> {
      await sessions.purgeExpired(new Date(clock.now().getTime() - 7 * 86_400_000));
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
