// Browser tests: the message list keeps its place at the bottom when the newest message grows.
// See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIVE_TIMEOUT_MS, messageAction, messageWith, sendMessage, twoPeople, withBrowser } from './helpers.mjs';

/** Whether the message list is scrolled to (near) its bottom. */
async function waitAtBottom(page, what) {
  await page
    .waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="message-list"]');
        return el !== null && el.scrollHeight - el.scrollTop - el.clientHeight <= 2;
      },
      undefined,
      { timeout: LIVE_TIMEOUT_MS },
    )
    .catch(() => assert.fail(what));
}

test('a reader at the bottom stays there when the newest message gains reactions and replies', { timeout: 120_000 }, () =>
  withBrowser('scroll', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const body = `Newest ${run}`;
    await sendMessage(alice, body);
    await messageWith(bob, body).waitFor();
    await waitAtBottom(alice, 'Alice starts at the bottom');

    // Bob reacts and replies; Alice does not touch her screen.
    const mine = messageWith(bob, body);
    await messageAction(mine, 'reply-button');
    const panel = bob.getByTestId('thread-panel');
    await panel.getByTestId('composer-input').fill(`a reply ${run}`);
    await panel.getByTestId('composer-input').press('Enter');
    await messageWith(alice, body).getByTestId('reply-count').waitFor();
    await waitAtBottom(alice, 'the reply summary under the newest message is in view');

    await mine.hover();
    await mine.getByTestId('reaction-button').first().click();
    await messageWith(alice, body).getByTestId('reaction-chip').waitFor();
    await waitAtBottom(alice, 'the reaction under the newest message is in view');
  }),
);
