/**
 * Request guards, in order: Origin check on unsafe methods (CSRF), session, session stage,
 * permission. They run in `onRequest`, before the body is parsed, so an anonymous caller gets
 * 401 whatever it sends. Data scope is enforced further in, by the services.
 */
import { DomainError, ErrorKind } from '@yiyang/core';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Config } from '../config';
import { SESSION_COOKIE } from '../platform/session';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOrigins(req: FastifyRequest): string[] {
  const host = req.headers.host;
  return host ? [`http://${host}`, `https://${host}`] : [];
}

/** Fails start-up for an /api route that does not declare its access (deny by default). */
export function assertRouteDeclaresAccess(route: RouteOptions): void {
  if (!route.url.startsWith('/api/')) return;
  if (route.url === '/api/openapi.json' || route.url.startsWith('/api/docs')) return;
  if (!route.config?.permission) {
    throw new Error(`route ${String(route.method)} ${route.url} declares no config.permission`);
  }
  // Put the permission into the OpenAPI document, where the route-enumeration test reads it.
  const schema = (route.schema ??= {}) as Record<string, unknown>;
  schema['x-permission'] = route.config.permission;
}

export function installAccessHooks(app: FastifyInstance, config: Config): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config?.permission;
    const url = req.routeOptions.url;
    if (!url || !url.startsWith('/api/')) return;

    if (!SAFE.has(req.method)) {
      // Scripts send no Origin header and pass; a browser on another site is refused.
      const origin = req.headers.origin;
      if (origin && !hostOrigins(req).includes(origin) && !config.allowedOrigins.includes(origin)) {
        throw new DomainError(ErrorKind.forbidden, 'CSRF_ORIGIN_MISMATCH', '请求来源不被允许');
      }
    }

    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      try {
        const session = await app.services.auth.authenticate(token, {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          requestId: req.id,
        });
        req.session = session;
        req.actor = session.actor;
      } catch (e) {
        if (permission !== 'public') throw e;
      }
    }
    if (!permission || permission === 'public') return;
    if (!req.session) {
      throw new DomainError(ErrorKind.unauthenticated, 'SESSION_REQUIRED', '未登录或登录已失效，请重新登录');
    }
    if (permission === 'authenticated') return;
    if (req.session.stage === 'password_change') {
      throw new DomainError(ErrorKind.forbidden, 'PASSWORD_CHANGE_REQUIRED', '首次登录或密码已重置，请先修改密码');
    }
    if (req.session.stage === 'mfa_enroll') {
      throw new DomainError(ErrorKind.forbidden, 'MFA_ENROLLMENT_REQUIRED', '您的角色要求启用动态验证码，请先完成绑定');
    }
    if (!req.session.actor.permissions.has(permission)) {
      throw new DomainError(ErrorKind.forbidden, 'PERMISSION_DENIED', '没有权限访问该功能');
    }
  });

  app.addHook('onSend', async (req, reply) => {
    // Responses that may carry personal data are never cached (security target 19).
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
