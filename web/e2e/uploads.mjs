// What the file and avatar browser tests share: the S3 stand-in check and calling the API as
// a signed-in page does.
import assert from 'node:assert/strict';

export function requireUploads() {
  assert.ok(
    process.env.UPLOADS_BUCKET,
    'UPLOADS_BUCKET is not set: the file tests need a gateway with the uploads bucket of the S3 ' +
      'stand-in. Run them through `make test`, or export the variables of .stack/<name>/env ' +
      '(UPLOADS_BUCKET, S3_ENDPOINT) for the gateway and for this run.',
  );
}

/** An access token for calls straight to the API, from the page's refresh cookie. */
export async function accessToken(page) {
  return page.evaluate(async () => {
    const res = await fetch('/auth/token/refresh', { method: 'POST', credentials: 'same-origin' });
    return (await res.json()).accessToken;
  });
}

/** GET an API path as the page's user: the status and the JSON body. */
export async function apiGet(page, token, path) {
  return page.evaluate(
    async ({ token, path }) => {
      const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { token, path },
  );
}
