import {
  AgencyOption,
  AssessmentActionEntry,
  AssessmentDetail,
  AssessmentQuery,
  AssessmentStatistics,
  AssessmentSummary,
  AssignAssessment,
  CancelAssessment,
  DueItem,
  DueQuery,
  ErrorResponse,
  listOf,
  ObjectAssessment,
  PublishAssessment,
  RegionCode,
  RequestAssessment,
  ReportModelSchema,
  ReviewAssessment,
  SaveAssessmentForm,
  ScoreRequest,
  ScoreResponse,
  StatisticsQuery,
  SubmitAssessment,
  Uuid,
} from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const params = z.object({ id: Uuid });
const tags = ['assessment'];

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { assessment } = app.services;

  app.post('/assessments/score', {
    config: { permission: 'assessments:read' },
    schema: {
      tags,
      summary: '按GB/T 42195-2022计算得分与能力等级（26项得分、昏迷、疾病诊断、近30天照护风险事件）',
      description: '缺少或未知的指标、不在选项中的得分均返回400，错误信息中含指标编号。',
      body: ScoreRequest,
      response: { 200: ScoreResponse, ...errors },
    },
  }, async (req) => assessment.score(actorOf(req), req.body));

  app.get('/assessments', {
    config: { permission: 'assessments:read' },
    schema: { tags, summary: '能力评估列表（按状态、原因、区划；mine=true为分派给我的评估）', querystring: AssessmentQuery, response: { 200: listOf(AssessmentSummary), ...errors } },
  }, async (req) => assessment.list(actorOf(req), req.query));

  app.post('/assessments', {
    config: { permission: 'assessments:request' },
    schema: { tags, summary: '申请能力评估（本人、家属经工作人员代办，或工作人员发起）', body: RequestAssessment, response: { 201: AssessmentDetail, ...errors } },
  }, async (req, reply) => reply.status(201).send(await assessment.request(actorOf(req), req.body)));

  app.get('/assessments/due', {
    config: { permission: 'assessments:read' },
    schema: { tags, summary: '到期复评名单（含已逾期）', querystring: DueQuery, response: { 200: listOf(DueItem), ...errors } },
  }, async (req) => assessment.due(actorOf(req), req.query));

  app.get('/assessments/statistics', {
    config: { permission: 'stats:read' },
    schema: { tags, summary: '评估统计：能力等级分布（按区划、年龄段），应复评与已复评', querystring: StatisticsQuery, response: { 200: AssessmentStatistics, ...errors } },
  }, async (req) => assessment.statistics(actorOf(req), req.query));

  app.get('/assessments/agencies', {
    config: { permission: 'assessments:assign' },
    schema: {
      tags,
      summary: '可分派的评估机构及其评估员',
      querystring: z.object({ region: RegionCode.optional() }),
      response: { 200: z.object({ items: z.array(AgencyOption) }), ...errors },
    },
  }, async (req) => ({ items: await assessment.agencies(actorOf(req), req.query.region) }));

  app.get('/assessments/:id', {
    config: { permission: 'assessments:read' },
    schema: { tags, summary: '评估详情（评估表与得分仅对有健康信息权限者显示）', params, response: { 200: AssessmentDetail, ...errors } },
  }, async (req) => assessment.get(actorOf(req), req.params.id));

  app.get('/assessments/:id/report', {
    config: { permission: 'assessments:read' },
    schema: { tags, summary: '评估报告（附录C；需健康信息权限）', params, response: { 200: ReportModelSchema, ...errors } },
  }, async (req) => (await assessment.report(actorOf(req), req.params.id)).model);

  app.get('/assessments/:id/report.pdf', {
    config: { permission: 'assessments:read' },
    schema: { tags, summary: '评估报告PDF（附录C；需健康信息权限）', params, response: { 200: z.any().meta({ description: 'application/pdf' }), ...errors } },
  }, async (req, reply) => {
    const { pdf, filename } = await assessment.reportPdf(actorOf(req), req.params.id);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="assessment-report.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(pdf);
  });

  app.get('/assessments/:id/actions', {
    config: { permission: 'assessments:read' },
    schema: { tags, summary: '评估办理记录（只增不改）', params, response: { 200: z.object({ items: z.array(AssessmentActionEntry) }), ...errors } },
  }, async (req) => ({ items: await assessment.actions(actorOf(req), req.params.id) }));

  app.post('/assessments/:id/assign', {
    config: { permission: 'assessments:assign' },
    schema: { tags, summary: '分派评估机构和两名评估员', params, body: AssignAssessment, response: { 200: AssessmentDetail, ...errors } },
  }, async (req) => assessment.assign(actorOf(req), req.params.id, req.body));

  app.put('/assessments/:id/form', {
    config: { permission: 'assessments:perform' },
    schema: { tags, summary: '保存评估表草稿', params, body: SaveAssessmentForm, response: { 200: AssessmentDetail, ...errors } },
  }, async (req) => assessment.saveDraft(actorOf(req), req.params.id, req.body));

  app.post('/assessments/:id/submit', {
    config: { permission: 'assessments:perform' },
    schema: { tags, summary: '提交评估表（26项须全部评分）', params, body: SubmitAssessment, response: { 200: AssessmentDetail, ...errors } },
  }, async (req) => assessment.submit(actorOf(req), req.params.id, req.body));

  app.post('/assessments/:id/review', {
    config: { permission: 'assessments:review' },
    schema: { tags, summary: '评估机构审核（通过或退回修改）', params, body: ReviewAssessment, response: { 200: AssessmentDetail, ...errors } },
  }, async (req) => assessment.review(actorOf(req), req.params.id, req.body));

  app.post('/assessments/:id/publish', {
    config: { permission: 'assessments:review' },
    schema: { tags, summary: '发布评估结果（写入老年人档案的能力等级）', params, body: PublishAssessment, response: { 200: AssessmentDetail, ...errors } },
  }, async (req) => assessment.publish(actorOf(req), req.params.id, req.body));

  app.post('/assessments/:id/objection', {
    config: { permission: 'assessments:request' },
    schema: { tags, summary: '对评估结果提出异议并申请复评', params, body: ObjectAssessment, response: { 201: AssessmentDetail, ...errors } },
  }, async (req, reply) => reply.status(201).send(await assessment.object(actorOf(req), req.params.id, req.body)));

  app.post('/assessments/:id/cancel', {
    config: { permission: 'assessments:assign' },
    schema: { tags, summary: '取消评估', params, body: CancelAssessment, response: { 200: AssessmentDetail, ...errors } },
  }, async (req) => assessment.cancel(actorOf(req), req.params.id, req.body));
};
