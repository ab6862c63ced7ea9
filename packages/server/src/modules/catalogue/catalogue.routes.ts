import {
  CatalogueDiff,
  CatalogueQuery,
  CatalogueVersionDetail,
  CatalogueVersionSummary,
  CreateDraft,
  ErrorResponse,
  InheritanceReport,
  listOf,
  PlainDateString,
  PublicCatalogue,
  PublishBody,
  RegionCode,
  SetParameter,
  TransitionBody,
  UpdateDraft,
  Uuid,
} from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const idParams = z.object({ id: Uuid });
const tags = ['catalogue'];

export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { catalogue } = app.services;

  app.get('/public/catalogues/:region', {
    config: { permission: 'public' },
    schema: { tags, summary: '公开：区划现行基本养老服务清单（无需登录）', params: z.object({ region: RegionCode }), response: { 200: PublicCatalogue, 400: ErrorResponse, 404: ErrorResponse } },
  }, async (req) => catalogue.publicList(req.params.region));

  app.get('/catalogues', {
    config: { permission: 'catalogue:read' },
    schema: { tags, summary: '清单版本列表（本级、下级及上级清单）', querystring: CatalogueQuery, response: { 200: listOf(CatalogueVersionSummary), ...errors } },
  }, async (req) => catalogue.list(actorOf(req), req.query));

  app.get('/catalogues/versions/:id', {
    config: { permission: 'catalogue:read' },
    schema: { tags, summary: '清单版本详情：内容、含继承的全部事项、参数状态', params: idParams, response: { 200: CatalogueVersionDetail, ...errors } },
  }, async (req) => catalogue.get(actorOf(req), req.params.id));

  app.get('/catalogues/diff', {
    config: { permission: 'catalogue:read' },
    schema: { tags, summary: '两个清单版本的差异：新增、删除、修改的事项，条件和标准，参数', querystring: z.object({ from: Uuid, to: Uuid }), response: { 200: CatalogueDiff, ...errors } },
  }, async (req) => catalogue.diff(actorOf(req), req.query.from, req.query.to));

  app.post('/catalogues/drafts', {
    config: { permission: 'catalogue:write' },
    schema: { tags, summary: '以现行版本（或指定版本）为基础起草新版本', body: CreateDraft, response: { 201: CatalogueVersionDetail, ...errors } },
  }, async (req, reply) => reply.status(201).send(await catalogue.createDraft(actorOf(req), req.body)));

  app.put('/catalogues/versions/:id', {
    config: { permission: 'catalogue:write' },
    schema: { tags, summary: '修改草案内容（事项、参数、设置，整份政策包JSON，按格式校验）', params: idParams, body: UpdateDraft, response: { 200: CatalogueVersionDetail, ...errors } },
  }, async (req) => catalogue.updateDraft(actorOf(req), req.params.id, req.body));

  app.put('/catalogues/versions/:id/parameters/:name', {
    config: { permission: 'catalogue:write' },
    schema: { tags, summary: '在草案中设定参数取值（如上级文件另行规定的标准）', params: z.object({ id: Uuid, name: z.string().regex(/^[a-z][a-z0-9_]*$/).max(60) }), body: SetParameter, response: { 200: CatalogueVersionDetail, ...errors } },
  }, async (req) => catalogue.setParameter(actorOf(req), req.params.id, req.params.name, req.body));

  app.post('/catalogues/versions/:id/propose', {
    config: { permission: 'catalogue:write' },
    schema: { tags, summary: '提交审批', params: idParams, body: TransitionBody, response: { 200: CatalogueVersionDetail, ...errors } },
  }, async (req) => catalogue.propose(actorOf(req), req.params.id, req.body));

  app.post('/catalogues/versions/:id/return', {
    config: { permission: 'catalogue:write' },
    schema: { tags, summary: '退回草案', params: idParams, body: TransitionBody, response: { 200: CatalogueVersionDetail, ...errors } },
  }, async (req) => catalogue.returnToDraft(actorOf(req), req.params.id, req.body));

  app.post('/catalogues/versions/:id/approve', {
    config: { permission: 'catalogue:approve' },
    schema: { tags, summary: '审批通过（审批人不能是起草人或提交人）', params: idParams, body: TransitionBody, response: { 200: CatalogueVersionDetail, ...errors } },
  }, async (req) => catalogue.approve(actorOf(req), req.params.id, req.body));

  app.get('/catalogues/versions/:id/check', {
    config: { permission: 'catalogue:read' },
    schema: { tags, summary: '发布前检查：是否包含上级清单全部事项，条件不收窄、标准不降低', params: idParams, querystring: z.object({ as_of: PlainDateString.optional() }), response: { 200: InheritanceReport, ...errors } },
  }, async (req) => catalogue.checkVersion(actorOf(req), req.params.id, req.query.as_of));

  app.post('/catalogues/versions/:id/publish', {
    config: { permission: 'catalogue:publish' },
    schema: { tags, summary: '发布（填写文号和生效日期；未能证明涵盖上级清单的拒绝发布并列出原因）', params: idParams, body: PublishBody, response: { 200: CatalogueVersionDetail, ...errors } },
  }, async (req) => catalogue.publish(actorOf(req), req.params.id, req.body));
};
