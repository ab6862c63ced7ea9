/**
 * The Fastify application: zod validation and serialisation, OpenAPI at /api/openapi.json with a
 * browsable page at /api/docs, access hooks, error handling, module routes under /api/v1 and the
 * web app (single-page, served from packages/web/dist).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context';
import { moduleRoutes } from '../modules';
import { healthRoute } from '../modules/system';
import { assertRouteDeclaresAccess, installAccessHooks } from './access-hooks';
import { installIdempotency } from './idempotency';
import { installErrorHandling } from './error-handler';
import './fastify-types';

const UPLOAD_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    trustProxy: ctx.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('services', ctx.services);
  app.decorate('ctx', ctx);

  // Uploads (imports) arrive as raw streams; each import route bounds size and rows itself.
  app.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));

  await app.register(fastifyCookie);
  installErrorHandling(app);
  installAccessHooks(app, ctx.config);
  app.addHook('onRoute', assertRouteDeclaresAccess);
  installIdempotency(app, { db: ctx.db, clock: ctx.clock });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '颐养 Yiyang API',
        description:
          '基本养老服务体系平台接口。JSON字段一律为snake_case；错误格式为 {"error":{"code","message"}}。' +
          '除健康检查、文档、登录和 /api/v1/public/* 外，所有接口需要登录会话（Cookie）和相应权限（见各接口的 x-permission）。' +
          '标有 x-idempotent 的提交接口接受 Idempotency-Key 请求头：同一用户以同一键重复提交，只执行一次并返回首次结果（响应头 Idempotent-Replayed: true）。',
        version: '1.0.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yiyang_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoute);
  await app.register(
    async (api) => {
      for (const m of moduleRoutes) await api.register(m.plugin, { prefix: m.prefix });
    },
    { prefix: '/api/v1' },
  );

  const webDir = ctx.config.webDir;
  const hasWeb = existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  }
  // Single-page app: unknown non-API GETs render index.html; unknown API paths stay 404 JSON.
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) {
      if (hasWeb) return reply.type('text/html').sendFile('index.html');
      return reply
        .type('text/html')
        .send('<!doctype html><meta charset="utf-8"><title>颐养</title><p>前端尚未构建：请运行 <code>npm run build</code>。API 文档见 <a href="/api/docs">/api/docs</a>。</p>');
    }
    return reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: '请求的接口不存在', request_id: req.id } });
  });

  return app;
}
