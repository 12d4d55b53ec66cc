import { describe, expect, it } from 'vitest';
import { ApiClient, type FetchFn } from './client';
import { ApiError } from './errors';
import type { TokenResponse } from './types.generated';

type Call = { path: string; method: string; auth: string | null };

/** A fetch that answers each path from a queue of responders and records what it was asked. */
function fakeFetch(routes: Record<string, Array<() => Response>>) {
  const calls: Call[] = [];
  const fn: FetchFn = (path, init) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({ path, method: init.method ?? 'GET', auth: headers.Authorization ?? null });
    const next = routes[path]?.shift();
    if (!next) throw new Error(`unexpected call to ${path}`);
    return Promise.resolve(next());
  };
  return { fn, calls };
}

const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const token = (accessToken: string): TokenResponse => ({
  accessToken,
  expiresIn: 900,
  user: {
    id: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
    email: 'alice@example.com',
    displayName: 'Alice',
    handle: 'alice_ex_12345678',
    role: 'member',
    status: 'active',
    provider: 'oidc',
    createdAt: '2024-01-01T00:00:00Z',
    customStatus: null,
    timeZone: null,
    avatar: null,
    theme: 'system',
  },
});

const unauthorized = json(401, { error: { code: 'unauthenticated', message: 'Sign in' } });

