// Browser tests: creating, finding, joining, leaving and archiving channels, as two or three
// people at once. See helpers.mjs for what they need (PARLEY_E2E_URL, CHROMIUM).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  channelRow,
  createChannel,
  currentUserName,
  expectMessage,
  expectSystemMessage,
  pickUsers,
  sendMessage,
  withBrowser,
  addMenu,
  headerMenu,
  answerConfirm,
} from './helpers.mjs';

test('a public channel: created, found in the directory, joined and left', { timeout: 120_000 }, () =>
  withBrowser('public-channel', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const bobName = await currentUserName(bob);
    const name = `pub-${run}`;

    await createChannel(alice, name, { description: `Public talk ${run}` });
    assert.equal(await alice.getByTestId('channel-description').textContent(), `Public talk ${run}`);

    // The same name again: the server's message is shown in the dialog.
    await addMenu(alice, 'create-channel-button');
    await alice.getByTestId('channel-name-input').fill(name);
    await alice.getByTestId('create-channel-submit').click();
    await alice.getByTestId('create-channel-error').waitFor();
    assert.ok((await alice.getByTestId('create-channel-error').textContent())?.trim(), 'an error message is shown');
    await alice.keyboard.press('Escape');
    await alice.getByTestId('create-channel-dialog').waitFor({ state: 'detached' });

    // Bob finds it by searching the directory, and joins.
    await bob.getByTestId('browse-channels').click();
    await bob.getByTestId('directory-search').fill(`pub-${run}`);
    const row = bob.locator(`[data-testid="directory-row"][data-slug="${name}"]`);
    await row.waitFor();
    await row.getByTestId('join-button').click();
    await row.getByTestId('joined-tag').waitFor();
    await channelRow(bob, name).waitFor();

    // Opening it from the directory; Alice sees "Bob joined" live, then Bob's message.
    await row.getByTestId('directory-open').click();
    await bob.waitForURL(`${BASE_URL}/c/${name}`);
    await expectSystemMessage(alice, `${bobName} joined`, 'Alice should see Bob join');
    const hello = `Hello from Bob ${run}`;
    await sendMessage(bob, hello);
    await expectMessage(alice, hello, 'Alice should see Bob’s message');

    // Bob leaves: back to #general, the row is gone, and Alice sees "Bob left".
    await headerMenu(bob, 'leave-button');
    await bob.waitForURL(`${BASE_URL}/c/general`);
    await channelRow(bob, name).waitFor({ state: 'detached' });
    await expectSystemMessage(alice, `${bobName} left`, 'Alice should see Bob leave');
  }));

test('a private channel: not in the directory; people added see it live', { timeout: 120_000 }, () =>
  withBrowser('private-channel', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const aliceName = await currentUserName(alice);
    const bobName = await currentUserName(bob);
    const name = `priv-${run}`;

    await createChannel(alice, name, { type: 'private' });
    await alice.locator('[data-testid="channel-type-icon"][data-type="private"]').waitFor();

    await bob.getByTestId('browse-channels').click();
    await bob.getByTestId('directory-search').fill(name);
    await bob.getByTestId('directory-empty').waitFor();
    assert.equal(await bob.getByTestId('directory-row').count(), 0, 'a private channel is not listed');

    // Alice adds Bob from the members panel; the channel appears in Bob's sidebar live.
    await alice.getByTestId('members-button').click();
    await alice.getByTestId('members-panel').waitFor();
    await pickUsers(alice, [`bob-${run}`]);
    await alice.getByTestId('members-add-submit').click();
    await alice.locator('[data-testid="member-row"][data-role="member"]').filter({ hasText: bobName }).waitFor();
    assert.equal(await alice.getByTestId('member-count').textContent(), '2');
    await channelRow(bob, name).waitFor();
    await expectSystemMessage(alice, `${aliceName} added ${bobName}`, 'Alice should see that she added Bob');

    await channelRow(bob, name).getByTestId('channel-link').click();
    await bob.waitForURL(`${BASE_URL}/c/${name}`);
    await bob.getByTestId('composer-input').waitFor();

    // Alice makes Bob an admin, then removes him: the channel leaves Bob's sidebar live, and his
    // screen goes back to #general.
    const bobRow = alice.locator('[data-testid="member-row"]').filter({ hasText: bobName });
    await bobRow.getByTestId('member-role-select').selectOption('admin');
    await alice.locator('[data-testid="member-row"][data-role="admin"]').filter({ hasText: bobName }).waitFor();
    await bobRow.getByTestId('member-remove').click();
    await bobRow.waitFor({ state: 'detached' });
    await channelRow(bob, name).waitFor({ state: 'detached' });
    await bob.waitForURL(`${BASE_URL}/c/general`);
    await expectSystemMessage(alice, `${aliceName} removed ${bobName}`, 'Alice should see that she removed Bob');
  }));

test('archiving makes a channel read-only for its members, live', { timeout: 120_000 }, () =>
  withBrowser('archive', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const name = `arch-${run}`;
    await createChannel(alice, name);

    await bob.goto(`${BASE_URL}/c/${name}`);
    await bob.getByTestId('channel-join-button').click();
    await channelRow(bob, name).waitFor();
    await bob.getByTestId('composer-input').waitFor();
    const before = `Before the archive ${run}`;
    await sendMessage(bob, before);

    // Alice archives, asked first in the page: Cancel keeps the channel as it is.
    await headerMenu(alice, 'archive-button');
    await answerConfirm(alice, false);
    assert.equal(await alice.evaluate(() => document.activeElement?.dataset.testid), 'channel-menu-button');
    await sendMessage(bob, `Still open ${run}`);
    assert.equal(await alice.getByTestId('archived-banner').count(), 0, 'Cancel archived nothing');
    // Confirmed: Bob sees the banner and loses the composer, without reloading.
    await headerMenu(alice, 'archive-button');
    await answerConfirm(alice);
    await alice.getByTestId('archived-banner').waitFor();
    await bob.getByTestId('archived-banner').waitFor();
    await bob.getByTestId('composer-input').waitFor({ state: 'detached' });
    await expectMessage(bob, before, 'Bob can still read the archived channel');
    await bob.getByTestId('channel-menu-button').click();
    await bob.getByRole('menu').getByTestId('leave-button').waitFor();
    assert.equal(await bob.getByTestId('archive-button').count(), 0, 'only owners may archive');
    await bob.keyboard.press('Escape');

    // And unarchives: Bob can write again.
    await headerMenu(alice, 'unarchive-button');
    await bob.getByTestId('composer-input').waitFor();
    await bob.getByTestId('archived-banner').waitFor({ state: 'detached' });
  }));

test('renaming a channel moves its address; the old one still leads there', { timeout: 120_000 }, () =>
  withBrowser('rename', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const name = `old-${run}`;
    const renamed = `new-${run}`;
    await createChannel(alice, name);

    await headerMenu(alice, 'channel-edit-button');
    await alice.getByTestId('channel-edit-name').fill(renamed);
    await alice.getByTestId('channel-edit-description').fill('Renamed');
    await alice.getByTestId('channel-edit-submit').click();
    await alice.waitForURL(`${BASE_URL}/c/${renamed}`);
    await alice.getByTestId('channel-title').getByText(renamed).waitFor();
    await channelRow(alice, renamed).waitFor();

    await alice.goto(`${BASE_URL}/c/${name}`);
    await alice.waitForURL(`${BASE_URL}/c/${renamed}`);
    await alice.getByTestId('channel-description').getByText('Renamed').waitFor();
  }));
