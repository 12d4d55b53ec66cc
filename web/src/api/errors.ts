import type { ApiErrorResponse, ErrorCode } from './types.generated';

/**
 * A failed call's code: one of the server's (generated from `domain::ErrorCode`, so a switch
 * on it is checked by `tsc`), or the client's own: no answer came (`network`), the answer was
 * not Parley's (`http_<status>`, e.g. a proxy's error page), or what failed was not a call
 * (`unknown`).
 */
export type FailureCode = ErrorCode | 'network' | 'unknown' | `http_${number}`;

/** A failed API call. `message` is fit to show to the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: FailureCode;

  constructor(status: number, code: FailureCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

function isApiErrorResponse(value: unknown): value is ApiErrorResponse {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** Reads the server's `{error:{code,message}}` body, or describes the status when there is none. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): fall through to the generic message.
  }
  if (isApiErrorResponse(body)) {
    return new ApiError(res.status, body.error.code, body.error.message);
  }
  const message =
    res.status === 503
      ? 'Parley is not answering right now. Try again in a few seconds.'
      : res.status >= 500
        ? 'The server had a problem. Please try again.'
        : `The request failed (HTTP ${res.status}).`;
  return new ApiError(res.status, `http_${res.status}`, message);
}

export function networkError(): ApiError {
  return new ApiError(0, 'network', 'Could not reach the server. Check your connection.');
}

/** The message to show for anything thrown by an API call. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong. Please try again.';
}
