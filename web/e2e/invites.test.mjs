// Browser test: an admin invites an email address to a channel; the test reads the mail the
// server sent through the SES stand-in (ministack), opens its link in a browser of its own, and
// the guest joins, lands in the app signed in, and sees the channel. The guest then signs out,
// signs in with the password, and resets it through a mailed link. Besides PARLEY_E2E_URL this
// needs the stack's environment (SES_ENDPOINT, DYNAMODB_ENDPOINT), which `make test` sets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, channelRow, createChannel, expectSystemMessage, grantAdmin, waitConnected, withBrowser, addMenu } from './helpers.mjs';
import { mailedLink } from './mail.mjs';

test('an invited guest joins from the mailed link, signs in with a password and resets it', { timeout: 240_000 }, () =>
  withBrowser('invites', async ({ run, signInAs, openPage }) => {
    const adminLogin = `ina-${run}`;
    const admin = await signInAs(adminLogin);
    await grantAdmin(`${adminLogin}@example.com`);
    await admin.reload();
    await waitConnected(admin);
    const channel = `guests-${run}`;
    await createChannel(admin, channel, { type: 'private' });

    const email = `gwen-${run}@example.com`;
    await addMenu(admin, 'invite-button');
    await admin.getByTestId('invite-email').fill(email);
    await admin.locator(`[data-testid="invite-channel"][data-channel-name="${channel}"]`).check();
    await admin.getByTestId('invite-submit').click();
    await admin.getByTestId('invite-sent').getByText(email).waitFor();
    await admin.getByTestId('invite-dialog').getByRole('button', { name: 'Done' }).click();

    // The mail's link, opened by someone who is not signed in.
    const invitePath = await mailedLink(email, '/invite/');
    const guest = await openPage('guest');
    await guest.goto(`${BASE_URL}${invitePath}`);
    await guest.getByTestId('invite-summary').getByText(`#${channel}`).waitFor();
    assert.equal(await guest.getByTestId('invite-email-shown').inputValue(), email);
    await guest.getByTestId('invite-display-name').fill(`Gwen ${run}`);
    await guest.getByTestId('invite-password').fill('short');
    await guest.getByTestId('invite-accept').click();
    await guest.getByText('Use at least 8 characters.').waitFor();
    await guest.getByTestId('invite-password').fill('gwen-first-password');
    await guest.getByTestId('invite-accept').click();

    // Signed in, in the channel, and the token is gone from the address bar and the history.
    await guest.waitForURL(`${BASE_URL}/c/general`);
    await guest.getByTestId('current-user').getByText(`Gwen ${run}`).waitFor();
    await waitConnected(guest);
    await channelRow(guest, channel).waitFor();
    await guest.getByTestId('sidebar-add-button').click();
    await guest.getByRole('menu').getByTestId('new-dm-button').waitFor();
    assert.equal(await guest.getByTestId('invite-button').count(), 0, 'guests may not invite');
    assert.equal(await guest.getByTestId('create-channel-button').count(), 0, 'nor create channels');
    await guest.keyboard.press('Escape');
    // The entry before the app is the blank page the browser started on, not the link.
    await guest.goBack();
    assert.ok(!guest.url().includes('/invite/'), `the invite link stayed in the history: ${guest.url()}`);
    await guest.goForward();
    await waitConnected(guest);
    await channelRow(guest, channel).locator('a').first().click();
    await guest.getByTestId('channel-title').getByText(channel).waitFor();
    await expectSystemMessage(guest, `added Gwen ${run}`, 'the guest sees being added');
    await expectSystemMessage(admin, `added Gwen ${run}`, 'the admin sees the guest arrive');

    // The same link does not work twice.
    const again = await openPage('again');
    await again.goto(`${BASE_URL}${invitePath}`);
    await again.getByTestId('invite-page-error').getByText('no longer works').waitFor();

    // Signing out, then in with the password.
    await guest.getByTestId('account-menu').click();
    await guest.getByTestId('sign-out').click();
    await guest.getByTestId('password-signin-email').fill(email);
    await guest.getByTestId('password-signin-password').fill('not my password');
    await guest.getByTestId('password-signin-submit').click();
    await guest.getByTestId('password-signin-error').waitFor();
    await guest.getByTestId('password-signin-password').fill('gwen-first-password');
    await guest.getByTestId('password-signin-submit').click();
    await guest.getByTestId('current-user').getByText(`Gwen ${run}`).waitFor();
    await waitConnected(guest);

    // Forgotten: a reset link by mail, a new password, and the old one no longer works.
    await guest.getByTestId('account-menu').click();
    await guest.getByTestId('sign-out').click();
    await guest.getByTestId('forgot-password-link').click();
    await guest.getByTestId('forgot-password-email').fill(email);
    await guest.getByTestId('forgot-password-submit').click();
    await guest.getByTestId('forgot-password-sent').waitFor();
    const resetPath = await mailedLink(email, '/reset-password/');
    await guest.goto(`${BASE_URL}${resetPath}`);
    await guest.getByTestId('reset-password-new').fill('gwen-second-password');
    await guest.getByTestId('reset-password-again').fill('gwen-second-password');
    await guest.getByTestId('reset-password-submit').click();
    await guest.getByTestId('signin-notice').getByText('Your password is changed').waitFor();
    assert.ok(!guest.url().includes('/reset-password/'), 'the reset link left the address bar');
    await guest.getByTestId('password-signin-email').fill(email);
    await guest.getByTestId('password-signin-password').fill('gwen-first-password');
    await guest.getByTestId('password-signin-submit').click();
    await guest.getByTestId('password-signin-error').waitFor();
    await guest.getByTestId('password-signin-password').fill('gwen-second-password');
    await guest.getByTestId('password-signin-submit').click();
    await guest.getByTestId('current-user').getByText(`Gwen ${run}`).waitFor();
  }),
);
