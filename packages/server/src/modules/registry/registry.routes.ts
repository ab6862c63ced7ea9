import {
  ConflictQuery,
  DuplicatePair,
  DuplicateQuery,
  FactConflict,
  HARDSHIP_TAG_CODES,
  ImportBatch,
  ImportBatchQuery,
  ImportQuery,
  ImportQueued,
  ImportResult,
  ImportSourceParam,
  LifeEventInput,
  LifeEventRecord,
  MergeDuplicate,
  OkResponse,
  RegionCode,
  ResolveConflict,
  TagCounts,
  TagCountsQuery,
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
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const params = z.object({ id: Uuid });
/** `total` is exact up to 10,000 matches, the planner's estimate above (`total_exact: false`). */
const PersonList = listOf(PersonSummary).extend({ total_exact: z.boolean() });
const numericId = z.object({ id: z.coerce.number().int().positive() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(reply: FastifyReply, file: { file: Buffer; name: string }) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .send(file.file);
}

export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { registry } = app.services;

  app.get('/persons', {
    config: { permission: 'persons:read' },
    schema: {
      tags: ['registry'],
      summary: '老年人档案查询（姓名、完整身份证号或电话；按区划、年龄段、性别、类别筛选）',
      querystring: PersonQuery,
      response: { 200: PersonList, ...errors },
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

  // ---- imports from departments (000 三(二)6; 004 二(二)5) ---------------------------------------

  app.post('/persons/import', {
    config: { permission: 'persons:import' },
    schema: {
      tags: ['registry'],
      summary: '导入部门数据（请求体为CSV或XLSX文件；大文件转为后台任务，返回202和批次号）',
      querystring: ImportQuery,
      response: { 200: ImportResult, 202: ImportQueued, ...errors, 413: ErrorResponse },
    },
  }, async (req, reply) => {
    const len = req.headers['content-length'] ? Number(req.headers['content-length']) : undefined;
    const r = await registry.imports.start(actorOf(req), req.query, req.body as Readable, req.headers['content-type'], len);
    if (r.kind === 'queued') return reply.status(202).send({ batch_id: r.batch_id, job_id: r.job_id, status: r.status });
    return reply.status(200).send(r.result);
  });

  app.get('/persons/import-templates/:source', {
    config: { permission: 'persons:import' },
    schema: { tags: ['registry'], summary: '下载导入模板（XLSX，身份证号等列为文本格式，字典列带下拉框）', params: z.object({ source: ImportSourceParam }) },
  }, async (req, reply) => attachment(reply, await registry.imports.template(actorOf(req), req.params.source)));

  app.get('/persons/imports', {
    config: { permission: 'persons:import' },
    schema: { tags: ['registry'], summary: '导入批次列表', querystring: ImportBatchQuery, response: { 200: listOf(ImportBatch), ...errors } },
  }, async (req) => registry.imports.listBatches(actorOf(req), req.query));

  app.get('/persons/imports/:id', {
    config: { permission: 'persons:import' },
    schema: { tags: ['registry'], summary: '导入批次状态与进度（含前1000条错误）', params, response: { 200: ImportBatch, ...errors } },
  }, async (req) => registry.imports.getBatch(actorOf(req), req.params.id));

  app.get('/persons/imports/:id/error-report', {
    config: { permission: 'persons:import' },
    schema: { tags: ['registry'], summary: '下载错误报告（XLSX，标出每个错误单元格；记入审计日志）', params },
  }, async (req, reply) => attachment(reply, await registry.imports.errorReport(actorOf(req), req.params.id)));

  // ---- conflicts, duplicates ------------------------------------------------------------------

  app.get('/persons/conflicts', {
    config: { permission: 'persons:read' },
    schema: { tags: ['registry'], summary: '部门数据冲突清单（按数据优先级处理的结果，供核实）', querystring: ConflictQuery, response: { 200: listOf(FactConflict), ...errors } },
  }, async (req) => registry.listConflicts(actorOf(req), req.query));

  app.post('/persons/conflicts/:id/resolve', {
    config: { permission: 'persons:write' },
    schema: { tags: ['registry'], summary: '处理一条数据冲突', params: numericId, body: ResolveConflict, response: { 200: OkResponse, ...errors } },
  }, async (req) => registry.resolveConflict(actorOf(req), req.params.id, req.body.decision, req.body.note));

  app.get('/persons/duplicates', {
    config: { permission: 'persons:read' },
    schema: { tags: ['registry'], summary: '疑似重复档案（同名同出生日期；身份证号仅一位不同）', querystring: DuplicateQuery, response: { 200: listOf(DuplicatePair), ...errors } },
  }, async (req) => registry.listDuplicates(actorOf(req), req.query));

  app.post('/persons/duplicates/scan', {
    config: { permission: 'persons:write' },
    schema: { tags: ['registry'], summary: '排查疑似重复档案（后台任务）', body: z.object({ region: RegionCode.optional() }), response: { 200: z.object({ jobs: z.number().int() }), ...errors } },
  }, async (req) => registry.requestDuplicateScan(actorOf(req), req.body.region));

  app.post('/persons/duplicates/:id/merge', {
    config: { permission: 'persons:write' },
    schema: { tags: ['registry'], summary: '合并疑似重复档案（保留一份，另一份标记为已合并）', params: numericId, body: MergeDuplicate, response: { 200: OkResponse, ...errors } },
  }, async (req) => registry.decideDuplicate(actorOf(req), req.params.id, { merge: req.body }));

  app.post('/persons/duplicates/:id/dismiss', {
    config: { permission: 'persons:write' },
    schema: { tags: ['registry'], summary: '确认不是重复', params: numericId, response: { 200: OkResponse, ...errors } },
  }, async (req) => registry.decideDuplicate(actorOf(req), req.params.id, { dismiss: true }));

  // ---- derived categories ---------------------------------------------------------------------

  app.get('/persons/stats/tags', {
    config: { permission: 'persons:read' },
    schema: { tags: ['registry'], summary: '特殊困难老年人分类统计（按下级区划）', querystring: TagCountsQuery, response: { 200: TagCounts, ...errors } },
  }, async (req) => registry.tagCounts(actorOf(req), req.query.region));

  app.get('/persons/hardship-definitions', {
    config: { permission: 'persons:read' },
    schema: {
      tags: ['registry'],
      summary: '特殊困难类别的认定规则（CEL表达式：全国默认，可被地方政策包覆盖）',
      querystring: TagCountsQuery,
      response: { 200: z.object({ region_code: z.string(), region: z.string().nullable(), definitions: z.record(z.string(), z.string()) }), ...errors },
    },
  }, async (req) => registry.hardshipDefinitions(actorOf(req), req.query.region));

  app.put('/persons/hardship-definitions/:region', {
    config: { permission: 'system:admin' },
    schema: {
      tags: ['registry'],
      summary: '设置地方的特殊困难类别认定规则（空对象恢复全国默认）',
      params: z.object({ region: RegionCode }),
      body: z.object({ definitions: z.partialRecord(z.enum(HARDSHIP_TAG_CODES), z.string().min(1).max(500)) }),
      response: { 200: OkResponse, ...errors },
    },
  }, async (req) => registry.setHardshipDefinitions(actorOf(req), req.params.region, req.body.definitions));

  // ---- life events (动态管理) --------------------------------------------------------------------

  app.post('/persons/:id/events', {
    config: { permission: 'persons:write' },
    schema: { tags: ['registry'], summary: '登记生活事件（死亡、迁移、户籍迁移、入住/离开机构、经济状况变更）', params, body: LifeEventInput, response: { 200: PersonDetail, ...errors } },
  }, async (req) => registry.recordEvent(actorOf(req), req.params.id, req.body));

  app.get('/persons/:id/events', {
    config: { permission: 'persons:read' },
    schema: { tags: ['registry'], summary: '生活事件记录', params, response: { 200: z.object({ items: z.array(LifeEventRecord) }), ...errors } },
  }, async (req) => ({ items: await registry.listEvents(actorOf(req), req.params.id) }));
};
