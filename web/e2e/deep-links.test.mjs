// Browser tests: links to one message. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, createChannel, messageAction, messageWith, sendMessage, withBrowser } from './helpers.mjs';

test('a link to an old message opens scrolled to it, highlighted', { timeout: 180_000 }, () =>
  withBrowser('deep-links', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const channel = `links-${run}`;
    await createChannel(alice, channel);
    const target = `The decision ${run}`;
    await sendMessage(alice, target);
    const id = await messageWith(alice, target).getAttribute('data-message-id');
    // More than a page after it, so the newest page does not hold it.
    const input = alice.getByTestId('composer-input');
    for (let i = 1; i <= 55; i++) {
      await input.fill(`filler ${i} ${run}`);
      await input.press('Enter');
    }
    await messageWith(alice, `filler 55 ${run}`).waitFor();
    await alice.waitForFunction(() => !document.querySelector('.message.is-pending'), null, { timeout: 30_000 });

    // "Copy link" gives the address; opening it shows the message in view and highlighted.
    await messageAction(messageWith(alice, 'filler 55'), 'copy-link-button');
    const link = await messageWith(alice, 'filler 55').getByTestId('copy-link-button').getAttribute('data-link');
    assert.match(link ?? '', new RegExp(`/c/${channel}\\?message=`));

    await alice.goto(`${BASE_URL}/c/${channel}?message=${id}`);
    const shown = alice.locator(`[data-testid="message"][data-message-id="${id}"][data-highlighted="true"]`);
    await shown.waitFor();
    const inView = await shown.evaluate((el) => {
      const list = el.closest('[data-testid="message-list"]').getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return box.top >= list.top && box.bottom <= list.bottom;
    });
    assert.ok(inView, 'the linked message is scrolled into view');

    // Scrolling down brings the pages up to the newest message.
    await alice.getByTestId('message-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await messageWith(alice, `filler 55 ${run}`).waitFor();
  }),
);

test('a link to a thread reply opens the thread with the reply highlighted', { timeout: 120_000 }, () =>
  withBrowser('thread-links', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const root = `Root of the thread ${run}`;
    await sendMessage(alice, root);
    await messageAction(messageWith(alice, root), 'reply-button');
    const panel = alice.getByTestId('thread-panel');
    await panel.getByTestId('composer-input').fill(`The answer ${run}`);
    await panel.getByTestId('composer-input').press('Enter');
    const reply = panel.getByTestId('thread-reply').filter({ hasText: `The answer ${run}` });
    await messageAction(reply, 'copy-link-button');
    const link = await reply.getByTestId('copy-link-button').getAttribute('data-link');
    assert.match(link ?? '', /\?message=.+&thread=/);

    await bob.goto(link ?? '');
    const shown = bob.getByTestId('thread-panel').locator('[data-testid="thread-reply"][data-highlighted="true"]');
    await shown.filter({ hasText: `The answer ${run}` }).waitFor();
    await messageWith(bob, root).waitFor();
  }),
);
