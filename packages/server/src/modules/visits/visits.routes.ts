import {
  AlertQuery,
  AssignVisitor,
  VisitDueItem,
  VisitDueQuery,
  ErrorResponse,
  listOf,
  RateQuery,
  RebuildRoster,
  RecordVisit,
  ReferralQuery,
  ReferralRecord,
  RegionCode,
  RegionRate,
  RevealRequest,
  ResolveAlert,
  RosterDetail,
  RosterEntry,
  RosterQuery,
  UpdateReferral,
  UpdateRoster,
  Uuid,
  VisitAlert,
  VisitorSummary,
  VisitPolicy,
  VisitQuery,
  VisitRate,
  VisitRecord,
  AttachmentMeta,
} from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';
import { PHOTO_TYPES } from './photo-check';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const personParams = z.object({ person_id: Uuid });
const idParams = z.object({ id: Uuid });
const tags = ['visits'];

export const visitsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { visits } = app.services;
  // Photos arrive as the raw request stream (bounded and checked by the service).
  app.addContentTypeParser([...PHOTO_TYPES], (_req, payload, done) => done(null, payload));

  app.get('/visits/due', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '本周期应探访未探访名单（按探访员、社区或区划；探访员只看本人的对象）', querystring: VisitDueQuery, response: { 200: listOf(VisitDueItem), ...errors } },
  }, async (req) => visits.due(actorOf(req), req.query));

  app.get('/visits/rate', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '探访率 = 周期内至少探访一次的人数 ÷ 周期内应探访人数', querystring: RateQuery, response: { 200: VisitRate, ...errors } },
  }, async (req) => visits.rate(actorOf(req), req.query));

  app.get('/visits/rate/regions', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '探访率下钻：各下级区划', querystring: RateQuery, response: { 200: listOf(RegionRate), ...errors } },
  }, async (req) => visits.rateByRegion(actorOf(req), req.query));

  app.get('/visits/policy', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '本地探访频次与预警参数（政策包或默认）', querystring: z.object({ region: RegionCode.optional() }), response: { 200: VisitPolicy, ...errors } },
  }, async (req) => visits.policyOf(actorOf(req), req.query.region));

  app.post('/visits', {
    config: { permission: 'visits:write', idempotent: true },
    schema: { tags, summary: '登记探访（含未联系上）：方式、时间、发现、风险、需求转介', body: RecordVisit, response: { 201: VisitRecord, ...errors } },
  }, async (req, reply) => reply.status(201).send(await visits.recordVisit(actorOf(req), req.body)));

  app.get('/visits', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '探访记录查询', querystring: VisitQuery, response: { 200: listOf(VisitRecord), ...errors } },
  }, async (req) => visits.listVisits(actorOf(req), req.query));

  app.get('/visits/records/:id', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '探访记录详情', params: idParams, response: { 200: VisitRecord, ...errors } },
  }, async (req) => visits.getVisit(actorOf(req), req.params.id));

  app.post('/visits/records/:id/photos', {
    config: { permission: 'visits:write' },
    schema: {
      tags,
      summary: '上传探访照片（请求体为图片本身，Content-Type: image/jpeg、image/png 或 image/webp，不超过5MB，每次探访最多6张）',
      params: idParams,
      response: { 201: AttachmentMeta, ...errors, 413: ErrorResponse, 415: ErrorResponse },
    },
  }, async (req, reply) =>
    reply.status(201).send(await visits.addAttachment(actorOf(req), req.params.id, req.headers['content-type'], req.body as AsyncIterable<Uint8Array> | undefined)));

  app.get('/visits/records/:id/photos/:photo_id', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '查看探访照片', params: z.object({ id: Uuid, photo_id: Uuid }) },
  }, async (req, reply) => {
    const a = await visits.getAttachment(actorOf(req), req.params.id, req.params.photo_id);
    return reply.type(a.content_type).header('x-content-type-options', 'nosniff').header('content-disposition', 'inline').send(a.data);
  });

  app.get('/visits/roster', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '探访对象名单（特殊困难老年人）', querystring: RosterQuery, response: { 200: listOf(RosterEntry), ...errors } },
  }, async (req) => visits.listRoster(actorOf(req), req.query));

  app.get('/visits/roster/:person_id', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '探访对象详情：意愿、联系人（脱敏）、探访记录、预警、变动记录', params: personParams, response: { 200: RosterDetail, ...errors } },
  }, async (req) => visits.getRoster(actorOf(req), req.params.person_id));

  app.patch('/visits/roster/:person_id', {
    config: { permission: 'visits:write' },
    schema: { tags, summary: '登记探访意愿、亲属联系人、网格、风险等级', params: personParams, body: UpdateRoster, response: { 200: RosterDetail, ...errors } },
  }, async (req) => visits.updateRoster(actorOf(req), req.params.person_id, req.body));

  app.post('/visits/roster/:person_id/contacts/reveal', {
    config: { permission: 'visits:write' },
    schema: {
      tags,
      summary: '查看亲属完整联系电话（负责的探访员或有敏感信息权限者；记入审计日志）',
      params: personParams,
      body: RevealRequest,
      response: { 200: z.object({ contacts: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string().nullable() })) }), ...errors },
    },
  }, async (req) => visits.revealContacts(actorOf(req), req.params.person_id, req.body.reason));

  app.post('/visits/roster/rebuild', {
    config: { permission: 'visits:assign' },
    schema: { tags, summary: '按档案重建探访对象名单（后台任务；政策调整后重算频次）', body: RebuildRoster, response: { 202: z.object({ job_id: z.number().int() }), ...errors } },
  }, async (req, reply) => reply.status(202).send(await visits.requestRebuild(actorOf(req), req.body.region)));

  app.get('/visits/visitors', {
    config: { permission: 'visits:assign' },
    schema: { tags, summary: '可分配的探访员（含当前对象数）', querystring: z.object({ region: RegionCode.optional() }), response: { 200: listOf(VisitorSummary), ...errors } },
  }, async (req) => visits.visitors(actorOf(req), req.query.region));

  app.post('/visits/assignments', {
    config: { permission: 'visits:assign' },
    schema: { tags, summary: '分配探访员：逐个或按社区/网格批量（visitor_id 为 null 即取消分配）', body: AssignVisitor, response: { 200: z.object({ assigned: z.number().int(), person_ids: z.array(Uuid) }), ...errors } },
  }, async (req) => visits.assign(actorOf(req), req.body));

  app.get('/visits/alerts', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '探访预警（发现危险、多次未联系上、逾期未探访）', querystring: AlertQuery, response: { 200: listOf(VisitAlert), ...errors } },
  }, async (req) => visits.listAlerts(actorOf(req), req.query));

  app.post('/visits/alerts/:id/resolve', {
    config: { permission: 'visits:assign' },
    schema: { tags, summary: '手工处置预警', params: idParams, body: ResolveAlert, response: { 200: VisitAlert, ...errors } },
  }, async (req) => visits.resolveAlert(actorOf(req), req.params.id, req.body));

  app.get('/visits/referrals', {
    config: { permission: 'visits:read' },
    schema: { tags, summary: '需求转介（服务、能力评估、补贴申请）', querystring: ReferralQuery, response: { 200: listOf(ReferralRecord), ...errors } },
  }, async (req) => visits.listReferrals(actorOf(req), req.query));

  app.patch('/visits/referrals/:id', {
    config: { permission: 'visits:assign' },
    schema: { tags, summary: '更新转介办理状态', params: idParams, body: UpdateReferral, response: { 200: ReferralRecord, ...errors } },
  }, async (req) => visits.updateReferral(actorOf(req), req.params.id, req.body));
};
