import { ErrorResponse, Region, RegionCode, RegionWithPath } from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { regions } = app.services;

  app.get('/regions', {
    config: { permission: 'regions:read' },
    schema: {
      tags: ['regions'],
      summary: '下级区划（不传parent时返回本人数据权限的根区划）',
      querystring: z.object({ parent: RegionCode.optional() }),
      response: { 200: z.object({ items: z.array(Region) }), ...errors },
    },
  }, async (req) => ({ items: await regions.children(actorOf(req), req.query.parent) }));

  app.get('/regions/search', {
    config: { permission: 'regions:read' },
    schema: {
      tags: ['regions'],
      summary: '按名称搜索区划（限本人数据权限内）',
      querystring: z.object({ q: z.string().trim().min(1).max(30) }),
      response: { 200: z.object({ items: z.array(Region) }), ...errors },
    },
  }, async (req) => ({ items: await regions.search(actorOf(req), req.query.q) }));

  app.get('/regions/:code', {
    config: { permission: 'regions:read' },
    schema: {
      tags: ['regions'],
      summary: '区划详情及上级路径',
      params: z.object({ code: RegionCode }),
      response: { 200: RegionWithPath, ...errors },
    },
  }, async (req) => regions.get(actorOf(req), req.params.code));

  app.post('/regions/load', {
    config: { permission: 'regions:write' },
    schema: {
      tags: ['regions'],
      summary: '从区划数据包载入一个或多个地区（含全部下级至村/社区）',
      body: z.object({ codes: z.array(RegionCode).min(1).max(20) }),
      response: { 200: z.object({ loaded: z.number().int() }), ...errors },
    },
  }, async (req) => regions.load(actorOf(req), req.body.codes));
};
