// Browser test: a reader whose live connection drops comes back to exactly what the server has,
// edits, deletes and reactions to messages on screen included. See helpers.mjs for what it needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  LIVE_TIMEOUT_MS,
  expectMessage,
  messageAction,
  messageWith,
  recordSockets,
  sendMessage,
  sharedChannel,
  twoPeople,
  waitConnected,
  withBrowser,
  answerConfirm,
} from './helpers.mjs';

/** What a page's message list shows: each message's id, body (or that it is deleted) and reactions. */
function shown(page) {
  return page.getByTestId('message').evaluateAll((messages) =>
    messages.map((m) => ({
      id: m.getAttribute('data-message-id'),
      body: m.querySelector('[data-testid="deleted-message"]')
        ? '(deleted)'
        : (m.querySelector('[data-testid="message-body"]')?.textContent ?? '').trim(),
      reactions: [...m.querySelectorAll('[data-testid="reaction-chip"]')].map((c) => c.textContent?.trim()),
    })),
  );
}

/**
 * The page's connection drops, and stays down: no ticket gets through until `backOnline`. (The
 * page must have `recordSockets` in its init scripts.)
 */
async function cutOff(page) {
  await page.route('**/api/v1/ws/ticket', (route) => route.abort());
  await page.evaluate(() => window.__sockets.at(-1).close());
  await page.locator('[data-testid="connection-state"]:not([data-state="connected"])').waitFor();
}

/** The network is back: the page reconnects (and catches up). */
async function backOnline(page) {
  await page.unroute('**/api/v1/ws/ticket');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await waitConnected(page);
}

/** What a thread panel shows: the root and each reply, with body (or deleted) and reactions. */
function shownThread(page) {
  return page.getByTestId('thread-panel').locator('[data-testid="thread-root"], [data-testid="thread-reply"]').evaluateAll((messages) =>
    messages.map((m) => ({
      id: m.getAttribute('data-message-id'),
      body: m.querySelector('[data-testid="deleted-message"]')
        ? '(deleted)'
        : (m.querySelector('[data-testid="message-body"]')?.textContent ?? '').trim(),
      reactions: [...m.querySelectorAll('[data-testid="reaction-chip"]')].map((c) => c.textContent?.trim()),
    })),
  );
}

test('after its socket drops, a page resumes with exactly the server’s state', { timeout: 120_000 }, () =>
  withBrowser('resume', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    // A channel of their own: what both see is all of it.
    await sharedChannel(alice, [bob], `resume-${run}`);
    await bob.addInitScript(recordSockets);
    await bob.goto(`${BASE_URL}/c/resume-${run}`);
    await waitConnected(bob);
    const [toEdit, toDelete, toReact] = [`to edit ${run}`, `to delete ${run}`, `to react ${run}`];
    for (const text of [toEdit, toDelete, toReact]) {
      await sendMessage(alice, text);
      await expectMessage(bob, text, 'Bob sees it live');
    }

    await cutOff(bob);

    // Meanwhile Alice edits one, deletes one, reacts to one and says two new things.
    const editedId = await messageWith(alice, toEdit).getAttribute('data-message-id');
    const edited = alice.locator(`[data-message-id="${editedId}"]`);
    await messageAction(edited, 'edit-button');
    await edited.getByTestId('edit-input').fill(`edited ${run}`);
    await edited.getByTestId('edit-input').press('Enter');
    await messageWith(alice, `edited ${run}`).filter({ hasText: '(edited)' }).waitFor();
    const deletedId = await messageWith(alice, toDelete).getAttribute('data-message-id');
    await messageAction(messageWith(alice, toDelete), 'delete-button');
    await answerConfirm(alice);
    await alice.locator(`[data-message-id="${deletedId}"] [data-testid="deleted-message"]`).waitFor();
    const reacted = messageWith(alice, toReact);
    await reacted.hover();
    await reacted.locator('[data-testid="reaction-button"][data-emoji="🎉"]').click();
    await reacted.locator('[data-testid="reaction-chip"][data-emoji="🎉"]').waitFor();
    await sendMessage(alice, `new one ${run}`);
    await sendMessage(alice, `new two ${run}`);
    // Nothing reached Bob while he was away.
    assert.equal(await messageWith(bob, `new one ${run}`).count(), 0);
    assert.equal(await messageWith(bob, `edited ${run}`).count(), 0);

    await backOnline(bob);
    await expectMessage(bob, `new two ${run}`, 'Bob catches up on new messages');
    await messageWith(bob, `edited ${run}`).filter({ hasText: '(edited)' }).waitFor();
    await bob.locator(`[data-message-id="${deletedId}"] [data-testid="deleted-message"]`).waitFor();
    await messageWith(bob, toReact).locator('[data-testid="reaction-chip"][data-emoji="🎉"]').waitFor();
    // Exactly what Alice, who never left, sees.
    assert.deepEqual(await shown(bob), await shown(alice));
  }),
);

