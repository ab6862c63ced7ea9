import { DomainError, ErrorKind } from '@yiyang/core';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../platform/actor';
import type { AuthenticatedSession } from '../platform/session';

/** The signed-in actor of a request (the auth hook guarantees one on non-public routes). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError(ErrorKind.unauthenticated, 'SESSION_INVALID', '未登录或登录已失效，请重新登录');
  return req.actor;
}

export function sessionOf(req: FastifyRequest): AuthenticatedSession {
  if (!req.session) throw new DomainError(ErrorKind.unauthenticated, 'SESSION_INVALID', '未登录或登录已失效，请重新登录');
  return req.session;
}
