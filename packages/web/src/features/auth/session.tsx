/**
 * The signed-in user inside the guarded part of the app, and permission checks. The server checks
 * every request again; these only decide what to show.
 */
import type { Me, Permission } from '@yiyang/core';
import { createContext, useContext, useMemo, type ReactNode } from 'react';

export interface Session {
  me: Me;
  can(permission: Permission): boolean;
  canAny(permissions: readonly Permission[]): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function makeSession(me: Me): Session {
  const granted = new Set(me.permissions);
  return {
    me,
    can: (p) => granted.has(p),
    canAny: (ps) => ps.length === 0 || ps.some((p) => granted.has(p)),
  };
}

export interface SessionProviderProps {
  me: Me;
  children: ReactNode;
}

export function SessionProvider({ me, children }: SessionProviderProps) {
  const session = useMemo(() => makeSession(me), [me]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in area');
  return s;
}
