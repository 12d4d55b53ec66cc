// Browser tests: notification settings and toasts. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, sendMessage, twoPeople, waitConnected, withBrowser, addMenu } from './helpers.mjs';

test('notification settings are kept, and a direct message brings a toast that opens it', { timeout: 120_000 }, () =>
  withBrowser('notifications', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);

    // Bob chooses mentions only, without desktop notifications; a reload shows what he chose.
    await bob.getByTestId('notification-settings-button').click();
    const dialog = bob.getByTestId('notification-settings-dialog');
    await dialog.getByTestId('notify-level-mentions').check();
    await dialog.getByTestId('notify-desktop').uncheck();
    await dialog.getByTestId('notification-settings-save').click();
    await dialog.waitFor({ state: 'detached' });
    await bob.reload();
    await waitConnected(bob);
    await bob.getByTestId('notification-settings-button').click();
    assert.equal(await dialog.getByTestId('notify-level-mentions').isChecked(), true);
    assert.equal(await dialog.getByTestId('notify-desktop').isChecked(), false);
    assert.equal(await bob.getByTestId('notification-permission-banner').count(), 0);
    await bob.keyboard.press('Escape');

    // Alice writes to Bob directly while he reads #general: a toast, which opens the message.
    await addMenu(alice, 'new-dm-button');
    await alice.getByTestId('user-picker-input').fill(`bob-${run}`);
    await alice.getByTestId('user-picker-option').filter({ hasText: `bob-${run}` }).first().click();
    await alice.getByTestId('new-dm-submit').click();
    await alice.waitForURL(/\/d\//);
    const text = `Got a minute? ${run}`;
    await sendMessage(alice, text);
    const toast = bob.getByTestId('notification-toast').filter({ hasText: text });
    await toast.waitFor();
    await toast.getByTestId('notification-open').click();
    await bob.waitForURL(new RegExp(`${BASE_URL}/d/.+\\?message=`));
    await bob.locator('[data-testid="message"][data-highlighted="true"]').filter({ hasText: text }).waitFor();
    await toast.waitFor({ state: 'detached' });
  }),
);
