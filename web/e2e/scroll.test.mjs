// Browser tests: the message list keeps its place at the bottom when the newest message grows.
// See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIVE_TIMEOUT_MS, messageAction, messageWith, sendMessage, twoPeople, withBrowser } from './helpers.mjs';

const MAIN_LIST = '[data-testid="message-list"]';
const THREAD_LIST = '[data-testid="thread-panel"] .thread-messages';

/** Waits until the list (a CSS selector) is scrolled to (near) its bottom. */
async function waitAtBottom(page, what, selector = MAIN_LIST) {
  await page
    .waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        return el !== null && el.scrollHeight - el.scrollTop - el.clientHeight <= 2;
      },
      selector,
      { timeout: LIVE_TIMEOUT_MS },
    )
    .catch(() => assert.fail(what));
}

/** How far the list (a CSS selector) is from its bottom, in pixels. */
function distanceFromBottom(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return el ? el.scrollHeight - el.scrollTop - el.clientHeight : -1;
  }, selector);
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

test('a reader scrolled up in a thread stays there when others reply; their own reply brings them down', { timeout: 120_000 }, () =>
  withBrowser('thread-scroll', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const root = `Long thread ${run}`;
    await sendMessage(alice, root);
    for (const page of [alice, bob]) {
      await messageAction(messageWith(page, root), 'reply-button');
      await page.getByTestId('thread-panel').getByTestId('thread-root').waitFor();
    }
    const alicePanel = alice.getByTestId('thread-panel');
    const bobPanel = bob.getByTestId('thread-panel');
    for (let i = 1; i <= 8; i++) {
      await alicePanel.getByTestId('composer-input').fill(`reply ${i} ${run}\nsecond line\nthird line`);
      await alicePanel.getByTestId('composer-input').press('Enter');
      await bobPanel.getByTestId('thread-reply').filter({ hasText: `reply ${i} ${run}` }).waitFor();
    }
    await waitAtBottom(bob, 'Bob follows the replies at the bottom', THREAD_LIST);

    // Bob scrolls up to read; Alice's next reply leaves him where he is.
    await bob.evaluate((sel) => {
      document.querySelector(sel).scrollTop = 0;
    }, THREAD_LIST);
    await alicePanel.getByTestId('composer-input').fill(`one more ${run}`);
    await alicePanel.getByTestId('composer-input').press('Enter');
    await bobPanel.getByTestId('thread-reply').filter({ hasText: `one more ${run}` }).waitFor();
    assert.equal(await bob.evaluate((sel) => document.querySelector(sel).scrollTop, THREAD_LIST), 0, 'Bob is left where he was');
    assert.ok((await distanceFromBottom(bob, THREAD_LIST)) > 100, 'the thread is long enough to scroll');

    // His own reply brings him to the bottom.
    await bobPanel.getByTestId('composer-input').fill(`mine ${run}`);
    await bobPanel.getByTestId('composer-input').press('Enter');
    await bobPanel.getByTestId('thread-reply').filter({ hasText: `mine ${run}` }).waitFor();
    await waitAtBottom(bob, 'Bob’s own reply is in view', THREAD_LIST);
  }),
);