/**
 * Passes the page's live connection through the test, which loses the first frame the server
 * pushes that `isLost` picks (as a failed post from a Lambda would): the page never sees it, and
 * only the event numbers tell. `lost()` says how many were lost so far.
 */
async function loseOneEvent(page, isLost) {
  let lost = 0;
  await page.routeWebSocket(
    (url) => url.pathname === '/ws',
    (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((frame) => server.send(frame));
      server.onMessage((frame) => {
        if (lost === 0 && typeof frame === 'string' && isLost(JSON.parse(frame))) {
          lost += 1;
          return;
        }
        ws.send(frame);
      });
    },
  );
  return { lost: () => lost };
}

/** Waits (bounded) until `condition()` holds in the test. */
async function until(condition, what) {
  const deadline = Date.now() + LIVE_TIMEOUT_MS;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Alice edits a message on Bob's screen and the event telling him is lost on the way; then
 * `reveal` lets Bob's page find out (a later event, or a pong). Bob's page must fetch the
 * messages again and show the edit, on the same connection.
 */
async function lostEdit(run, signInAs, reveal) {
  const { alice, bob } = await twoPeople(run, signInAs);
  await sharedChannel(alice, [bob], `lost-${run}`);
  const edited = `edited ${run}`;
  const lossy = await loseOneEvent(bob, (frame) => frame.type === 'message.updated' && frame.data?.body === edited);
  await bob.addInitScript(recordSockets);
  await bob.goto(`${BASE_URL}/c/lost-${run}`);
  await waitConnected(bob);
  await sendMessage(alice, `to edit ${run}`);
  await expectMessage(bob, `to edit ${run}`, 'Bob sees it live');

  const id = await messageWith(alice, `to edit ${run}`).getAttribute('data-message-id');
  const message = alice.locator(`[data-message-id="${id}"]`);
  await messageAction(message, 'edit-button');
  await message.getByTestId('edit-input').fill(edited);
  await message.getByTestId('edit-input').press('Enter');
  await messageWith(alice, edited).filter({ hasText: '(edited)' }).waitFor();
  await until(() => lossy.lost() === 1, 'the edit event reaches Bob’s connection and is lost');
  assert.equal(await messageWith(bob, edited).count(), 0, 'the edit has not reached Bob');

  await reveal({ alice, bob });
  await messageWith(bob, edited).filter({ hasText: '(edited)' }).waitFor();
  assert.equal(await bob.evaluate(() => window.__sockets.length), 1, 'repaired without a reconnect');
  assert.deepEqual(await shown(bob), await shown(alice));
}

test('an event lost on the way, noticed by the number of the next one, is repaired', { timeout: 120_000 }, () =>
  withBrowser('resume-lost-event', ({ run, signInAs }) =>
    lostEdit(run, signInAs, async ({ alice, bob }) => {
      await sendMessage(alice, `next ${run}`);
      await expectMessage(bob, `next ${run}`, 'the next event arrives');
    }),
  ),
);

test('the last event lost on the way, noticed by a pong, is repaired', { timeout: 120_000 }, () =>
  withBrowser('resume-lost-last-event', ({ run, signInAs }) =>
    // Coming back online pings at once; the pong tells the number of the lost event.
    lostEdit(run, signInAs, ({ bob }) => bob.evaluate(() => window.dispatchEvent(new Event('online')))),
  ),
);

test('after its socket drops, an open thread resumes with exactly the server’s replies', { timeout: 120_000 }, () =>
  withBrowser('resume-thread', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    await sharedChannel(alice, [bob], `resume-thread-${run}`);
    await bob.addInitScript(recordSockets);
    await bob.goto(`${BASE_URL}/c/resume-thread-${run}`);
    await waitConnected(bob);
    const root = `a question ${run}`;
    await sendMessage(alice, root);
    await messageAction(messageWith(alice, root), 'reply-button');
    const alicesPanel = alice.getByTestId('thread-panel');
    const reply = async (text) => {
      await alicesPanel.getByTestId('composer-input').fill(text);
      await alicesPanel.getByTestId('composer-input').press('Enter');
      await alicesPanel.getByTestId('thread-reply').filter({ hasText: text }).waitFor();
    };
    await reply(`to edit ${run}`);
    await reply(`to delete ${run}`);
    await messageWith(bob, root).getByTestId('reply-count').click();
    const bobsPanel = bob.getByTestId('thread-panel');
    await bobsPanel.getByTestId('thread-reply').filter({ hasText: `to delete ${run}` }).waitFor();

    await cutOff(bob);
    // Meanwhile Alice edits one reply, deletes the other and writes a new one.
    const editedId = await alicesPanel.getByTestId('thread-reply').filter({ hasText: `to edit ${run}` }).getAttribute('data-message-id');
    const edited = alicesPanel.locator(`[data-message-id="${editedId}"]`);
    await messageAction(edited, 'edit-button');
    await edited.getByTestId('edit-input').fill(`edited ${run}`);
    await edited.getByTestId('edit-input').press('Enter');
    await alicesPanel.getByTestId('thread-reply').filter({ hasText: `edited ${run}` }).filter({ hasText: '(edited)' }).waitFor();
    const deletedId = await alicesPanel.getByTestId('thread-reply').filter({ hasText: `to delete ${run}` }).getAttribute('data-message-id');
    await messageAction(alicesPanel.locator(`[data-message-id="${deletedId}"]`), 'delete-button');
    await answerConfirm(alice);
    await alicesPanel.locator(`[data-message-id="${deletedId}"] [data-testid="deleted-message"]`).waitFor();
    await reply(`new reply ${run}`);
    assert.equal(await bobsPanel.getByTestId('thread-reply').filter({ hasText: `new reply ${run}` }).count(), 0);

    await backOnline(bob);
    await bobsPanel.getByTestId('thread-reply').filter({ hasText: `new reply ${run}` }).waitFor();
    await bobsPanel.getByTestId('thread-reply').filter({ hasText: `edited ${run}` }).filter({ hasText: '(edited)' }).waitFor();
    await bobsPanel.locator(`[data-message-id="${deletedId}"] [data-testid="deleted-message"]`).waitFor();
    assert.deepEqual(await shownThread(bob), await shownThread(alice));
  }),
);

