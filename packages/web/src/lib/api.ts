/**
 * The one HTTP client of the web app. Same-origin requests with the session cookie, JSON in and
 * out, and one error type: every failure becomes an `ApiError { status, code, message }` where
 * `message` is the server's Chinese text (`{"error":{"code","message"}}`).
 */
export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** `?a=1&b=x` from the defined, non-empty values; '' when none. */
export function toQueryString(params?: QueryParams): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Absolute-path URL of an API resource, for links and downloads (`<a href>`). */
export function apiUrl(path: string, params?: QueryParams): string {
  return `${API_BASE}${path}${toQueryString(params)}`;
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** A file sent as the request body itself, with its own content type (photo uploads). */
  raw?: Blob;
  signal?: AbortSignal;
}

interface ErrorPayload {
  error?: { code?: unknown; message?: unknown; details?: unknown; request_id?: unknown };
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (opts.signal) init.signal = opts.signal;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  } else if (opts.raw) {
    headers['content-type'] = opts.raw.type || 'application/octet-stream';
    init.body = opts.raw;
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }
  if (!res.ok) {
    const err = (payload as ErrorPayload | undefined)?.error;
    throw new ApiError(
      res.status,
      typeof err?.code === 'string' ? err.code : res.status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN',
      typeof err?.message === 'string' ? err.message : `HTTP ${res.status}`,
      err?.details,
      typeof err?.request_id === 'string' ? err.request_id : undefined,
    );
  }
  if (payload === undefined && text) throw new ApiError(res.status, 'INVALID_RESPONSE', '服务器返回的数据格式不正确');
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body === undefined ? {} : { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  upload: <T>(path: string, file: Blob) => request<T>('POST', path, { raw: file }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
};

/** List endpoints answer `{ items, total }`. */
export interface ListResponse<T> {
  items: T[];
  total: number;
}
