import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import { regionSubtree } from '../../platform/scope';
import type { RolesTable, UsersTable } from './users.tables';

export type UserRow = Selectable<UsersTable>;

export interface UserListRow {
  id: string;
  username: string;
  display_name: string;
  org_id: string;
  org_name: string;
  region_code: string;
  region_name: string;
  roles: string[];
  role_names: string[];
  status: 'active' | 'disabled';
  must_change_password: boolean;
  totp_enabled: boolean;
  locked_until: Date | null;
  last_login_at: Date | null;
  version: number;
  created_at: Date;
}

export type { Principal } from '../../platform/session';
import type { Principal } from '../../platform/session';

export function createUserRepository(db: Executor) {
  const listBase = (ex: Executor) =>
    ex
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.org_id')
      .innerJoin('regions as r', 'r.code', 'o.region_code')
      .select([
        'u.id', 'u.username', 'u.display_name', 'u.org_id', 'o.name as org_name', 'o.region_code',
        'r.name as region_name', 'u.status', 'u.must_change_password', 'u.totp_enabled', 'u.locked_until',
        'u.last_login_at', 'u.version', 'u.created_at',
        sql<string[]>`coalesce((select array_agg(ur.role_code order by ur.role_code) from user_roles ur where ur.user_id = u.id), '{}')`.as('roles'),
        sql<string[]>`coalesce((select array_agg(ro.name order by ur.role_code) from user_roles ur join roles ro on ro.code = ur.role_code where ur.user_id = u.id), '{}')`.as('role_names'),
      ]);

  return {
    async findById(id: string, ex: Executor = db): Promise<UserRow | undefined> {
      return ex.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findByUsername(username: string, ex: Executor = db): Promise<UserRow | undefined> {
      return ex.selectFrom('users').selectAll().where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
    },

    async findListRow(id: string, ex: Executor = db): Promise<UserListRow | undefined> {
      return listBase(ex).where('u.id', '=', id).executeTakeFirst();
    },

    async list(f: { scopeRegion: string; q?: string | undefined; orgId?: string | undefined; role?: string | undefined; status?: string | undefined; limit: number; offset: number }) {
      let q = db
        .selectFrom('users as u')
        .innerJoin('organisations as o', 'o.id', 'u.org_id')
        .where(regionSubtree('o.region_code', f.scopeRegion));
      if (f.q) {
        const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
        q = q.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
      }
      if (f.orgId) q = q.where('u.org_id', '=', f.orgId);
      if (f.status) q = q.where('u.status', '=', f.status as 'active' | 'disabled');
      if (f.role) {
        const role = f.role;
        q = q.where((eb) => eb.exists(eb.selectFrom('user_roles as ur').select('ur.user_id').whereRef('ur.user_id', '=', 'u.id').where('ur.role_code', '=', role)));
      }
      const ids = q.select('u.id');
      const [rows, total] = await Promise.all([
        listBase(db).where('u.id', 'in', ids).orderBy('o.region_code').orderBy('u.username').limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    async principal(userId: string, ex: Executor = db): Promise<Principal | undefined> {
      const user = await ex.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
      if (!user) return undefined;
      const [org, roles] = await Promise.all([
        ex
          .selectFrom('organisations as o')
          .innerJoin('regions as r', 'r.code', 'o.region_code')
          .select(['o.id', 'o.name', 'o.type', 'o.region_code', 'r.name as region_name', 'o.status'])
          .where('o.id', '=', user.org_id)
          .executeTakeFirstOrThrow(),
        ex
          .selectFrom('user_roles as ur')
          .innerJoin('roles as ro', 'ro.code', 'ur.role_code')
          .select(['ro.code', 'ro.name', 'ro.permissions', 'ro.require_mfa'])
          .where('ur.user_id', '=', userId)
          .orderBy('ro.code')
          .execute(),
      ]);
      return { user, org, roles };
    },

    async insert(values: Insertable<UsersTable>, roles: string[], ex: Executor): Promise<string> {
      const { id } = await ex.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
      await ex.insertInto('user_roles').values(roles.map((role_code) => ({ user_id: id, role_code }))).execute();
      return id;
    },

    async update(id: string, values: Updateable<UsersTable>, ex: Executor, version?: number): Promise<boolean> {
      let q = ex
        .updateTable('users')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id);
      if (version !== undefined) q = q.where('version', '=', version);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Login bookkeeping that must not bump the record version (no concurrent-edit conflicts). */
    async setLoginState(id: string, values: Pick<Updateable<UsersTable>, 'failed_login_count' | 'locked_until' | 'last_login_at' | 'totp_last_step'>, ex: Executor = db) {
      await ex.updateTable('users').set(values).where('id', '=', id).execute();
    },

    async setRoles(id: string, roles: string[], ex: Executor) {
      await ex.deleteFrom('user_roles').where('user_id', '=', id).execute();
      await ex.insertInto('user_roles').values(roles.map((role_code) => ({ user_id: id, role_code }))).execute();
    },
  };
}

export function createRoleRepository(db: Executor) {
  return {
    async list(ex: Executor = db) {
      return ex.selectFrom('roles').selectAll().orderBy('is_system', 'desc').orderBy('code').execute();
    },
    async find(code: string, ex: Executor = db) {
      return ex.selectFrom('roles').selectAll().where('code', '=', code).executeTakeFirst();
    },
    async findMany(codes: string[], ex: Executor = db) {
      if (codes.length === 0) return [];
      return ex.selectFrom('roles').selectAll().where('code', 'in', codes).execute();
    },
    async upsertSystem(r: { code: string; name: string; description: string; permissions: string[] }, ex: Executor) {
      // Existing rows keep local edits (require_mfa, permissions); only missing roles are added.
      await ex
        .insertInto('roles')
        .values({ ...r, is_system: true, permissions: r.permissions })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    },
    async insert(values: Insertable<RolesTable>, ex: Executor) {
      await ex.insertInto('roles').values(values).execute();
    },
    async update(code: string, version: number, values: Updateable<RolesTable>, ex: Executor): Promise<boolean> {
      const r = await ex
        .updateTable('roles')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('code', '=', code)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