test('after its socket drops, the pinned panel shows what was pinned meanwhile', { timeout: 120_000 }, () =>
  withBrowser('resume-pins', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    await sharedChannel(alice, [bob], `resume-pins-${run}`);
    await bob.addInitScript(recordSockets);
    await bob.goto(`${BASE_URL}/c/resume-pins-${run}`);
    await waitConnected(bob);
    const text = `worth keeping ${run}`;
    await sendMessage(alice, text);
    await expectMessage(bob, text, 'Bob sees it live');
    await bob.getByTestId('pins-button').click();
    const panel = bob.getByTestId('pinned-panel');
    await panel.getByTestId('pinned-empty').waitFor();

    await cutOff(bob);
    await messageAction(messageWith(alice, text), 'pin-button');
    await messageWith(alice, text).getByTestId('pinned-marker').waitFor();

    await backOnline(bob);
    await panel.getByTestId('pinned-message').filter({ hasText: text }).waitFor();
    await messageWith(bob, text).getByTestId('pinned-marker').waitFor();
  }),
);

test('a socket the server lost track of is told to reconnect at its next ping, and catches up', { timeout: 120_000 }, () =>
  withBrowser('resume-forgotten', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    await sharedChannel(alice, [bob], `forgotten-${run}`);
    // Bob's first connection passes through the test, which can play a server that forgot it
    // (its Redis restarted): nothing more reaches it, and its next ping is answered `reconnect`.
    let forgotten = false;
    let connections = 0;
    await bob.routeWebSocket(
      (url) => url.pathname === '/ws',
      (ws) => {
        const first = connections++ === 0;
        const server = ws.connectToServer();
        ws.onMessage((frame) => {
          if (first && forgotten && JSON.parse(frame).type === 'ping') {
            ws.send(JSON.stringify({ type: 'reconnect', data: { reason: 'not_registered' } }));
            return;
          }
          server.send(frame);
        });
        server.onMessage((frame) => {
          if (!(first && forgotten)) ws.send(frame);
        });
      },
    );
    await bob.goto(`${BASE_URL}/c/forgotten-${run}`);
    await waitConnected(bob);
    await sendMessage(alice, `to edit ${run}`);
    await expectMessage(bob, `to edit ${run}`, 'Bob sees it live');

    forgotten = true;
    const id = await messageWith(alice, `to edit ${run}`).getAttribute('data-message-id');
    const message = alice.locator(`[data-message-id="${id}"]`);
    await messageAction(message, 'edit-button');
    await message.getByTestId('edit-input').fill(`edited ${run}`);
    await message.getByTestId('edit-input').press('Enter');
    await messageWith(alice, `edited ${run}`).filter({ hasText: '(edited)' }).waitFor();
    await sendMessage(alice, `new ${run}`);
    assert.equal(await messageWith(bob, `new ${run}`).count(), 0);

    // The next ping (at once when the browser says it is online) hears `reconnect`.
    await bob.evaluate(() => window.dispatchEvent(new Event('online')));
    await until(() => connections === 2, 'Bob’s page opens a new connection');
    await waitConnected(bob);
    await expectMessage(bob, `new ${run}`, 'Bob catches up on the new message');
    await messageWith(bob, `edited ${run}`).filter({ hasText: '(edited)' }).waitFor();
    assert.deepEqual(await shown(bob), await shown(alice));
    // And the new connection is live.
    await sendMessage(alice, `live again ${run}`);
    await expectMessage(bob, `live again ${run}`, 'Bob is live again');
  }),
);
