import { describe, expect, it } from 'vitest';
import { ApiError, networkError } from '../api/errors';
import { isQueryError, isRetryable } from './api';

describe('search errors', () => {
  it('tells a refused query from a failure', () => {
    const refused = new ApiError(400, 'invalid_search_date', '"on:2026-02-30" is not a date.');
    expect(isQueryError(refused)).toBe(true);
    expect(isRetryable(refused)).toBe(false);
    expect(isQueryError(new ApiError(400, 'unknown_search_place', 'No channel #x.'))).toBe(true);
    expect(isQueryError(new ApiError(400, 'invalid_limit', 'x'))).toBe(false);
  });

  it('offers a retry for the server’s trouble and for no answer', () => {
    expect(isRetryable(new ApiError(503, 'unavailable', 'x'))).toBe(true);
    expect(isRetryable(new ApiError(502, 'http_502', 'x'))).toBe(true);
    expect(isRetryable(networkError())).toBe(true);
    expect(isRetryable(new ApiError(403, 'not_allowed', 'x'))).toBe(false);
  });
});
