/**
 * Users and roles (用户与角色). Every grant is checked against the grantor: a user can only create
 * users in organisations inside their own data scope and only grant roles whose permissions they
 * hold themselves (no scope escalation; cf. RuoYi CVE-2026-37669 in conventions-and-security.md).
 */
import {
  checkPassword,
  conflict,
  forbidden,
  invalid,
  isPermission,
  notFound,
  PASSWORD_PROBLEM_MESSAGES,
  PERMISSIONS,
  ROOT_REGION_CODE,
  SYSTEM_ROLES,
  type Permission,
  type Role,
  type User,
} from '@yiyang/core';
import type { CreateRole, CreateUser, UpdateRole, UpdateUser } from '@yiyang/core';
import type { z } from 'zod';
import { generatePassword, hashPassword } from '../../crypto/password-hash';
import type { Db, Executor } from '../../db/database';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { assertRecordInScope, canAccessRegion, effectiveRegion, requirePermission } from '../../platform/scope';
import type { AuditService } from '../audit';
import type { OrgService } from '../orgs';
import { createRoleRepository, createUserRepository, type Principal, type UserListRow } from './users.repository';

function toUser(r: UserListRow): User {
  return {
    id: r.id,
    username: r.username,
    display_name: r.display_name,
    org_id: r.org_id,
    org_name: r.org_name,
    region_code: r.region_code,
    region_name: r.region_name,
    roles: r.roles,
    role_names: r.role_names,
    status: r.status,
    must_change_password: r.must_change_password,
    mfa_enabled: r.totp_enabled,
    locked_until: r.locked_until ? r.locked_until.toISOString() : null,
    last_login_at: r.last_login_at ? r.last_login_at.toISOString() : null,
    version: r.version,
    created_at: r.created_at.toISOString(),
  };
}

function toRole(r: { code: string; name: string; description: string; is_system: boolean; require_mfa: boolean; permissions: string[]; version: number }): Role {
  return { ...r };
}

export function principalToActor(p: Principal, extra: { ip?: string; requestId?: string } = {}): Actor {
  const permissions = new Set<Permission>();
  for (const r of p.roles) for (const perm of r.permissions) if (isPermission(perm)) permissions.add(perm);
  return {
    kind: 'user',
    userId: p.user.id,
    username: p.user.username,
    orgId: p.org.id,
    regionCode: p.org.region_code,
    permissions,
    roles: p.roles.map((r) => r.code),
    ip: extra.ip,
    requestId: extra.requestId,
  };
}

export function passwordProblems(password: string, username?: string) {
  return checkPassword(password, username).map((code) => ({ code, message: PASSWORD_PROBLEM_MESSAGES[code] }));
}

