import { findSystemRole } from '@yiyang/core';
import { useCallback } from 'react';
import { useSession } from '@/features/auth/session';
import { useRoles } from '@/features/roles/api';

/** Role code → name, from GET /roles when allowed, else from the built-in role list. */
export function useRoleNames() {
  const { can } = useSession();
  const roles = useRoles(can('roles:read'));
  return useCallback(
    (code: string) => roles.data?.find((r) => r.code === code)?.name ?? findSystemRole(code)?.name ?? code,
    [roles.data],
  );
}
