import { CreateOrganisation, ErrorResponse, listOf, Organisation, OrgType, RegionCode, UpdateOrganisation, Uuid } from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const { orgs } = app.services;

  app.get('/orgs', {
    config: { permission: 'orgs:read' },
    schema: {
      tags: ['orgs'],
      summary: '机构列表（限本人数据权限内）',
      querystring: z.object({
        region: RegionCode.optional(),
        type: OrgType.optional(),
        q: z.string().max(50).optional(),
        page: z.coerce.number().int().min(1).default(1),
        page_size: z.coerce.number().int().min(1).max(200).default(20),
      }),
      response: { 200: listOf(Organisation), ...errors },
    },
  }, async (req) => orgs.list(actorOf(req), req.query));

  app.post('/orgs', {
    config: { permission: 'orgs:write' },
    schema: { tags: ['orgs'], summary: '新建机构', body: CreateOrganisation, response: { 201: Organisation, ...errors } },
  }, async (req, reply) => reply.status(201).send(await orgs.create(actorOf(req), req.body)));

  app.get('/orgs/:id', {
    config: { permission: 'orgs:read' },
    schema: { tags: ['orgs'], summary: '机构详情', params: z.object({ id: Uuid }), response: { 200: Organisation, ...errors } },
  }, async (req) => orgs.get(actorOf(req), req.params.id));

  app.patch('/orgs/:id', {
    config: { permission: 'orgs:write' },
    schema: {
      tags: ['orgs'],
      summary: '修改机构（需带version，防止覆盖他人修改）',
      params: z.object({ id: Uuid }),
      body: UpdateOrganisation,
      response: { 200: Organisation, ...errors },
    },
  }, async (req) => orgs.update(actorOf(req), req.params.id, req.body));
};
