// Browser tests: who is typing, in a channel and in a thread. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currentUserName, expectMessage, messageAction, messageWith, sendMessage, twoPeople, withBrowser } from './helpers.mjs';

test('typing shows on the other person’s screen and goes away', { timeout: 120_000 }, () =>
  withBrowser('typing', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const bobName = await currentUserName(bob);

    const thought = `thinking ${run}`;
    await bob.getByTestId('composer-input').pressSequentially(thought, { delay: 20 });
    const indicator = alice.getByTestId('typing-indicator');
    await indicator.filter({ hasText: `${bobName} is typing…` }).waitFor();
    assert.equal((await bob.getByTestId('typing-indicator').textContent())?.trim(), '', 'not to the typist');

    // Sending ends it at once.
    await bob.getByTestId('composer-input').press('Enter');
    await expectMessage(alice, thought, 'Alice should get Bob’s message');
    await indicator.filter({ hasText: /^$/ }).waitFor();
  }),
);

test('typing in a thread shows in that thread only', { timeout: 120_000 }, () =>
  withBrowser('thread-typing', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const bobName = await currentUserName(bob);
    const root = `Thread for typing ${run}`;
    await sendMessage(alice, root);
    for (const page of [alice, bob]) {
      await messageAction(messageWith(page, root), 'reply-button');
      await page.getByTestId('thread-panel').getByTestId('thread-root').waitFor();
    }

    await bob.getByTestId('thread-panel').getByTestId('composer-input').pressSequentially(`hmm ${run}`, { delay: 20 });
    await alice
      .getByTestId('thread-panel')
      .getByTestId('typing-indicator')
      .filter({ hasText: `${bobName} is typing…` })
      .waitFor();
    // Not under the channel's messages.
    const channelIndicator = alice.locator('.channel-main [data-testid="typing-indicator"]');
    assert.equal((await channelIndicator.textContent())?.trim(), '');
  }),
);
