import { ApiError, errorFromResponse, networkError, type FailureCode } from './errors';
import { apiPath } from './routes';
import type { TokenResponse } from './types.generated';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;
export type WaitFn = (ms: number) => Promise<void>;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How long a read waits before its one more try after a 503: the server's `Retry-After`
 * (a few seconds while a dependency is out), at most this, so nobody stares at a spinner long.
 */
const UNAVAILABLE_WAIT_MAX_MS = 5000;
/** The wait when a 503 names none (API Gateway's own, when the function could not run). */
const UNAVAILABLE_WAIT_DEFAULT_MS = 2000;

/** The wait a 503 asks for, within bounds. */
export function unavailableWaitMs(res: Response): number {
  const seconds = Number(res.headers.get('Retry-After'));
  if (!Number.isFinite(seconds) || seconds <= 0) return UNAVAILABLE_WAIT_DEFAULT_MS;
  return Math.min(seconds * 1000, UNAVAILABLE_WAIT_MAX_MS);
}

/**
 * The one way the app talks to the server. It keeps the access token in memory only (the refresh
 * token is an HttpOnly cookie the browser sends to `/auth/*`), adds it to every authenticated call,
 * and on a 401 refreshes once and retries once. When the session cannot be refreshed it tells its
 * `onSessionExpired` listeners, which show the sign-in page.
 */
export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<TokenResponse | null> | null = null;
  private readonly expiredListeners = new Set<(reason: FailureCode | null) => void>();
  private readonly refreshedListeners = new Set<(token: TokenResponse) => void>();
  /** The code the server gave when it last refused a refresh (`account_deactivated`...). */
  private refusal: FailureCode | null = null;
  private readonly fetchFn: FetchFn;
  private readonly wait: WaitFn;

  constructor(
    fetchFn: FetchFn = (input, init) => fetch(input, init),
    wait: WaitFn = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.fetchFn = fetchFn;
    this.wait = wait;
  }

  /**
   * Trades the refresh cookie for a new access token: the response, or null when not signed in.
   * Concurrent callers share one request, since the server may rotate the cookie on each use.
   */
  refresh(): Promise<TokenResponse | null> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  async logout(): Promise<void> {
    this.accessToken = null;
    const res = await this.send(apiPath('POST /auth/logout'), { method: 'POST', credentials: 'same-origin' });
    if (!res.ok && res.status !== 401) throw await errorFromResponse(res);
  }

  /** Ends every session of the account (every device), then forgets the token here. */
  async logoutEverywhere(): Promise<void> {
    await this.delete(apiPath('DELETE /api/v1/users/me/sessions'));
    this.accessToken = null;
  }

  /** Forgets the token without telling the server (the session is already gone). */
  clearSession(): void {
    this.accessToken = null;
  }

  /**
   * Called when the session can no longer be refreshed, with the server's reason when it gave
   * one (e.g. `account_deactivated`), so the sign-in page can say why.
   */
  onSessionExpired(listener: (reason: FailureCode | null) => void): () => void {
    this.expiredListeners.add(listener);
    return () => this.expiredListeners.delete(listener);
  }

  /** Called after every successful refresh: the account may have changed (a new role). */
  onRefreshed(listener: (token: TokenResponse) => void): () => void {
    this.refreshedListeners.add(listener);
    return () => this.refreshedListeners.delete(listener);
  }

  /** Why the last refresh was refused (an error code), or null. */
  get lastRefusal(): FailureCode | null {
    return this.refusal;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  /** Most deletes answer 204 (`void`); some answer the changed resource. */
  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** A call that needs no token (e.g. `GET /api/v1/config`). */
  async getPublic<T>(path: string): Promise<T> {
    const res = await this.send(path, { method: 'GET', headers: { Accept: 'application/json' } });
    if (!res.ok) throw await errorFromResponse(res);
    return (await res.json()) as T;
  }

  /**
   * A POST that needs no token (signing in with a password, accepting an invite): cookies go
   * with it and come back, so a successful sign-in leaves the refresh cookie set. Nothing is
   * retried or refreshed here.
   */
  async postPublic<T>(path: string, body: unknown): Promise<T> {
    const res = await this.send(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw await errorFromResponse(res);
    if (res.status === 202 || res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  private async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    let res = await this.authorized(method, path, body);
    // 503: a dependency is briefly out (the server's `unavailable`, or API Gateway's own). A
    // read is safe to repeat, so it gets one more try after the wait asked for; a write is
    // left to its caller, which knows whether repeating it is safe (sends carry a nonce).
    if (method === 'GET' && res.status === 503) {
      await this.wait(unavailableWaitMs(res));
      res = await this.authorized(method, path, body);
    }
    if (!res.ok) throw await errorFromResponse(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  /** Sends with the access token; on a 401 refreshes once and sends again. */
  private async authorized(method: Method, path: string, body: unknown): Promise<Response> {
    const tokenUsed = this.accessToken;
    let res = await this.sendAuthorized(method, path, body, tokenUsed);
    if (res.status === 401) {
      // Another call may already have refreshed while this one was in flight.
      const fresh =
        this.accessToken !== null && this.accessToken !== tokenUsed
          ? this.accessToken
          : (await this.refresh())?.accessToken;
      if (!fresh) {
        this.expire();
        throw new ApiError(401, 'unauthenticated', 'Your session has ended. Please sign in again.');
      }
      res = await this.sendAuthorized(method, path, body, fresh);
      if (res.status === 401) {
        this.expire();
        throw await errorFromResponse(res);
      }
    }
    return res;
  }

  private sendAuthorized(
    method: Method,
    path: string,
    body: unknown,
    token: string | null,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return this.send(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
  }

  private async doRefresh(): Promise<TokenResponse | null> {
    const res = await this.send(apiPath('POST /auth/token/refresh'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (res.status === 401) {
      this.accessToken = null;
      const code = (await errorFromResponse(res)).code;
      // The refusal that ended the session also cleared the cookie, so a later try (a call that
      // was already on its way) only hears `not_signed_in`: keep the reason that ended it.
      this.refusal = code === 'not_signed_in' && this.refusal !== null ? this.refusal : code;
      return null;
    }
    if (!res.ok) throw await errorFromResponse(res);
    const token = (await res.json()) as TokenResponse;
    this.accessToken = token.accessToken;
    this.refusal = null;
    for (const listener of this.refreshedListeners) listener(token);
    return token;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchFn(path, init);
    } catch {
      throw networkError();
    }
  }

  private expire(): void {
    this.accessToken = null;
    for (const listener of this.expiredListeners) listener(this.refusal);
  }
}
