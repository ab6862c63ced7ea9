import { AccountHolder, AccountHolderQuery, AccountStatement, CountyCode, ErrorResponse, listOf, PlainDateString, PlainMonthString, ProgrammeCode, ProviderSettlement, Uuid } from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['accounts'];

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { accounts } = app.services;

  app.post('/accounts/credits', {
    config: { permission: 'accounts:write', idempotent: true },
    schema: { tags, summary: '按月记入服务券（服务券项目的享受对象，金额按清单标准；同一人同月只记一次）', body: z.object({ region: CountyCode, programme: ProgrammeCode, month: PlainMonthString }), response: { 200: z.object({ credited: z.number().int(), total_fen: z.number().int(), skipped: z.array(z.object({ person_id: Uuid, reason: z.string() })) }), ...errors } },
  }, async (req) => accounts.creditMonth(actorOf(req), req.body));

  app.post('/accounts/spend', {
    config: { permission: 'accounts:write', idempotent: true },
    schema: { tags, summary: '服务订单使用服务券结算（登记服务商；余额不足拒绝；同一订单只结算一次）', body: z.object({ person_id: Uuid, programme: ProgrammeCode, provider_org: Uuid, amount_fen: z.number().int().positive(), order_ref: z.string().min(1).max(64), on_date: PlainDateString.optional(), description: z.string().max(200).optional() }), response: { 200: z.object({ posted: z.boolean(), balance_fen: z.number().int() }), ...errors } },
  }, async (req) => accounts.spend(actorOf(req), req.body));

  app.post('/accounts/expire', {
    config: { permission: 'accounts:write' },
    schema: { tags, summary: '服务券过期处理（超过期限未使用的发放额度）', body: z.object({ region: CountyCode, month: PlainMonthString, expiry_months: z.number().int().min(1).max(60).optional() }), response: { 200: z.object({ accounts: z.number().int(), expired_fen: z.number().int() }), ...errors } },
  }, async (req) => accounts.expire(actorOf(req), req.body));

  app.get('/accounts/persons', {
    config: { permission: 'accounts:read' },
    schema: { tags, summary: '服务券账户名单（本辖区有服务券账户的老年人、余额；身份证号脱敏）', querystring: AccountHolderQuery, response: { 200: listOf(AccountHolder), ...errors } },
  }, async (req) => accounts.listHolders(actorOf(req), req.query));

  app.get('/accounts/persons/:person_id/statement', {
    config: { permission: 'accounts:read' },
    schema: { tags, summary: '个人服务券账户对账单', params: z.object({ person_id: Uuid }), querystring: z.object({ programme: ProgrammeCode.optional() }), response: { 200: AccountStatement, ...errors } },
  }, async (req) => accounts.personStatement(actorOf(req), req.params.person_id, req.query.programme));

  app.get('/accounts/providers/:org_id/settlement', {
    config: { permission: 'accounts:read' },
    schema: { tags, summary: '服务商月度结算单', params: z.object({ org_id: Uuid }), querystring: z.object({ month: PlainMonthString }), response: { 200: ProviderSettlement, ...errors } },
  }, async (req) => accounts.providerSettlement(actorOf(req), req.params.org_id, req.query.month));
};
