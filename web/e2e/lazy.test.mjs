// Browser test: a part of the app loaded on first use (src/lazy/parts.ts) whose code cannot be
// downloaded (a new version was published and the old chunk is gone, or the network dropped)
// shows a message with a reload button instead of a blank screen, and the rest keeps working.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, withBrowser } from './helpers.mjs';

test('a part whose code cannot load offers a reload, and the page keeps working', { timeout: 120_000 }, () =>
  withBrowser('lazy', async ({ run, signInAs }) => {
    const page = await signInAs(`lazy-${run}`);
    // The profile dialog's chunk is gone, as after a deploy.
    await page.route(`${BASE_URL}/assets/ProfileDialog-*.js`, (route) => route.fulfill({ status: 404, body: '' }));
    await page.getByTestId('account-menu').click();
    await page.getByTestId('open-profile').click();

    const failed = page.getByTestId('chunk-failed');
    await failed.waitFor();
    assert.equal(await failed.getAttribute('role'), 'alert', 'the failure is announced');
    assert.match((await failed.textContent()) ?? '', /could not be loaded/);
    const reload = failed.getByRole('button', { name: 'Reload Parley' });
    assert.ok(await reload.isVisible(), 'a reload button is offered');
    // The rest of the page is still there.
    assert.ok(await page.getByTestId('message-list').isVisible(), 'the messages stay on screen');

    // Once the chunk can load again, the reload brings the dialog back.
    await page.unroute(`${BASE_URL}/assets/ProfileDialog-*.js`);
    await reload.click();
    await page.getByTestId('message-list').waitFor();
    await page.getByTestId('account-menu').click();
    await page.getByTestId('open-profile').click();
    await page.getByTestId('profile-dialog').waitFor();
  }),
);