describe('ApiClient', () => {
  it('sends the access token from the last refresh', async () => {
    const { fn, calls } = fakeFetch({
      '/auth/token/refresh': [json(200, token('t1'))],
      '/api/v1/users/me': [json(200, { id: 'u' })],
    });
    const api = new ApiClient(fn);
    await api.refresh();
    await api.get('/api/v1/users/me');
    expect(calls[1]).toEqual({ path: '/api/v1/users/me', method: 'GET', auth: 'Bearer t1' });
  });

  it('refreshes once on 401 and retries the call with the new token', async () => {
    const { fn, calls } = fakeFetch({
      '/auth/token/refresh': [json(200, token('t1')), json(200, token('t2'))],
      '/api/v1/channels': [unauthorized, json(200, [])],
    });
    const api = new ApiClient(fn);
    await api.refresh();
    await expect(api.get('/api/v1/channels')).resolves.toEqual([]);
    expect(calls.map((c) => `${c.path} ${c.auth}`)).toEqual([
      '/auth/token/refresh null',
      '/api/v1/channels Bearer t1',
      '/auth/token/refresh null',
      '/api/v1/channels Bearer t2',
    ]);
  });

  it('gives up after one retry and reports the session as expired', async () => {
    const { fn, calls } = fakeFetch({
      '/auth/token/refresh': [json(200, token('t1')), json(200, token('t2'))],
      '/api/v1/channels': [unauthorized, unauthorized],
    });
    const api = new ApiClient(fn);
    let expired = 0;
    api.onSessionExpired(() => (expired += 1));
    await api.refresh();
    await expect(api.get('/api/v1/channels')).rejects.toMatchObject({ status: 401 });
    expect(calls.filter((c) => c.path === '/api/v1/channels')).toHaveLength(2);
    expect(expired).toBe(1);
  });

  it('reports the session as expired when the refresh is refused', async () => {
    const { fn, calls } = fakeFetch({
      '/auth/token/refresh': [unauthorized],
      '/api/v1/channels': [unauthorized],
    });
    const api = new ApiClient(fn);
    let expired = 0;
    api.onSessionExpired(() => (expired += 1));
    await expect(api.get('/api/v1/channels')).rejects.toBeInstanceOf(ApiError);
    expect(expired).toBe(1);
    expect(calls).toHaveLength(2);
  });

  it('says why when the account was deactivated', async () => {
    const revoked = json(401, { error: { code: 'session_revoked', message: 'Revoked' } });
    const deactivated = json(401, { error: { code: 'account_deactivated', message: 'Deactivated' } });
    const { fn } = fakeFetch({
      '/auth/token/refresh': [json(200, token('t1')), deactivated],
      '/api/v1/ws/ticket': [revoked],
    });
    const api = new ApiClient(fn);
    const reasons: (string | null)[] = [];
    api.onSessionExpired((reason) => reasons.push(reason));
    await api.refresh();
    await expect(api.post('/api/v1/ws/ticket')).rejects.toMatchObject({ status: 401 });
    expect(reasons).toEqual(['account_deactivated']);
    expect(api.lastRefusal).toBe('account_deactivated');
  });

  it('keeps the reason the session ended when a later call finds the cookie gone', async () => {
    const revoked = json(401, { error: { code: 'session_revoked', message: 'Revoked' } });
    const deactivated = json(401, { error: { code: 'account_deactivated', message: 'Deactivated' } });
    const noCookie = json(401, { error: { code: 'not_signed_in', message: 'Sign in' } });
    const { fn } = fakeFetch({
      '/auth/token/refresh': [json(200, token('t1')), deactivated, noCookie],
      '/api/v1/a': [revoked],
      '/api/v1/b': [revoked],
    });
    const api = new ApiClient(fn);
    const reasons: (string | null)[] = [];
    api.onSessionExpired((reason) => reasons.push(reason));
    await api.refresh();
    await expect(api.get('/api/v1/a')).rejects.toMatchObject({ status: 401 });
    // A call that was already on its way when the session ended: its refresh finds no cookie.
    await expect(api.get('/api/v1/b')).rejects.toMatchObject({ status: 401 });
    expect(reasons).toEqual(['account_deactivated', 'account_deactivated']);
    expect(api.lastRefusal).toBe('account_deactivated');
  });

  it('tells listeners who the account is after each refresh (a role may have changed)', async () => {
    const demoted = token('t2');
    demoted.user.role = 'guest';
    const { fn, calls } = fakeFetch({
      '/auth/token/refresh': [json(200, token('t1')), json(200, demoted)],
      '/api/v1/channels': [json(401, { error: { code: 'session_revoked', message: 'Revoked' } }), json(200, [])],
    });
    const api = new ApiClient(fn);
    const roles: string[] = [];
    api.onRefreshed((t) => roles.push(t.user.role));
    await api.refresh();
    await expect(api.get('/api/v1/channels')).resolves.toEqual([]);
    expect(roles).toEqual(['member', 'guest']);
    expect(calls.at(-1)).toMatchObject({ path: '/api/v1/channels', auth: 'Bearer t2' });
    expect(api.lastRefusal).toBeNull();
  });

  it('shares one refresh between concurrent 401s', async () => {
    const { fn, calls } = fakeFetch({
      '/auth/token/refresh': [json(200, token('t2'))],
      '/api/v1/a': [unauthorized, json(200, 'a')],
      '/api/v1/b': [unauthorized, json(200, 'b')],
    });
    const api = new ApiClient(fn);
    await expect(Promise.all([api.get('/api/v1/a'), api.get('/api/v1/b')])).resolves.toEqual([
      'a',
      'b',
    ]);
    expect(calls.filter((c) => c.path === '/auth/token/refresh')).toHaveLength(1);
  });

  it('does not sign out when the refresh fails for another reason', async () => {
    const { fn } = fakeFetch({
      '/auth/token/refresh': [json(503, { error: { code: 'unavailable', message: 'Down' } })],
      '/api/v1/channels': [unauthorized],
    });
    const api = new ApiClient(fn);
    let expired = 0;
    api.onSessionExpired(() => (expired += 1));
    await expect(api.get('/api/v1/channels')).rejects.toMatchObject({ status: 503, message: 'Down' });
    expect(expired).toBe(0);
  });

  const unavailable = (retryAfter: string | null) => () =>
    new Response(JSON.stringify({ error: { code: 'unavailable', message: 'Cannot reach the database' } }), {
      status: 503,
      headers: {
        'Content-Type': 'application/json',
        ...(retryAfter === null ? {} : { 'Retry-After': retryAfter }),
      },
    });

  it('tries a read once more after the wait a 503 asks for', async () => {
    const { fn, calls } = fakeFetch({ '/api/v1/channels': [unavailable('5'), json(200, [])] });
    const waits: number[] = [];
    const api = new ApiClient(fn, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    await expect(api.get('/api/v1/channels')).resolves.toEqual([]);
    expect(waits).toEqual([5000]);
    expect(calls).toHaveLength(2);
  });

  it('gives up on a read after one more 503, with the server message', async () => {
    const { fn, calls } = fakeFetch({ '/api/v1/channels': [unavailable('60'), unavailable(null)] });
    const waits: number[] = [];
    const api = new ApiClient(fn, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    await expect(api.get('/api/v1/channels')).rejects.toMatchObject({
      status: 503,
      code: 'unavailable',
      message: 'Cannot reach the database',
    });
    // A long Retry-After is capped: a person is waiting.
    expect(waits).toEqual([5000]);
    expect(calls).toHaveLength(2);
  });

  it('never repeats a write on a 503: its caller decides', async () => {
    const { fn, calls } = fakeFetch({ '/api/v1/channels': [unavailable('5')] });
    const api = new ApiClient(fn, () => Promise.reject(new Error('no wait expected')));
    await expect(api.post('/api/v1/channels', { name: 'x' })).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
  });

  it('says Parley is not answering for a bare 503 from API Gateway', async () => {
    const bare = () => new Response('{"message":"Service Unavailable"}', { status: 503 });
    const { fn } = fakeFetch({ '/api/v1/channels': [bare, bare] });
    const waits: number[] = [];
    const api = new ApiClient(fn, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    await expect(api.get('/api/v1/channels')).rejects.toMatchObject({
      status: 503,
      message: 'Parley is not answering right now. Try again in a few seconds.',
    });
    expect(waits).toEqual([2000]);
  });

  it('turns error bodies into ApiErrors with the server message', async () => {
    const { fn } = fakeFetch({
      '/api/v1/channels/x/messages': [
        json(400, { error: { code: 'body_too_long', message: 'Message is too long' } }),
      ],
    });
    const api = new ApiClient(fn);
    const err = await api.post('/api/v1/channels/x/messages', { body: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'body_too_long', message: 'Message is too long' });
  });

  it('posts public auth calls without a token and never refreshes on a refusal', async () => {
    const { fn, calls } = fakeFetch({
      '/auth/token/refresh': [json(200, token('t1'))],
      '/auth/password/forgot': [() => new Response(null, { status: 202 })],
      '/auth/login': [json(401, { error: { code: 'invalid_credentials', message: 'No match' } })],
    });
    const api = new ApiClient(fn);
    await api.refresh();
    await expect(api.postPublic('/auth/password/forgot', { email: 'a@b.c' })).resolves.toBeUndefined();
    await expect(api.postPublic('/auth/login', { email: 'a@b.c', password: 'x' })).rejects.toMatchObject({
      status: 401,
      code: 'invalid_credentials',
    });
    expect(calls.map((c) => [c.path, c.auth])).toEqual([
      ['/auth/token/refresh', null],
      ['/auth/password/forgot', null],
      ['/auth/login', null],
    ]);
  });

  it('reports an unreachable server as a network error', async () => {
    const api = new ApiClient(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.get('/api/v1/channels')).rejects.toMatchObject({ code: 'network' });
  });
});
