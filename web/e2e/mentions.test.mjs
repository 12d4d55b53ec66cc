// Browser tests: mentions with completion, badges and notifications. See helpers.mjs for what
// they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, createChannel, currentUserName, messageWith, sidebarRow, twoPeople, waitConnected, withBrowser } from './helpers.mjs';

/** Types `@` and part of a login in the composer, and picks that person from the completion. */
async function mention(page, login, rest) {
  const input = page.getByTestId('composer-input');
  await input.pressSequentially(`@${login.slice(0, -2)}`);
  const option = page.getByTestId('mention-option').filter({ hasText: login });
  await option.first().click();
  assert.match(await input.inputValue(), new RegExp(`@${login}_\\S+ $`), 'the handle is written out');
  await input.pressSequentially(rest);
  await input.press('Enter');
}

test('a mention picked from the completion: a badge, a toast and a highlighted name for the other person', { timeout: 120_000 }, () =>
  withBrowser('mentions', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const bobName = await currentUserName(bob);
    await bob.goto(`${BASE_URL}/browse`);
    await waitConnected(bob);
    const text = `can you look? ${run}`;
    await mention(alice, `bob-${run}`, text);
    const sent = messageWith(alice, text);
    await sent.getByTestId('mention').filter({ hasText: `@${bobName}` }).waitFor();

    // Bob, elsewhere, gets a toast and a badge on #general.
    const generalRow = bob.locator('[data-testid="sidebar-row"]').filter({ has: bob.locator('[data-slug="general"]') });
    await generalRow.getByTestId('mention-badge').waitFor();
    assert.equal((await generalRow.getByTestId('mention-badge').textContent())?.trim(), '@1');
    const toast = bob.locator('[data-testid="notification-toast"][data-kind="mention"]').filter({ hasText: text });
    await toast.waitFor();

    // The toast opens the message, highlighted, with Bob's name shown as his; reading clears the badge.
    await toast.getByTestId('notification-open').click();
    await bob.waitForURL(/\/c\/general\?message=/);
    const shown = bob.locator('[data-testid="message"][data-highlighted="true"]').filter({ hasText: text });
    await shown.getByTestId('mention').filter({ hasText: `@${bobName}` }).waitFor();
    assert.match((await shown.getByTestId('mention').getAttribute('class')) ?? '', /is-me/);
    await generalRow.getByTestId('mention-badge').waitFor({ state: 'detached' });
  }),
);

test('mentioning someone outside the channel offers to add them', { timeout: 120_000 }, () =>
  withBrowser('mention-outsiders', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const channel = `quiet-${run}`;
    await createChannel(alice, channel);
    await mention(alice, `bob-${run}`, `join us ${run}`);
    const notice = alice.getByTestId('mention-outsiders');
    await notice.filter({ hasText: 'not in this channel' }).waitFor();
    await notice.getByTestId('mention-outsiders-add').click();
    await notice.waitFor({ state: 'detached' });
    // Bob is in now: the channel shows in his sidebar.
    const id = await alice.locator('[data-testid="sidebar-row"]').filter({ has: alice.locator(`[data-slug="${channel}"]`) }).getAttribute('data-parent-id');
    await sidebarRow(bob, id).waitFor();
  }),
);
