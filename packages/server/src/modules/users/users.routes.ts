import {
  CreateRole,
  CreateUser,
  CreateUserResponse,
  ErrorResponse,
  listOf,
  PermissionInfo,
  RegionCode,
  ResetPasswordResponse,
  Role,
  UpdateRole,
  UpdateUser,
  User,
  UserStatus,
  Uuid,
} from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { users } = app.services;

  app.get('/users', {
    config: { permission: 'users:read' },
    schema: {
      tags: ['users'],
      summary: '用户列表（限本人数据权限内）',
      querystring: z.object({
        q: z.string().max(50).optional(),
        org_id: Uuid.optional(),
        region: RegionCode.optional(),
        role: z.string().max(40).optional(),
        status: UserStatus.optional(),
        page: z.coerce.number().int().min(1).default(1),
        page_size: z.coerce.number().int().min(1).max(200).default(20),
      }),
      response: { 200: listOf(User), ...errors },
    },
  }, async (req) => users.list(actorOf(req), req.query));

  app.post('/users', {
    config: { permission: 'users:write' },
    schema: { tags: ['users'], summary: '新建用户（未给密码时生成初始密码，首次登录须修改）', body: CreateUser, response: { 201: CreateUserResponse, ...errors } },
  }, async (req, reply) => reply.status(201).send(await users.create(actorOf(req), req.body)));

  app.get('/users/:id', {
    config: { permission: 'users:read' },
    schema: { tags: ['users'], summary: '用户详情', params: z.object({ id: Uuid }), response: { 200: User, ...errors } },
  }, async (req) => users.get(actorOf(req), req.params.id));

  app.patch('/users/:id', {
    config: { permission: 'users:write' },
    schema: { tags: ['users'], summary: '修改用户', params: z.object({ id: Uuid }), body: UpdateUser, response: { 200: User, ...errors } },
  }, async (req) => users.update(actorOf(req), req.params.id, req.body));

  app.post('/users/:id/reset-password', {
    config: { permission: 'users:write' },
    schema: { tags: ['users'], summary: '重置密码（生成初始密码）', params: z.object({ id: Uuid }), response: { 200: ResetPasswordResponse, ...errors } },
  }, async (req) => users.resetPassword(actorOf(req), req.params.id));

  app.post('/users/:id/unlock', {
    config: { permission: 'users:write' },
    schema: { tags: ['users'], summary: '解除锁定', params: z.object({ id: Uuid }), response: { 200: User, ...errors } },
  }, async (req) => users.unlock(actorOf(req), req.params.id));

  app.post('/users/:id/reset-mfa', {
    config: { permission: 'users:write' },
    schema: { tags: ['users'], summary: '重置动态验证码（用户须重新绑定）', params: z.object({ id: Uuid }), response: { 200: User, ...errors } },
  }, async (req) => users.resetMfa(actorOf(req), req.params.id));

  app.get('/roles', {
    config: { permission: 'roles:read' },
    schema: { tags: ['roles'], summary: '角色列表', response: { 200: z.object({ items: z.array(Role) }), ...errors } },
  }, async (req) => ({ items: await users.listRoles(actorOf(req)) }));

  app.post('/roles', {
    config: { permission: 'roles:write' },
    schema: { tags: ['roles'], summary: '新建角色', body: CreateRole, response: { 201: Role, ...errors } },
  }, async (req, reply) => reply.status(201).send(await users.createRole(actorOf(req), req.body)));

  app.patch('/roles/:code', {
    config: { permission: 'roles:write' },
    schema: {
      tags: ['roles'],
      summary: '修改角色（权限、是否要求动态验证码）',
      params: z.object({ code: z.string().max(40) }),
      body: UpdateRole,
      response: { 200: Role, ...errors },
    },
  }, async (req) => users.updateRole(actorOf(req), req.params.code, req.body));

  app.get('/permissions', {
    config: { permission: 'roles:read' },
    schema: { tags: ['roles'], summary: '权限清单', response: { 200: z.object({ items: z.array(PermissionInfo) }), ...errors } },
  }, async () => ({ items: users.listPermissions() }));
};
