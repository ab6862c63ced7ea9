import {
  Application,
  ApplicationQuery,
  AutoEnrol,
  CreateApplication,
  DecideApplication,
  Enrolment,
  EnrolmentQuery,
  ErrorResponse,
  listOf,
  Programme,
  RegionCode,
  ResumeEnrolment,
  SuspendEnrolment,
  TerminateEnrolment,
  Uuid,
} from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const idParams = z.object({ id: Uuid });
const tags = ['benefits'];

export const benefitsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { benefits } = app.services;

  app.get('/benefits/programmes', {
    config: { permission: 'benefits:read' },
    schema: { tags, summary: '发放项目（清单中的现金补贴与服务券项目）及享受人数', querystring: z.object({ region: RegionCode.optional() }), response: { 200: z.object({ items: z.array(Programme) }), ...errors } },
  }, async (req) => ({ items: await benefits.programmes(actorOf(req), req.query.region) }));

  app.get('/benefits/enrolments', {
    config: { permission: 'benefits:read' },
    schema: { tags, summary: '享受对象名单', querystring: EnrolmentQuery, response: { 200: listOf(Enrolment), ...errors } },
  }, async (req) => benefits.listEnrolments(actorOf(req), req.query));

  app.post('/benefits/enrolments', {
    config: { permission: 'benefits:review', idempotent: true },
    schema: { tags, summary: '免申即享：从应享未享名单直接纳入（街道确认）', body: AutoEnrol, response: { 201: Enrolment, ...errors } },
  }, async (req, reply) => reply.status(201).send(await benefits.enrolAuto(actorOf(req), req.body)));

  app.get('/benefits/enrolments/:id', {
    config: { permission: 'benefits:read' },
    schema: { tags, summary: '享受记录详情（含变动历史）', params: idParams, response: { 200: Enrolment, ...errors } },
  }, async (req) => benefits.getEnrolment(actorOf(req), req.params.id));

  app.post('/benefits/enrolments/:id/suspend', {
    config: { permission: 'benefits:review' },
    schema: { tags, summary: '暂停发放（起止月份与理由）', params: idParams, body: SuspendEnrolment, response: { 200: Enrolment, ...errors } },
  }, async (req) => benefits.suspend(actorOf(req), req.params.id, req.body));

  app.post('/benefits/enrolments/:id/resume', {
    config: { permission: 'benefits:review' },
    schema: { tags, summary: '恢复发放', params: idParams, body: ResumeEnrolment, response: { 200: Enrolment, ...errors } },
  }, async (req) => benefits.resume(actorOf(req), req.params.id, req.body));

  app.post('/benefits/enrolments/:id/terminate', {
    config: { permission: 'benefits:review' },
    schema: { tags, summary: '终止享受（死亡、迁出、不再符合条件等，发放至指定月份）', params: idParams, body: TerminateEnrolment, response: { 200: Enrolment, ...errors } },
  }, async (req) => benefits.terminate(actorOf(req), req.params.id, req.body));

  app.post('/benefits/applications', {
    config: { permission: 'benefits:apply', idempotent: true },
    schema: { tags, summary: '受理津补贴申请（本人、家属或工作人员代办）', body: CreateApplication, response: { 201: Application, ...errors } },
  }, async (req, reply) => reply.status(201).send(await benefits.apply(actorOf(req), req.body)));

  app.get('/benefits/applications', {
    config: { permission: 'benefits:read' },
    schema: { tags, summary: '申请列表与待办（mine=true：当前环节由我办理）', querystring: ApplicationQuery, response: { 200: listOf(Application), ...errors } },
  }, async (req) => benefits.listApplications(actorOf(req), req.query));

  app.get('/benefits/applications/:id', {
    config: { permission: 'benefits:read' },
    schema: { tags, summary: '申请详情与办理过程', params: idParams, response: { 200: Application, ...errors } },
  }, async (req) => benefits.getApplication(actorOf(req), req.params.id));

  app.post('/benefits/applications/:id/decision', {
    config: { permission: 'benefits:read', idempotent: true },
    schema: { tags, summary: '办理当前环节：初审或审批（同意/不同意，须填理由）', params: idParams, body: DecideApplication, response: { 200: Application, ...errors } },
  }, async (req) => benefits.decide(actorOf(req), req.params.id, req.body));
};
