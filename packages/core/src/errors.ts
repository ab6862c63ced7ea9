/**
 * Domain errors. Services throw these; the HTTP layer maps `kind` to a status code
 * (server/src/http/error-handler.ts) and sends `{ error: { code, message } }`.
 * `code` is stable for programs; `message` is Chinese for users.
 */
export const ErrorKind = {
  validation: 'validation',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  precondition: 'precondition',
  rateLimited: 'rate_limited',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  internal: 'internal',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

export interface ErrorDetail {
  path?: string;
  code?: string;
  message: string;
  [key: string]: unknown;
}

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: ErrorDetail[] | undefined;

  constructor(kind: ErrorKind, code: string, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const notFound = (code: string, message: string) => new DomainError(ErrorKind.notFound, code, message);
export const forbidden = (code: string, message: string) => new DomainError(ErrorKind.forbidden, code, message);
export const conflict = (code: string, message: string) => new DomainError(ErrorKind.conflict, code, message);
export const invalid = (code: string, message: string, details?: ErrorDetail[]) =>
  new DomainError(ErrorKind.validation, code, message, details);

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Wire shape of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[]; request_id?: string };
}
