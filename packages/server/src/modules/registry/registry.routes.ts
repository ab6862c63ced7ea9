import {
  CreatePerson,
  ErrorResponse,
  FactRecord,
  listOf,
  PersonDetail,
  PersonQuery,
  PersonSummary,
  RecordFact,
  RevealRequest,
  RevealResponse,
  UpdatePerson,
  Uuid,
} from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const params = z.object({ id: Uuid });

export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { registry } = app.services;

  app.get('/persons', {
    config: { permission: 'persons:read' },
    schema: {
      tags: ['registry'],
      summary: '老年人档案查询（姓名、完整身份证号或电话；按区划、年龄段、性别、类别筛选）',
      querystring: PersonQuery,
      response: { 200: listOf(PersonSummary), ...errors },
    },
  }, async (req) => registry.list(actorOf(req), req.query));

  app.post('/persons', {
    config: { permission: 'persons:write' },
    schema: { tags: ['registry'], summary: '新建档案（出生日期、性别由身份证号推出）', body: CreatePerson, response: { 201: PersonDetail, ...errors } },
  }, async (req, reply) => reply.status(201).send(await registry.create(actorOf(req), req.body)));

  app.get('/persons/:id', {
    config: { permission: 'persons:read' },
    schema: { tags: ['registry'], summary: '档案详情（身份证号、电话脱敏）', params, response: { 200: PersonDetail, ...errors } },
  }, async (req) => registry.get(actorOf(req), req.params.id));

  app.patch('/persons/:id', {
    config: { permission: 'persons:write' },
    schema: { tags: ['registry'], summary: '修改档案基本信息', params, body: UpdatePerson, response: { 200: PersonDetail, ...errors } },
  }, async (req) => registry.update(actorOf(req), req.params.id, req.body));

  app.post('/persons/:id/reveal', {
    config: { permission: 'pii:reveal' },
    schema: { tags: ['registry'], summary: '查看完整身份证号和电话（记入审计日志）', params, body: RevealRequest, response: { 200: RevealResponse, ...errors } },
  }, async (req) => registry.reveal(actorOf(req), req.params.id, req.body.reason));

  app.get('/persons/:id/facts', {
    config: { permission: 'persons:read' },
    schema: { tags: ['registry'], summary: '档案事实时间轴（含来源与有效期）', params, response: { 200: z.object({ items: z.array(FactRecord) }), ...errors } },
  }, async (req) => ({ items: await registry.factHistory(actorOf(req), req.params.id) }));

  app.post('/persons/:id/facts', {
    config: { permission: 'persons:write' },
    schema: { tags: ['registry'], summary: '登记一项档案事实（自某日起有效）', params, body: RecordFact, response: { 200: PersonDetail, ...errors } },
  }, async (req) => registry.recordFact(actorOf(req), req.params.id, req.body));
};
