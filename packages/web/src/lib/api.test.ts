import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, apiUrl, toQueryString } from './api';

function respond(status: number, body: unknown, raw = false) {
  const text = raw ? String(body) : JSON.stringify(body);
  return vi.fn(async () => new Response(status === 204 ? null : text, { status, headers: { 'content-type': 'application/json' } }));
}

afterEach(() => vi.unstubAllGlobals());

describe('toQueryString', () => {
  it('skips empty values and encodes the rest', () => {
    expect(toQueryString({ a: 1, b: '', c: undefined, d: null, e: '长治', f: false })).toBe('?a=1&e=%E9%95%BF%E6%B2%BB&f=false');
    expect(toQueryString({})).toBe('');
    expect(apiUrl('/audit/export.csv', { action: 'auth.login' })).toBe('/api/v1/audit/export.csv?action=auth.login');
  });
});

describe('api', () => {
  it('sends JSON with the same-origin session cookie', async () => {
    const fetch = respond(200, { ok: true });
    vi.stubGlobal('fetch', fetch);
    await api.post('/auth/login', { username: 'a', password: 'b' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/login');
    expect(init.credentials).toBe('same-origin');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(init.body).toBe('{"username":"a","password":"b"}');
  });

  it('sends no body (and no JSON content type) for a bare POST', async () => {
    const fetch = respond(200, { ok: true });
    vi.stubGlobal('fetch', fetch);
    await api.post('/auth/logout');
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.body).toBeUndefined();
    expect((init.headers as Record<string, string>)['content-type']).toBeUndefined();
  });

  it('turns the error body into an ApiError with status, code and the Chinese message', async () => {
    vi.stubGlobal('fetch', respond(409, { error: { code: 'VERSION_CONFLICT', message: '该用户已被他人修改，请刷新后重试', request_id: 'r1' } }));
    const err = await api.patch('/users/x', { version: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', message: '该用户已被他人修改，请刷新后重试', requestId: 'r1' });
  });

  it('reports a non-JSON failure and a network failure by code', async () => {
    vi.stubGlobal('fetch', respond(502, '<html>Bad gateway</html>', true));
    await expect(api.get('/orgs')).rejects.toMatchObject({ status: 502, code: 'INTERNAL_ERROR' });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(api.get('/orgs')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
