/**
 * Data scope (数据权限): a user sees and changes only records in the region subtree of their
 * organisation. Enforced in services and repositories, never only in the UI.
 * Region codes are digits only (validated at the boundary), so the LIKE prefix needs no escaping;
 * it is still passed as a bound parameter, never concatenated into SQL.
 */
import { forbidden, isInRegion, isRegionCode, notFound, regionPrefix, type Permission } from '@yiyang/core';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from './actor';

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) {
    throw forbidden('PERMISSION_DENIED', `没有权限执行此操作（需要“${permission}”权限）`);
  }
}

export function canAccessRegion(actor: Actor, regionCode: string): boolean {
  return isInRegion(regionCode, actor.regionCode);
}

/** For an explicit region filter or target: outside the scope is a 403. */
export function assertRegionInScope(actor: Actor, regionCode: string): void {
  if (!isRegionCode(regionCode) || !canAccessRegion(actor, regionCode)) {
    throw forbidden('SCOPE_FORBIDDEN', '该区划不在您的数据权限范围内');
  }
}

/** For an object looked up by id: outside the scope looks the same as absent (404), leaking nothing. */
export function assertRecordInScope(actor: Actor, regionCode: string | null, what = '记录'): void {
  if (regionCode === null || !canAccessRegion(actor, regionCode)) {
    throw notFound('NOT_FOUND', `${what}不存在或不在您的数据权限范围内`);
  }
}

/** The narrower of the actor's scope and an optional requested region (403 if outside). */
export function effectiveRegion(actor: Actor, requested?: string | null): string {
  if (!requested) return actor.regionCode;
  assertRegionInScope(actor, requested);
  return requested;
}

/** SQL predicate `column LIKE prefix%` for a region subtree; `true` for the root. */
export function regionSubtree(column: Expression<unknown> | string, regionCode: string): Expression<SqlBool> {
  const prefix = regionPrefix(regionCode);
  const ref = typeof column === 'string' ? sql.ref(column) : column;
  if (prefix === '') return sql<SqlBool>`true`;
  return sql<SqlBool>`${ref} like ${prefix + '%'}`;
}
