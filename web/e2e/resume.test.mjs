// Browser test: a reader whose live connection drops comes back to exactly what the server has,
// edits, deletes and reactions to messages on screen included. See helpers.mjs for what it needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  expectMessage,
  messageAction,
  messageWith,
  recordSockets,
  sendMessage,
  sharedChannel,
  twoPeople,
  waitConnected,
  withBrowser,
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

    // Bob's connection drops, and stays down: no ticket gets through until the test lets it.
    await bob.route('**/api/v1/ws/ticket', (route) => route.abort());
    await bob.evaluate(() => window.__sockets.at(-1).close());
    await bob.locator('[data-testid="connection-state"]:not([data-state="connected"])').waitFor();

    // Meanwhile Alice edits one, deletes one, reacts to one and says two new things.
    const editedId = await messageWith(alice, toEdit).getAttribute('data-message-id');
    const edited = alice.locator(`[data-message-id="${editedId}"]`);
    await messageAction(edited, 'edit-button');
    await edited.getByTestId('edit-input').fill(`edited ${run}`);
    await edited.getByTestId('edit-input').press('Enter');
    await messageWith(alice, `edited ${run}`).filter({ hasText: '(edited)' }).waitFor();
    alice.once('dialog', (dialog) => dialog.accept());
    const deletedId = await messageWith(alice, toDelete).getAttribute('data-message-id');
    await messageAction(messageWith(alice, toDelete), 'delete-button');
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

    // The network is back: Bob reconnects and catches up.
    await bob.unroute('**/api/v1/ws/ticket');
    await bob.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitConnected(bob);
    await expectMessage(bob, `new two ${run}`, 'Bob catches up on new messages');
    await messageWith(bob, `edited ${run}`).filter({ hasText: '(edited)' }).waitFor();
    await bob.locator(`[data-message-id="${deletedId}"] [data-testid="deleted-message"]`).waitFor();
    await messageWith(bob, toReact).locator('[data-testid="reaction-chip"][data-emoji="🎉"]').waitFor();
    // Exactly what Alice, who never left, sees.
    assert.deepEqual(await shown(bob), await shown(alice));
  }),
);
