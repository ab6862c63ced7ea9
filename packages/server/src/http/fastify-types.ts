import type { Permission } from '@yiyang/core';
import type { Actor } from '../platform/actor';
import type { AuthenticatedSession } from '../platform/session';
import type { Services } from '../modules';
import type { AppContext } from '../app-context';

/**
 * Every /api route declares `config.permission`: a named permission, `'authenticated'` (any
 * signed-in session, also one that must first change its password or enrol TOTP) or `'public'`.
 * A route without it fails at start-up (deny by default, security target 1).
 */
export type RouteAccess = Permission | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: AuthenticatedSession | null;
  }
  interface FastifyInstance {
    services: Services;
    ctx: AppContext;
  }
}
