// Browser tests: drafts kept on the server, across pages and devices. See helpers.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, waitConnected, withBrowser } from './helpers.mjs';

test('a draft comes back after leaving, reaches another device, and clears on send', { timeout: 120_000 }, () =>
  withBrowser('drafts', async ({ run, signInAs }) => {
    const laptop = await signInAs(`carol-${run}`);
    const phone = await signInAs(`carol-${run}`);
    const input = laptop.getByTestId('composer-input');
    const text = `half a thought ${run}`;
    await input.fill(text);

    // Saved a moment after typing stops; another page and back restores it.
    await laptop.waitForResponse((r) => r.url().endsWith('/api/v1/drafts') && r.request().method() === 'PUT');
    await laptop.goto(`${BASE_URL}/browse`);
    await laptop.goto(`${BASE_URL}/c/general`);
    await waitConnected(laptop);
    await laptop.getByTestId('draft-restored').waitFor();
    assert.equal(await input.inputValue(), text);

    // The other device, open on the same channel, gets the newer text live.
    await phone.goto(`${BASE_URL}/c/general`);
    await waitConnected(phone);
    const phoneInput = phone.getByTestId('composer-input');
    await phone.waitForFunction((t) => document.querySelector('[data-testid="composer-input"]')?.value === t, text);
    await phoneInput.fill(`${text}, finished`);
    await laptop.waitForFunction(
      (t) => document.querySelector('[data-testid="composer-input"]')?.value === t,
      `${text}, finished`,
    );

    // Sending clears it everywhere.
    await phoneInput.press('Enter');
    await laptop.waitForFunction(() => document.querySelector('[data-testid="composer-input"]')?.value === '');
  }),
);
