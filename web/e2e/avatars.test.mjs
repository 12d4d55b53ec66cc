// Browser tests: a profile picture, set from the profile dialog and seen by others; uploads go
// to the S3 stand-in like files do (see files.test.mjs and helpers.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIVE_TIMEOUT_MS, withBrowser } from './helpers.mjs';
import { accessToken, apiGet, requireUploads } from './uploads.mjs';

test('a profile picture: set from the profile dialog, shown to others at once, refused when not an image, removed', { timeout: 120_000 }, () =>
  withBrowser('files-picture', async ({ run, signInAs }) => {
    requireUploads();
    const ann = await signInAs(`ann-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const annId = await ann.evaluate(async () => {
      const res = await fetch('/auth/token/refresh', { method: 'POST', credentials: 'same-origin' });
      return (await res.json()).user.id;
    });
    const text = `Hello with a face ${run}`;
    await ann.getByTestId('composer-input').fill(text);
    await ann.getByTestId('composer-input').press('Enter');
    const bobSees = bob.getByTestId('message').filter({ hasText: text });
    await bobSees.waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert.equal(await bobSees.getByTestId('avatar-picture').count(), 0, 'a coloured tile until there is a picture');

    // Ann picks a 300×200 PNG: it goes up, and becomes her (square) picture at once.
    const png = await ann.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 300;
      canvas.height = 200;
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#2e7d32';
      ctx.fillRect(0, 0, 300, 200);
      ctx.fillStyle = '#fff';
      ctx.fillRect(125, 75, 50, 50);
      return canvas.toDataURL('image/png').split(',')[1];
    });
    await ann.getByTestId('account-menu').click();
    await ann.getByTestId('open-profile').click();
    const dialog = ann.getByTestId('profile-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getByTestId('avatar-remove').count(), 0, 'nothing to remove yet');

    // Not an image (the input offers images only, but a file can be forced on it): refused, saying why.
    await dialog.getByTestId('avatar-input').setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') });
    assert.match(await dialog.getByTestId('avatar-error').textContent(), /cv\.pdf is not a picture/);

    await dialog.getByTestId('avatar-input').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await dialog.getByTestId('avatar-remove').waitFor({ timeout: 30_000 });
    assert.equal(await dialog.getByTestId('avatar-error').count(), 0);
    const isLoadedSquare = async (page, selector) =>
      page.waitForFunction(
        (selector) => {
          const img = document.querySelector(selector);
          return img && img.complete && img.naturalWidth > 0 && img.naturalWidth === img.naturalHeight;
        },
        selector,
        { timeout: LIVE_TIMEOUT_MS },
      );
    await isLoadedSquare(ann, '.current-user [data-testid="avatar-picture"]');
    await isLoadedSquare(ann, '[data-testid="profile-dialog"] [data-testid="avatar-picture"]');

    // Bob sees it beside her message, live.
    const messageId = await bobSees.getAttribute('data-message-id');
    await isLoadedSquare(bob, `[data-message-id="${messageId}"] [data-testid="avatar-picture"]`);

    // Any signed-in person may have the URL of her picture.
    const token = await accessToken(bob);
    const minted = await apiGet(bob, token, `/api/v1/users/${annId}/avatar`);
    assert.equal(minted.status, 200);
    assert.ok(minted.body.url && minted.body.expiresAt);

    // She removes it: the tile again, for both.
    await dialog.getByTestId('avatar-remove').click();
    await dialog.getByTestId('avatar-remove').waitFor({ state: 'detached' });
    await ann.locator('.current-user [data-testid="avatar-picture"]').waitFor({ state: 'detached' });
    await bobSees.getByTestId('avatar-picture').waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
  }),
);
