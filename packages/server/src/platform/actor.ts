/**
 * Who is acting: a signed-in user, a background job, or the CLI. Services take an Actor and
 * enforce permissions and data scope themselves, so HTTP, CLI and jobs share one code path.
 */
import { ALL_PERMISSIONS, ROOT_REGION_CODE, type Permission } from '@yiyang/core';

export interface Actor {
  kind: 'user' | 'system' | 'cli';
  userId: string | null;
  username: string;
  orgId: string | null;
  /** Root of the actor's data scope: they see and change only records in this region's subtree. */
  regionCode: string;
  permissions: ReadonlySet<Permission>;
  roles: readonly string[];
  ip?: string | undefined;
  requestId?: string | undefined;
}

export function systemActor(name = 'system', kind: 'system' | 'cli' = 'system'): Actor {
  return {
    kind,
    userId: null,
    username: name,
    orgId: null,
    regionCode: ROOT_REGION_CODE,
    permissions: new Set(ALL_PERMISSIONS),
    roles: [],
  };
}