export function createUserService(deps: {
  db: Db;
  audit: AuditService;
  orgs: OrgService;
  clock: Clock;
  /** Called when a user's credentials or access change, to end their sessions (wired to auth). */
  revokeSessions?: (userId: string, ex: Executor) => Promise<void>;
}) {
  const { db, audit, orgs, clock } = deps;
  const users = createUserRepository(db);
  const roles = createRoleRepository(db);

  async function assertGrantable(actor: Actor, roleCodes: string[], ex: Executor) {
    const found = await roles.findMany(roleCodes, ex);
    const missing = roleCodes.filter((c) => !found.some((r) => r.code === c));
    if (missing.length) throw invalid('ROLE_NOT_FOUND', `角色不存在：${missing.join('、')}`);
    for (const r of found) {
      const extra = r.permissions.filter((p) => !actor.permissions.has(p as Permission));
      if (extra.length) {
        throw forbidden('ROLE_ESCALATION', `不能授予超出本人权限的角色“${r.name}”（缺少：${extra.join('、')}）`);
      }
    }
  }

  async function placeInOrg(actor: Actor, orgId: string) {
    const org = await orgs.findInternal(orgId);
    if (!org || !canAccessRegion(actor, org.region_code)) {
      throw forbidden('SCOPE_FORBIDDEN', '所选机构不存在或不在您的数据权限范围内');
    }
    return org;
  }

  async function getScoped(actor: Actor, id: string): Promise<UserListRow> {
    const row = await users.findListRow(id);
    assertRecordInScope(actor, row?.region_code ?? null, '用户');
    return row!;
  }

  function assertRoleAdmin(actor: Actor) {
    requirePermission(actor, 'roles:write');
    // Roles are global: editing one changes every region's users, so only a root-scope administrator may.
    if (actor.regionCode !== ROOT_REGION_CODE) {
      throw forbidden('SCOPE_FORBIDDEN', '角色为全平台共用，只有平台管理员可以修改');
    }
  }

  function checkRolePermissions(actor: Actor, perms: string[]) {
    const unknown = perms.filter((p) => !isPermission(p));
    if (unknown.length) throw invalid('PERMISSION_UNKNOWN', `未知权限：${unknown.join('、')}`);
    const extra = perms.filter((p) => !actor.permissions.has(p as Permission));
    if (extra.length) throw forbidden('ROLE_ESCALATION', `不能授予本人没有的权限：${extra.join('、')}`);
  }

  return {
    // ---- users -------------------------------------------------------------------------
    async list(actor: Actor, f: { q?: string | undefined; org_id?: string | undefined; region?: string | undefined; role?: string | undefined; status?: string | undefined; page: number; page_size: number }) {
      requirePermission(actor, 'users:read');
      const scopeRegion = effectiveRegion(actor, f.region);
      const { rows, total } = await users.list({
        scopeRegion,
        q: f.q,
        orgId: f.org_id,
        role: f.role,
        status: f.status,
        limit: f.page_size,
        offset: (f.page - 1) * f.page_size,
      });
      return { items: rows.map(toUser), total };
    },

    async get(actor: Actor, id: string): Promise<User> {
      requirePermission(actor, 'users:read');
      return toUser(await getScoped(actor, id));
    },

    /** `opts.mustChangePassword: false` is for in-process callers only (demo data); the API always forces it. */
    async create(actor: Actor, input: z.infer<typeof CreateUser>, opts: { mustChangePassword?: boolean } = {}): Promise<{ user: User; initial_password: string | null }> {
      requirePermission(actor, 'users:write');
      await placeInOrg(actor, input.org_id);
      const generated = input.password ? null : generatePassword();
      const password = input.password ?? generated!;
      const problems = passwordProblems(password, input.username);
      if (problems.length) throw invalid('PASSWORD_POLICY', problems.map((p) => p.message).join('；'), problems);
      const passwordHash = await hashPassword(password);
      return db.transaction().execute(async (trx) => {
        await assertGrantable(actor, input.roles, trx);
        if (await users.findByUsername(input.username, trx)) {
          throw conflict('USERNAME_TAKEN', `用户名“${input.username}”已被使用`);
        }
        const id = await users.insert(
          {
            username: input.username,
            display_name: input.display_name,
            org_id: input.org_id,
            password_hash: passwordHash,
            // Every password set by someone else must be changed at first login.
            must_change_password: opts.mustChangePassword ?? true,
            created_by: actor.userId,
          },
          [...new Set(input.roles)],
          trx,
        );
        const user = toUser((await users.findListRow(id, trx))!);
        await audit.record(trx, actor, {
          action: 'users.create',
          entityType: 'user',
          entityId: id,
          regionCode: user.region_code,
          after: user,
        });
        return { user, initial_password: generated ?? null };
      });
    },

    async update(actor: Actor, id: string, input: z.infer<typeof UpdateUser>): Promise<User> {
      requirePermission(actor, 'users:write');
      const before = await getScoped(actor, id);
      if (input.org_id) await placeInOrg(actor, input.org_id);
      if (id === actor.userId && (input.status === 'disabled' || input.roles)) {
        throw forbidden('SELF_EDIT_FORBIDDEN', '不能停用自己或修改自己的角色');
      }
      return db.transaction().execute(async (trx) => {
        if (input.roles) await assertGrantable(actor, input.roles, trx);
        const ok = await users.update(
          id,
          {
            ...(input.display_name !== undefined ? { display_name: input.display_name } : {}),
            ...(input.org_id !== undefined ? { org_id: input.org_id } : {}),
            ...(input.status !== undefined ? { status: input.status } : {}),
          },
          trx,
          input.version,
        );
        if (!ok) throw conflict('VERSION_CONFLICT', '该用户已被他人修改，请刷新后重试');
        if (input.roles) await users.setRoles(id, [...new Set(input.roles)], trx);
        const accessChanged = input.roles || input.org_id || input.status === 'disabled';
        if (accessChanged) await deps.revokeSessions?.(id, trx);
        const after = toUser((await users.findListRow(id, trx))!);
        await audit.record(trx, actor, {
          action: 'users.update',
          entityType: 'user',
          entityId: id,
          regionCode: after.region_code,
          before: toUser(before),
          after,
        });
        return after;
      });
    },

    async resetPassword(actor: Actor, id: string): Promise<{ initial_password: string }> {
      requirePermission(actor, 'users:write');
      const target = await getScoped(actor, id);
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await users.update(id, { password_hash: passwordHash, must_change_password: true, failed_login_count: 0, locked_until: null }, trx);
        await deps.revokeSessions?.(id, trx);
        await audit.record(trx, actor, { action: 'users.reset_password', entityType: 'user', entityId: id, regionCode: target.region_code });
      });
      return { initial_password: password };
    },

    async unlock(actor: Actor, id: string): Promise<User> {
      requirePermission(actor, 'users:write');
      const target = await getScoped(actor, id);
      return db.transaction().execute(async (trx) => {
        await users.setLoginState(id, { failed_login_count: 0, locked_until: null }, trx);
        await audit.record(trx, actor, { action: 'users.unlock', entityType: 'user', entityId: id, regionCode: target.region_code });
        return toUser((await users.findListRow(id, trx))!);
      });
    },

    async resetMfa(actor: Actor, id: string): Promise<User> {
      requirePermission(actor, 'users:write');
      const target = await getScoped(actor, id);
      return db.transaction().execute(async (trx) => {
        await users.update(id, { totp_enabled: false, totp_secret_enc: null, totp_pending_enc: null, totp_last_step: null }, trx);
        await deps.revokeSessions?.(id, trx);
        await audit.record(trx, actor, { action: 'users.reset_mfa', entityType: 'user', entityId: id, regionCode: target.region_code });
        return toUser((await users.findListRow(id, trx))!);
      });
    },

    // ---- roles -------------------------------------------------------------------------
    async listRoles(actor: Actor): Promise<Role[]> {
      if (!actor.permissions.has('roles:read') && !actor.permissions.has('users:write')) {
        requirePermission(actor, 'roles:read');
      }
      return (await roles.list()).map(toRole);
    },

    listPermissions() {
      return Object.entries(PERMISSIONS).map(([code, name]) => ({ code, name }));
    },

    async createRole(actor: Actor, input: z.infer<typeof CreateRole>): Promise<Role> {
      assertRoleAdmin(actor);
      checkRolePermissions(actor, input.permissions);
      return db.transaction().execute(async (trx) => {
        if (await roles.find(input.code, trx)) throw conflict('ROLE_CODE_TAKEN', `角色代码“${input.code}”已存在`);
        await roles.insert({ ...input, permissions: [...new Set(input.permissions)], is_system: false }, trx);
        const role = toRole((await roles.find(input.code, trx))!);
        await audit.record(trx, actor, { action: 'roles.create', entityType: 'role', entityId: input.code, after: role });
        return role;
      });
    },

    async updateRole(actor: Actor, code: string, input: z.infer<typeof UpdateRole>): Promise<Role> {
      assertRoleAdmin(actor);
      if (input.permissions) checkRolePermissions(actor, input.permissions);
      return db.transaction().execute(async (trx) => {
        const before = await roles.find(code, trx);
        if (!before) throw notFound('ROLE_NOT_FOUND', `角色“${code}”不存在`);
        const { version, ...changes } = input;
        const ok = await roles.update(code, version, { ...changes, ...(changes.permissions ? { permissions: [...new Set(changes.permissions)] } : {}) }, trx);
        if (!ok) throw conflict('VERSION_CONFLICT', '该角色已被他人修改，请刷新后重试');
        const after = toRole((await roles.find(code, trx))!);
        await audit.record(trx, actor, { action: 'roles.update', entityType: 'role', entityId: code, before: toRole(before), after });
        return after;
      });
    },

    // ---- credentials (used by the auth module) -------------------------------------------
    findByUsername: (username: string) => users.findByUsername(username),
    principal: (userId: string, ex?: Executor) => users.principal(userId, ex),
    setLoginState: users.setLoginState,

    async setPassword(userId: string, passwordHash: string, ex: Executor) {
      await users.update(userId, { password_hash: passwordHash, must_change_password: false, password_changed_at: clock.now() }, ex);
    },

    async setTotp(userId: string, values: { totp_secret_enc?: string | null; totp_pending_enc?: string | null; totp_enabled?: boolean; totp_last_step?: number | null }, ex: Executor) {
      await users.update(userId, values, ex);
    },

    // ---- bootstrap -----------------------------------------------------------------------
    async ensureSystemRoles(ex: Executor = db) {
      for (const r of SYSTEM_ROLES) {
        await roles.upsertSystem({ code: r.code, name: r.name, description: r.description, permissions: [...r.permissions] }, ex);
      }
    },

    /**
     * Create `admin` (system administrator at the root) on first start. With a configured password
     * no change is forced; otherwise a random one is generated, returned once and must be changed.
     */
    async ensureAdmin(actor: Actor, orgId: string, configuredPassword: string | undefined): Promise<{ created: boolean; password?: string }> {
      if (await users.findByUsername('admin')) return { created: false };
      if (configuredPassword) {
        const problems = passwordProblems(configuredPassword, 'admin');
        if (problems.length) {
          throw invalid('PASSWORD_POLICY', `YIYANG_ADMIN_PASSWORD 不符合密码策略：${problems.map((p) => p.message).join('；')}`);
        }
      }
      const password = configuredPassword ?? generatePassword();
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const id = await users.insert(
          { username: 'admin', display_name: '系统管理员', org_id: orgId, password_hash: passwordHash, must_change_password: !configuredPassword },
          ['system_admin'],
          trx,
        );
        await audit.record(trx, actor, { action: 'users.create', entityType: 'user', entityId: id, regionCode: ROOT_REGION_CODE, after: { username: 'admin', roles: ['system_admin'] } });
      });
      return configuredPassword ? { created: true } : { created: true, password };
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
