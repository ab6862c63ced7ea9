import {
  ChangePasswordRequest,
  ErrorResponse,
  LoginRequest,
  LoginResponse,
  Me,
  OkResponse,
  TotpCodeRequest,
  TotpSetupResponse,
} from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionOf } from '../../http/request-actor';
import { SESSION_COOKIE } from '../../platform/session';


const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse };

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth } = app.services;
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    secure: app.ctx.config.cookieSecure,
  };

  app.post('/login', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'],
      summary: '登录（设置会话Cookie）',
      body: LoginRequest,
      response: { 200: LoginResponse, ...errors },
    },
  }, async (req, reply) => {
    const { token, me } = await auth.login(req.body, { ip: req.ip, userAgent: req.headers['user-agent'], requestId: req.id });
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: Math.floor(app.ctx.config.sessionMaxMs / 1000) });
    return { user: me };
  });

  app.post('/logout', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: '退出登录', response: { 200: OkResponse, 401: ErrorResponse } },
  }, async (req, reply) => {
    await auth.logout(sessionOf(req));
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ok: true as const };
  });

  app.get('/me', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: '当前用户', response: { 200: Me, 401: ErrorResponse } },
  }, async (req) => auth.me(sessionOf(req)));

  app.post('/password', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: '修改密码', body: ChangePasswordRequest, response: { 200: Me, ...errors } },
  }, async (req) => auth.changePassword(sessionOf(req), req.body.current_password, req.body.new_password));

  app.post('/totp/setup', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: '生成动态验证码密钥', response: { 200: TotpSetupResponse, 401: ErrorResponse } },
  }, async (req) => auth.totpSetup(sessionOf(req)));

  app.post('/totp/enable', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: '启用动态验证码', body: TotpCodeRequest, response: { 200: Me, ...errors } },
  }, async (req) => auth.totpEnable(sessionOf(req), req.body.code));

  app.post('/totp/disable', {
    config: { permission: 'authenticated' },
    schema: {
      tags: ['auth'],
      summary: '关闭动态验证码',
      body: z.object({ password: z.string().min(1).max(256) }),
      response: { 200: Me, ...errors },
    },
  }, async (req) => auth.totpDisable(sessionOf(req), req.body.password));
};
