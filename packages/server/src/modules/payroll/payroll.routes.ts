import { CreateCycle, CycleAction, CycleDetail, CycleQuery, CycleReview, CycleSummary, ErrorResponse, LineQuery, listOf, PaymentLine, ReissueResult, ReturnImportResult, Uuid } from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const idParams = z.object({ id: Uuid });
const tags = ['payroll'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const payrollRoutes: FastifyPluginAsyncZod = async (app) => {
  const { payroll } = app.services;

  app.post('/payroll/cycles', {
    config: { permission: 'payroll:prepare', idempotent: true },
    schema: { tags, summary: '编制月度发放批次（同一县、项目、月份只有一个批次；重复请求返回原批次）', body: CreateCycle, response: { 200: CycleSummary, ...errors } },
  }, async (req) => payroll.createCycle(actorOf(req), req.body));

  app.get('/payroll/cycles', {
    config: { permission: 'benefits:read' },
    schema: { tags, summary: '发放批次列表', querystring: CycleQuery, response: { 200: listOf(CycleDetail), ...errors } },
  }, async (req) => payroll.list(actorOf(req), req.query));

  app.get('/payroll/cycles/:id', {
    config: { permission: 'benefits:read' },
    schema: { tags, summary: '发放批次详情', params: idParams, response: { 200: CycleDetail, ...errors } },
  }, async (req) => payroll.get(actorOf(req), req.params.id));

  app.post('/payroll/cycles/:id/compute', {
    config: { permission: 'payroll:prepare' },
    schema: { tags, summary: '重新计算（批准前）或续算中断的批次；结果与一次算完相同', params: idParams, response: { 200: CycleSummary, ...errors } },
  }, async (req) => payroll.recompute(actorOf(req), req.params.id));

  app.get('/payroll/cycles/:id/lines', {
    config: { permission: 'benefits:read' },
    schema: { tags, summary: '发放明细', params: idParams, querystring: LineQuery, response: { 200: listOf(PaymentLine), ...errors } },
  }, async (req) => payroll.lines(actorOf(req), req.params.id, req.query));

  app.get('/payroll/cycles/:id/review', {
    config: { permission: 'benefits:read' },
    schema: { tags, summary: '审核：与上月相比新增、停发、金额变化及原因；追回', params: idParams, response: { 200: CycleReview, ...errors } },
  }, async (req) => payroll.review(actorOf(req), req.params.id));

  app.post('/payroll/cycles/:id/approve', {
    config: { permission: 'payroll:approve', idempotent: true },
    schema: { tags, summary: '财务复核批准（复核人不得为编制人）', params: idParams, body: CycleAction, response: { 200: CycleDetail, ...errors } },
  }, async (req) => payroll.approve(actorOf(req), req.params.id, req.body.version));

  app.get('/payroll/cycles/:id/roster.xlsx', {
    config: { permission: 'payroll:prepare' },
    schema: { tags, summary: '导出银行发放名册（XLSX；身份证号、账号为文本）', params: idParams },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await payroll.get(actor, req.params.id); // scope and permission before the stream starts
    const out = new PassThrough();
    const done = payroll.exportRoster(actor, req.params.id, out);
    // errors before the first byte become a JSON error; later ones abort the stream
    const first = await Promise.race([done.then(() => 'done' as const), new Promise<'data'>((r) => out.once('readable', () => r('data')))]);
    if (first === 'done') await done;
    else done.catch((e) => out.destroy(e as Error));
    return reply.type(XLSX).header('content-disposition', `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent('发放名册.xlsx')}`).send(out);
  });

  app.get('/payroll/cycles/:id/public.xlsx', {
    config: { permission: 'benefits:read' },
    schema: { tags, summary: '导出公示名单（去标识化：姓名脱敏，无身份证号、账号、住址、电话）', params: idParams },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const out = new PassThrough();
    const done = payroll.exportPublic(actor, req.params.id, out);
    const first = await Promise.race([done.then(() => 'done' as const), new Promise<'data'>((r) => out.once('readable', () => r('data')))]);
    if (first === 'done') await done;
    else done.catch((e) => out.destroy(e as Error));
    return reply.type(XLSX).header('content-disposition', `attachment; filename="public.xlsx"; filename*=UTF-8''${encodeURIComponent('公示名单.xlsx')}`).send(out);
  });

  app.post('/payroll/cycles/:id/returns', {
    config: { permission: 'payroll:prepare', idempotent: true },
    schema: { tags, summary: '导入银行回盘文件（CSV或XLSX：行号、结果、失败原因；同一文件重复导入不重复处理）', params: idParams, response: { 200: ReturnImportResult, ...errors, 413: ErrorResponse, 415: ErrorResponse } },
  }, async (req) => payroll.importReturn(actorOf(req), req.params.id, req.body as AsyncIterable<Uint8Array> | undefined, req.headers['content-type'], typeof req.headers['x-file-name'] === 'string' ? decodeURIComponent(req.headers['x-file-name']) : undefined));

  app.post('/payroll/cycles/:id/reissue', {
    config: { permission: 'payroll:prepare', idempotent: true },
    schema: { tags, summary: '重发失败记录（新一次发放，关联原记录）', params: idParams, body: z.object({ line_ids: z.array(z.number().int().positive()).max(10000).optional() }), response: { 200: ReissueResult, ...errors } },
  }, async (req) => payroll.reissue(actorOf(req), req.params.id, req.body.line_ids));

  app.post('/payroll/cycles/:id/close', {
    config: { permission: 'payroll:prepare', idempotent: true },
    schema: { tags, summary: '结束发放批次', params: idParams, body: CycleAction, response: { 200: CycleDetail, ...errors } },
  }, async (req) => payroll.close(actorOf(req), req.params.id));
};
