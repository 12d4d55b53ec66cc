// Browser test: signing out of all devices from one browser signs out the others, live.
// See helpers.mjs for what it needs.
import { test } from 'node:test';
import { BASE_URL, LIVE_TIMEOUT_MS, withBrowser } from './helpers.mjs';

test('signing out of all devices ends the session in the other browser too', { timeout: 120_000 }, () =>
  withBrowser('sessions', async ({ run, signInAs }) => {
    const login = `sam-${run}`;
    const laptop = await signInAs(login);
    const phone = await signInAs(login);

    await laptop.getByTestId('account-menu').click();
    await laptop.getByTestId('sign-out-everywhere').click();
    await laptop.getByTestId('signin-button').waitFor();

    // The other device is cut off without doing anything: its connection closes, and it cannot
    // get a new one.
    await phone.getByTestId('signin-button').waitFor({ timeout: LIVE_TIMEOUT_MS * 2 });
    await phone.goto(`${BASE_URL}/c/general`);
    await phone.getByTestId('signin-button').waitFor();
  }),
);
