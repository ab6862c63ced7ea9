import {
  EntitlementsQuery,
  ErrorResponse,
  EvaluateRequest,
  EvaluateResponse,
  listOf,
  PersonEntitlements,
  PopulationRunRequest,
  RegionCode,
  RunRecord,
  SimulationRequest,
  SimulationResult,
  UpdateWorklistEntry,
  Uuid,
  WorklistEntry,
  WorklistQuery,
} from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['eligibility'];

export const eligibilityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { eligibility } = app.services;

  app.post('/eligibility/evaluate', {
    config: { permission: 'catalogue:read' },
    schema: {
      tags,
      summary: '资格测算：按身份证号和所给事实计算在某日应享受的清单项目（未给出的事实取中性值；explain=true 附每项的判断依据）',
      body: EvaluateRequest,
      response: { 200: EvaluateResponse, ...errors },
    },
  }, async (req) => eligibility.evaluate(actorOf(req), req.body));

  app.get('/persons/:id/entitlements', {
    config: { permission: 'persons:read' },
    schema: { tags, summary: '老年人在某日应享受的清单项目及每项的判断依据', params: z.object({ id: Uuid }), querystring: EntitlementsQuery, response: { 200: PersonEntitlements, ...errors } },
  }, async (req) => eligibility.personEntitlements(actorOf(req), req.params.id, req.query.as_of));

  app.post('/eligibility/runs', {
    config: { permission: 'eligibility:run' },
    schema: { tags, summary: '服务找人：对区划全部老年人测算并更新应享未享/不应享而享工作清单', body: PopulationRunRequest, response: { 201: RunRecord, ...errors } },
  }, async (req, reply) => reply.status(201).send(await eligibility.runPopulation(actorOf(req), req.body.region, req.body.as_of ? { asOf: req.body.as_of } : {})));

  app.get('/eligibility/runs', {
    config: { permission: 'worklists:read' },
    schema: { tags, summary: '测算与模拟运行记录', querystring: z.object({ region: RegionCode.optional() }), response: { 200: listOf(RunRecord), ...errors } },
  }, async (req) => eligibility.runs(actorOf(req), req.query.region));

  app.get('/worklists', {
    config: { permission: 'worklists:read' },
    schema: { tags, summary: '应享未享 / 不应享而享工作清单（按居住地街道分派）', querystring: WorklistQuery, response: { 200: listOf(WorklistEntry), ...errors } },
  }, async (req) => eligibility.listWorklist(actorOf(req), req.query));

  app.get('/worklists/:id', {
    config: { permission: 'worklists:read' },
    schema: { tags, summary: '工作清单条目详情（含测算依据）', params: z.object({ id: Uuid }), response: { 200: WorklistEntry, ...errors } },
  }, async (req) => eligibility.getWorklistEntry(actorOf(req), req.params.id));

  app.patch('/worklists/:id', {
    config: { permission: 'worklists:write' },
    schema: { tags, summary: '处理工作清单条目：处理中、已办结、不予处理（办结须填写说明）', params: z.object({ id: Uuid }), body: UpdateWorklistEntry, response: { 200: WorklistEntry, ...errors } },
  }, async (req) => eligibility.updateWorklistEntry(actorOf(req), req.params.id, req.body));

  app.post('/eligibility/simulations', {
    config: { permission: 'eligibility:run' },
    schema: { tags, summary: '政策模拟：用草案版本测算登记人口，按项目列出新增/减少享受人数，按区划列出每月资金变化', body: SimulationRequest, response: { 200: SimulationResult, ...errors } },
  }, async (req) => eligibility.simulate(actorOf(req), req.body));
};
