// Browser tests: notification settings and toasts. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, expectAccessible, openDirect, sendMessage, twoPeople, waitConnected, withBrowser } from './helpers.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

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
    await expectAccessible(bob, 'notification settings dialog');
    await bob.keyboard.press('Escape');

    // Alice writes to Bob directly while he reads #general: a toast, which opens the message.
    await openDirect(alice, `bob-${run}`);
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

test('on a phone the permission banner is one line, accessible, and "Not now" puts it away for good', { timeout: 90_000 }, () =>
  withBrowser('permission-banner', async ({ run, signInAs }) => {
    // Desktop notifications are on by default and the browser has not been asked: the banner.
    const page = await signInAs(`pia-${run}`, PHONE);
    const banner = page.getByTestId('notification-permission-banner');
    await banner.waitFor();
    const size = await banner.evaluate((el) => ({ height: el.getBoundingClientRect().height, fits: el.scrollWidth <= el.clientWidth }));
    assert.ok(size.height <= 48, `the banner is one line on a phone: ${size.height} px high`);
    assert.ok(size.fits, 'nothing sticks out of the banner');
    await banner.getByRole('button', { name: 'Turn on' }).waitFor();
    await expectAccessible(page, 'phone with the permission banner');

    await banner.getByRole('button', { name: 'Not now' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.reload();
    await waitConnected(page);
    await page.getByTestId('message-list').waitFor();
    assert.equal(await banner.count(), 0, 'dismissed, it stays away');
  }),
);
