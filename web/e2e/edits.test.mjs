// Browser tests: edits and deletes between two people. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  expectMessage,
  messageAction,
  messageWith,
  sendMessage,
  twoPeople,
  withBrowser,
  answerConfirm,
} from './helpers.mjs';

test('edits and deletes reach the other person live; only the author may', { timeout: 120_000 }, () =>
  withBrowser('edits', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    await sendMessage(alice, `Meeting at 3 ${run}`);
    await expectMessage(bob, `Meeting at 3 ${run}`, 'Bob should see the message');

    const mine = messageWith(alice, run);
    await messageAction(mine, 'edit-button');
    await mine.getByTestId('edit-input').fill(`Meeting at 4 ${run}`);
    await mine.getByTestId('edit-input').press('Enter');
    const theirs = messageWith(bob, `Meeting at 4 ${run}`);
    await theirs.filter({ hasText: '(edited)' }).waitFor();

    // ArrowUp in the empty composer edits the last message.
    await alice.getByTestId('composer-input').click();
    await alice.getByTestId('composer-input').press('ArrowUp');
    await mine.getByTestId('edit-input').fill(`Meeting at 5 ${run}`);
    await mine.getByTestId('edit-input').press('Enter');
    await messageWith(bob, `Meeting at 5 ${run}`).waitFor();

    // Bob cannot edit or delete Alice's message; Alice deletes it, and it stays as deleted.
    const bobsCopy = messageWith(bob, `Meeting at 5 ${run}`);
    await bobsCopy.hover();
    await bobsCopy.getByTestId('message-actions').waitFor();
    assert.equal(await bobsCopy.getByTestId('edit-button').count(), 0);
    assert.equal(await bobsCopy.getByTestId('delete-button').count(), 0);
    const id = await bobsCopy.getAttribute('data-message-id');
    await messageAction(messageWith(alice, `Meeting at 5 ${run}`), 'delete-button');
    await answerConfirm(alice);
    await bob.locator(`[data-message-id="${id}"] [data-testid="deleted-message"]`).waitFor();
    assert.equal(await messageWith(bob, `Meeting at 5 ${run}`).count(), 0);
  }),
);
