// Browser tests: threads between two people. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, expectMessage, messageAction, messageWith, sendMessage, twoPeople, withBrowser } from './helpers.mjs';

async function reply(panel, text) {
  await panel.getByTestId('composer-input').fill(text);
  await panel.getByTestId('composer-input').press('Enter');
  await panel.getByTestId('thread-reply').filter({ hasText: text }).waitFor();
}

test('a thread: replies reach the other person’s panel, and the root’s count and repliers move live', { timeout: 120_000 }, () =>
  withBrowser('threads', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const question = `Who takes the release? ${run}`;
    await sendMessage(alice, question);
    await expectMessage(bob, question, 'Bob should see the question');

    // Bob answers in the thread, and follows it from then on.
    await messageAction(messageWith(bob, question), 'reply-button');
    const bobsPanel = bob.getByTestId('thread-panel');
    await bobsPanel.getByTestId('thread-root').filter({ hasText: question }).waitFor();
    const answer = `I will ${run}`;
    await reply(bobsPanel, answer);
    await bobsPanel.locator('[data-testid="follow-toggle"][aria-pressed="true"]').waitFor();

    // Alice sees the count and Bob's avatar on the root, not the reply in the channel.
    const onAlices = messageWith(alice, question);
    await onAlices.getByTestId('reply-count').filter({ hasText: '1 reply' }).waitFor();
    await onAlices.getByTestId('replier-avatar').first().waitFor();
    assert.match((await onAlices.getByTestId('reply-summary').textContent()) ?? '', /Last reply/);
    assert.equal(await messageWith(alice, answer).count(), 0);
    await onAlices.getByTestId('reply-count').click();
    const alicesPanel = alice.getByTestId('thread-panel');
    await alicesPanel.getByTestId('thread-reply').filter({ hasText: answer }).waitFor();
    assert.match(alice.url(), /[?&]thread=/);

    // A second reply arrives in Alice's open panel live, and the count follows.
    const more = `Tomorrow morning ${run}`;
    await reply(bobsPanel, more);
    await alicesPanel.getByTestId('thread-reply').filter({ hasText: more }).waitFor();
    await onAlices.getByTestId('reply-count').filter({ hasText: '2 replies' }).waitFor();

    // Bob's Threads page lists the thread; it opens beside its channel.
    await bob.goto(`${BASE_URL}/threads`);
    const summary = bob.getByTestId('thread-summary').filter({ hasText: question });
    await summary.waitFor();
    await summary.getByTestId('thread-open').click();
    await bob.getByTestId('thread-panel').getByTestId('thread-reply').filter({ hasText: more }).waitFor();
  }),
);

test('unfollowing takes a thread off the Threads page', { timeout: 120_000 }, () =>
  withBrowser('thread-follow', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const root = `Lunch? ${run}`;
    await sendMessage(alice, root);
    await messageAction(messageWith(bob, root), 'reply-button');
    const panel = bob.getByTestId('thread-panel');
    await reply(panel, `Yes ${run}`);
    const toggle = panel.getByTestId('follow-toggle');
    await panel.locator('[data-testid="follow-toggle"][aria-pressed="true"]').waitFor();
    const saved = bob.waitForResponse((r) => r.url().endsWith('/follow') && r.request().method() === 'PUT');
    await toggle.click();
    await panel.locator('[data-testid="follow-toggle"][aria-pressed="false"]').waitFor();
    assert.equal((await saved).status(), 204);

    await bob.goto(`${BASE_URL}/threads`);
    await bob.locator('[data-testid="thread-summary"], [data-testid="threads-empty"]').first().waitFor();
    assert.equal(await bob.getByTestId('thread-summary').filter({ hasText: root }).count(), 0);
  }),
);
