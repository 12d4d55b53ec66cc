// Browser tests: pinned messages between two people. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectMessage, messageAction, messageWith, sendMessage, sharedChannel, twoPeople, withBrowser } from './helpers.mjs';

test('a pin shows in the other person’s pinned panel live, and unpinning takes it out', { timeout: 120_000 }, () =>
  withBrowser('pins', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    await sharedChannel(alice, [bob], `pins-${run}`);
    const text = `The plan is here ${run}`;
    await sendMessage(alice, text);
    await expectMessage(bob, text, 'Bob should see the message');

    // Bob keeps the pinned panel open; it starts empty.
    await bob.getByTestId('pins-button').click();
    const panel = bob.getByTestId('pinned-panel');
    await panel.getByTestId('pinned-empty').waitFor();

    await messageAction(messageWith(alice, text), 'pin-button');
    await panel.getByTestId('pinned-message').filter({ hasText: text }).waitFor();
    await messageWith(bob, text).getByTestId('pinned-marker').waitFor();

    // Alice opens her panel and unpins from there; Bob's panel and marker follow.
    await alice.getByTestId('pins-button').click();
    const alicesPanel = alice.getByTestId('pinned-panel');
    await alicesPanel.getByTestId('pinned-message').filter({ hasText: text }).getByTestId('unpin-button').click();
    await panel.getByTestId('pinned-empty').waitFor();
    await messageWith(bob, text).getByTestId('pinned-marker').waitFor({ state: 'detached' });
    assert.equal(await alicesPanel.getByTestId('pinned-message').count(), 0);
  }),
);
