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

/** Calls the API as the page's user (`method` and a JSON `body`); the parsed answer. Fails on
 * anything but a 2xx, with the server's answer in the message. */
export async function apiSend(page, token, method, path, body) {
  const { status, text } = await page.evaluate(
    async ({ token, method, path, body }) => {
      const headers = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, text: await res.text() };
    },
    { token, method, path, body },
  );
  assert.ok(status >= 200 && status < 300, `${method} ${path}: ${status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Pastes a screenshot into the composer: a real PNG drawn on a canvas, in a ClipboardEvent whose
 * clipboardData holds only the file (as a screenshot tool leaves it).
 */
export async function pasteScreenshot(page, { name, width, height }) {
  await page.getByTestId('composer-input').focus();
  await page.evaluate(
    async ({ name, width, height }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d');
      const gradient = ctx.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#4b3f9a');
      gradient.addColorStop(1, '#1f8a4c');
      ctx.fillStyle = gradient;
      ctx.fillRect(0, 0, width, height);
      ctx.fillStyle = '#fff';
      ctx.font = '48px sans-serif';
      ctx.fillText('Screenshot', 40, height / 2);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
      const data = new DataTransfer();
      data.items.add(new File([blob], name, { type: 'image/png' }));
      const input = document.querySelector('[data-testid="composer-input"]');
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { name, width, height },
  );
}
