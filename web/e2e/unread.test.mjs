// Browser tests: unread counts and the "New messages" line between two people. See helpers.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, channelRow, messageAction, messageWith, sendMessage, sharedChannel, twoPeople, waitConnected, withBrowser } from './helpers.mjs';

test('unread counts appear for the other person, clear when read, and come back on “mark unread”', { timeout: 120_000 }, () =>
  withBrowser('unread', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const channel = `unread-${run}`;
    await sharedChannel(alice, [bob], channel);
    await bob.goto(`${BASE_URL}/browse`);
    await waitConnected(bob);
    const row = channelRow(bob, channel);

    await sendMessage(alice, `first ${run}`);
    await sendMessage(alice, `second ${run}`);
    await row.getByTestId('unread-badge').filter({ hasText: '2' }).waitFor();
    assert.equal(await row.getAttribute('data-unread'), '2');

    // Opening it: the line sits above the first new message, and the count clears.
    await row.getByTestId('channel-link').click();
    const divider = bob.getByTestId('unread-divider');
    await divider.waitFor();
    const next = bob.locator('[data-testid="unread-divider"] + [data-testid="message"]');
    assert.match((await next.textContent()) ?? '', new RegExp(`first ${run}`));
    await bob.locator(`[data-testid="sidebar-row"][data-unread="0"]`).filter({ has: bob.locator(`[data-slug="${channel}"]`) }).waitFor();
    // Alice's own messages never count for her.
    assert.equal(await channelRow(alice, channel).getAttribute('data-unread'), '0');

    // Bob marks the second message unread, leaves, and the count says 1.
    await messageAction(messageWith(bob, `second ${run}`), 'mark-unread-button');
    // Once saved, the line moves to just above it.
    await bob
      .locator('[data-testid="unread-divider"] + [data-testid="message"]')
      .filter({ hasText: `second ${run}` })
      .waitFor();
    await bob.goto(`${BASE_URL}/browse`);
    await row.getByTestId('unread-badge').filter({ hasText: '1' }).waitFor();
  }),
);
