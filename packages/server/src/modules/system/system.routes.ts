import { ErrorResponse, listOf } from '@yiyang/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-actor';

const Job = z.object({
  id: z.number().int(),
  type: z.string(),
  region_code: z.string().nullable(),
  status: z.string(),
  attempts: z.number().int(),
  progress: z.unknown().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/jobs', {
    config: { permission: 'jobs:read' },
    schema: {
      tags: ['system'],
      summary: '后台任务列表',
      querystring: z.object({
        status: z.enum(['pending', 'running', 'done', 'failed', 'cancelled']).optional(),
        type: z.string().max(100).optional(),
        page: z.coerce.number().int().min(1).default(1),
        page_size: z.coerce.number().int().min(1).max(200).default(20),
      }),
      response: { 200: listOf(Job), 401: ErrorResponse, 403: ErrorResponse },
    },
  }, async (req) => app.services.system.listJobs(actorOf(req), req.query));
};

/** /api/health lives outside /api/v1 and needs no session. */
export const healthRoute: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/health', {
    config: { permission: 'public' },
    schema: {
      tags: ['system'],
      summary: '健康检查（含数据库连通性）',
      response: {
        200: z.object({
          status: z.enum(['ok', 'degraded']),
          database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean(), latency_ms: z.number() }),
        }),
        503: z.object({
          status: z.enum(['ok', 'degraded']),
          database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean(), latency_ms: z.number() }),
        }),
      },
    },
  }, async (_req, reply) => {
    const h = await app.services.system.health();
    return reply.status(h.status === 'ok' ? 200 : 503).send(h);
  });
};
