// Browser tests: reading a public channel before joining, a message's edit history, and a
// channel's own notification level. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  channelRow,
  createChannel,
  messageAction,
  messageWith,
  rowMenu,
  sendMessage,
  sharedChannel,
  waitConnected,
  withBrowser,
  openDirect,
} from './helpers.mjs';

test('a public channel is previewed from the directory and from a link, then joined', { timeout: 120_000 }, () =>
  withBrowser('preview', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const name = `peek-${run}`;
    await createChannel(alice, name);
    await sendMessage(alice, `Before you join ${run}`);

    // From the directory: the messages, read only, the member count and a Join button.
    await bob.goto(`${BASE_URL}/browse`);
    await waitConnected(bob);
    await bob.getByTestId('directory-search').fill(name);
    await bob.locator(`[data-testid="directory-row"][data-slug="${name}"]`).getByTestId('directory-open').click();
    await bob.waitForURL(`${BASE_URL}/c/${name}`);
    const preview = bob.getByTestId('channel-preview');
    await preview.getByTestId('preview-message').filter({ hasText: `Before you join ${run}` }).waitFor();
    await preview.getByTestId('join-bar').filter({ hasText: '1 member' }).waitFor();
    assert.equal(await bob.getByTestId('composer-input').count(), 0, 'no composer before joining');
    assert.equal(await channelRow(bob, name).count(), 0, 'previewing does not add it to the sidebar');

    // From a link (a reload of it): the same preview; Join makes it a member's channel.
    await bob.goto(`${BASE_URL}/c/${name}`);
    await preview.getByTestId('preview-message').filter({ hasText: `Before you join ${run}` }).waitFor();
    await bob.getByTestId('channel-join-button').click();
    await channelRow(bob, name).waitFor();
    await bob.getByTestId('composer-input').waitFor();
    await messageWith(bob, `Before you join ${run}`).waitFor();
    await preview.waitFor({ state: 'detached' });
    await sendMessage(bob, `Joined ${run}`);
  }),
);

test('"(edited)" opens the message\'s earlier versions', { timeout: 120_000 }, () =>
  withBrowser('edit-history', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const name = `hist-${run}`;
    await sharedChannel(alice, [bob], name);
    await bob.goto(`${BASE_URL}/c/${name}`);
    await waitConnected(bob);
    await sendMessage(alice, `Lunch at noon ${run}`);
    for (const body of [`Lunch at one ${run}`, `Lunch at two ${run}`]) {
      const mine = messageWith(alice, run).last();
      await messageAction(mine, 'edit-button');
      await mine.getByTestId('edit-input').fill(body);
      await mine.getByTestId('edit-input').press('Enter');
      await messageWith(bob, body).waitFor();
    }

    // Bob opens the history from "(edited)" with the keyboard: newest first, the original last.
    const theirs = messageWith(bob, `Lunch at two ${run}`);
    await theirs.getByTestId('message-edited').focus();
    await bob.keyboard.press('Enter');
    const dialog = bob.getByTestId('edit-history');
    await dialog.getByTestId('edit-version').nth(2).waitFor();
    const bodies = (await dialog.getByTestId('edit-version-body').allTextContents()).map((t) => t.trim());
    assert.deepEqual(bodies, [`Lunch at two ${run}`, `Lunch at one ${run}`, `Lunch at noon ${run}`]);
    await bob.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }),
);

test('a channel\'s own notification level silences it, and Default follows one\'s own again', { timeout: 120_000 }, () =>
  withBrowser('notify-level', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const name = `quiet-${run}`;
    await sharedChannel(alice, [bob], name);
    await bob.goto(`${BASE_URL}/c/general`);
    await waitConnected(bob);
    const row = channelRow(bob, name);
    const saved = () => bob.waitForResponse((r) => r.url().endsWith('/membership') && r.request().method() === 'PATCH');

    let answer = saved();
    await rowMenu(bob, row, 'notify-level-choice', '[data-level="nothing"]');
    assert.equal((await answer).status(), 200);

    // Kept on the server: after a reload the menu shows it chosen.
    await bob.reload();
    await waitConnected(bob);
    await row.hover();
    await row.getByTestId('row-menu-button').click();
    const nothing = row.locator('[data-testid="notify-level-choice"][data-level="nothing"]');
    assert.equal(await nothing.getAttribute('aria-checked'), 'true');
    await bob.keyboard.press('Escape');

    // @all in the channel brings Bob nothing; a direct message after it still does.
    await sendMessage(alice, `@all silenced ${run}`);
    await openDirect(alice, `bob-${run}`);
    await sendMessage(alice, `direct ${run}`);
    await bob.getByTestId('notification-toast').filter({ hasText: `direct ${run}` }).waitFor();
    assert.equal(await bob.getByTestId('notification-toast').filter({ hasText: `silenced ${run}` }).count(), 0);

    // Back to Default: the next @all reaches him.
    answer = saved();
    await rowMenu(bob, row, 'notify-level-choice', '[data-level="default"]');
    assert.equal((await answer).status(), 200);
    await alice.goto(`${BASE_URL}/c/${name}`);
    await sendMessage(alice, `@all heard ${run}`);
    await bob.getByTestId('notification-toast').filter({ hasText: `heard ${run}` }).waitFor();
  }),
);
