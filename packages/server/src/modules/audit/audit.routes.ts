import { Readable } from 'node:stream';
import { AuditEntry, AuditQuery, AuditVerifyResult, ErrorResponse, listOf } from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/request-actor';
import { CSV_BOM, csvLine } from '../../lib/csv-write';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

const EXPORT_COLUMNS = [
  ['seq', '序号'], ['at', '时间'], ['actor_username', '操作人'], ['region_code', '区划'], ['action', '操作'],
  ['entity_type', '对象类型'], ['entity_id', '对象编号'], ['outcome', '结果'], ['ip', 'IP'],
  ['before', '修改前'], ['after', '修改后'], ['details', '详情'],
] as const;

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { audit } = app.services;

  app.get('/audit', {
    config: { permission: 'audit:read' },
    schema: { tags: ['audit'], summary: '审计日志查询（限本人数据权限内）', querystring: AuditQuery, response: { 200: listOf(AuditEntry), ...errors } },
  }, async (req) => audit.list(actorOf(req), req.query));

  app.get('/audit/export.csv', {
    config: { permission: 'audit:export' },
    schema: { tags: ['audit'], summary: '导出审计日志（CSV，Excel可直接打开）', querystring: AuditQuery.omit({ page: true, page_size: true }) },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const { ...filters } = req.query;
    // The export is itself an audited act.
    await audit.record(app.ctx.db, actor, { action: 'audit.export', entityType: 'audit_log', details: filters });
    async function* lines() {
      yield CSV_BOM + csvLine(EXPORT_COLUMNS.map(([, label]) => label));
      for await (const e of audit.iterate(actor, filters)) {
        yield csvLine(EXPORT_COLUMNS.map(([key]) => e[key]));
      }
    }
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-log.csv"; filename*=UTF-8''${encodeURIComponent('审计日志.csv')}`);
    return reply.send(Readable.from(lines()));
  });

  app.post('/audit/verify', {
    config: { permission: 'system:admin' },
    schema: { tags: ['audit'], summary: '校验审计日志哈希链', response: { 200: AuditVerifyResult, ...errors } },
  }, async () => audit.verify());
};
