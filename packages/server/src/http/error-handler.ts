/**
 * One mapping from domain error kinds to HTTP status codes, and one error body:
 * `{ "error": { "code", "message", "details"?, "request_id" } }`. Bad input is always 4xx;
 * details are returned only below 500 (architecture guide §11).
 */
import { ErrorKind, isDomainError, type ErrorBody } from '@yiyang/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'precondition':
      return 412;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
    default: {
      const never: never = kind;
      throw new Error(`unmapped error kind ${String(never)}`);
    }
  }
}

const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: '请求体不能为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: '请求体不是有效的JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'INVALID_CONTENT_LENGTH', message: '请求长度不正确' },
};

function send(reply: FastifyReply, req: FastifyRequest, status: number, body: ErrorBody['error']) {
  return reply.status(status).send({ error: { ...body, request_id: req.id } } satisfies ErrorBody);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (isDomainError(err)) {
      const status = statusOf(err.kind);
      if (status >= 500) req.log.error({ err }, 'domain error');
      return send(reply, req, status, {
        code: err.code,
        message: err.message,
        ...(err.details && status < 500 ? { details: err.details } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath || ''}`.replace(/\//g, '.'),
        code: v.keyword,
        message: v.message ?? '格式不正确',
      }));
      const first = details[0];
      return send(reply, req, 400, {
        code: 'VALIDATION_FAILED',
        message: first ? `请求参数有误：${first.path ? first.path + ' ' : ''}${first.message}` : '请求参数有误',
        details,
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, cause: err.cause }, 'response did not match its schema');
      return send(reply, req, 500, { code: 'INTERNAL_ERROR', message: '服务器内部错误' });
    }
    const fe = err as FastifyError;
    const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    const status = fe.statusCode ?? 500;
    if (known) return send(reply, req, status >= 400 && status < 500 ? status : 400, known);
    if (fe.validation) {
      return send(reply, req, 400, { code: 'VALIDATION_FAILED', message: `请求参数有误：${fe.message}` });
    }
    if (status >= 400 && status < 500) {
      return send(reply, req, status, { code: fe.code ?? 'BAD_REQUEST', message: '请求有误' });
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, req, 500, { code: 'INTERNAL_ERROR', message: '服务器内部错误' });
  });
}

export { ErrorKind };
