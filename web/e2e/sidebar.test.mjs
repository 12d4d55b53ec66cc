// Browser tests: direct and group conversations, favourites, mute, and categories with drag and
// drop. See helpers.mjs for what they need (PARLEY_E2E_URL, CHROMIUM).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  channelRow,
  createChannel,
  currentUserName,
  expectMessage,
  expectRowOrder,
  openRowId,
  pickUsers,
  rowMenu,
  section,
  sendMessage,
  sidebarRow,
  withBrowser,
  addMenu,
  headerMenu,
  answerConfirm,
} from './helpers.mjs';

test('a direct message reaches the other person live with its first message', { timeout: 120_000 }, () =>
  withBrowser('direct-message', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const aliceName = await currentUserName(alice);
    const bobName = await currentUserName(bob);

    await addMenu(alice, 'new-dm-button');
    await pickUsers(alice, [`bob-${run}`]);
    await alice.getByTestId('new-dm-submit').click();
    await alice.waitForURL((url) => url.pathname.startsWith('/d/'));
    const id = new URL(alice.url()).pathname.slice('/d/'.length);
    await alice.getByTestId('conversation-title').getByText(bobName).waitFor();
    await sidebarRow(alice, id).waitFor();
    assert.equal(await sidebarRow(bob, id).count(), 0, 'Bob does not see it before its first message');

    // The first message: the conversation appears in Bob's sidebar, unread.
    const hello = `Hi Bob, Alice here ${run}`;
    await sendMessage(alice, hello);
    const row = sidebarRow(bob, id);
    await row.waitFor();
    await bob.locator(`[data-testid="sidebar-row"][data-parent-id="${id}"][data-unread="1"]`).waitFor();
    // Titled with Alice's name (once it has been looked up).
    await bob.locator(`[data-testid="sidebar-row"][data-parent-id="${id}"][data-title="${aliceName}"]`).waitFor();

    // Bob opens it: the message is there and the row is read.
    await row.getByTestId('conversation-link').click();
    await bob.waitForURL(`${BASE_URL}/d/${id}`);
    await expectMessage(bob, hello, 'Bob should see Alice’s message');
    await bob.locator(`[data-testid="sidebar-row"][data-parent-id="${id}"][data-unread="0"]`).waitFor();

    // Opening the same person again finds the same conversation.
    await alice.goto(`${BASE_URL}/c/general`);
    await addMenu(alice, 'new-dm-button');
    await pickUsers(alice, [`bob-${run}`]);
    await alice.getByTestId('new-dm-submit').click();
    await alice.waitForURL(`${BASE_URL}/d/${id}`);

    // Notes to self: nobody picked.
    await addMenu(alice, 'new-dm-button');
    await alice.getByTestId('new-dm-submit').click();
    await alice.getByTestId('conversation-title').getByText('Notes to self').waitFor();
  }));

test('a group conversation: everyone sees it, and its new name, live', { timeout: 120_000 }, () =>
  withBrowser('group', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const carol = await signInAs(`carol-${run}`);

    await addMenu(alice, 'new-dm-button');
    await pickUsers(alice, [`bob-${run}`, `carol-${run}`]);
    await alice.getByTestId('group-name-input').fill(`Launch ${run}`);
    await alice.getByTestId('new-dm-submit').click();
    await alice.waitForURL((url) => url.pathname.startsWith('/d/'));
    const id = new URL(alice.url()).pathname.slice('/d/'.length);
    await alice.getByTestId('conversation-title').getByText(`Launch ${run}`).waitFor();

    const hello = `Hello group ${run}`;
    await sendMessage(alice, hello);
    for (const page of [bob, carol]) {
      await sidebarRow(page, id).waitFor();
      await sidebarRow(page, id).getByTestId('conversation-link').click();
      await expectMessage(page, hello, 'each participant should see the group’s first message');
    }

    // Bob renames it: Alice's header and Carol's sidebar follow.
    await headerMenu(bob, 'conversation-rename-button', 'conversation-menu-button');
    await bob.getByTestId('conversation-name-input').fill(`Ship ${run}`);
    await bob.getByTestId('conversation-name-submit').click();
    await alice.getByTestId('conversation-title').getByText(`Ship ${run}`).waitFor();
    await carol.locator(`[data-testid="sidebar-row"][data-parent-id="${id}"][data-title="Ship ${run}"]`).waitFor();

    // Carol leaves: back to #general, and the group is gone from her sidebar.
    await headerMenu(carol, 'leave-button', 'conversation-menu-button');
    await answerConfirm(carol);
    await carol.waitForURL(`${BASE_URL}/c/general`);
    await sidebarRow(carol, id).waitFor({ state: 'detached' });
  }));

test('favourites and mute stick, on reload too', { timeout: 120_000 }, () =>
  withBrowser('favourite', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const name = `fav-${run}`;
    await createChannel(alice, name);
    const id = await openRowId(alice);

    // Both are shown at once; the reload below must not cut their requests short.
    const saved = () => alice.waitForResponse((r) => r.url().endsWith('/membership') && r.request().method() === 'PATCH');
    const favourite = saved();
    await rowMenu(alice, channelRow(alice, name), 'favorite-toggle');
    await section(alice, 'favorites').locator(`[data-testid="sidebar-row"][data-parent-id="${id}"]`).waitFor();
    await favourite;
    const mute = saved();
    await rowMenu(alice, channelRow(alice, 'general'), 'mute-toggle');
    await alice.locator('[data-testid="sidebar-row"][data-muted="true"]').filter({ has: alice.locator('[data-slug="general"]') }).waitFor();
    await mute;

    await alice.reload();
    await section(alice, 'favorites').locator(`[data-testid="sidebar-row"][data-parent-id="${id}"]`).waitFor();
    await alice.locator('[data-testid="sidebar-row"][data-muted="true"]').filter({ has: alice.locator('[data-slug="general"]') }).waitFor();

    await rowMenu(alice, channelRow(alice, name), 'favorite-toggle');
    await section(alice, 'channels').locator(`[data-testid="sidebar-row"][data-parent-id="${id}"]`).waitFor();
    await rowMenu(alice, channelRow(alice, 'general'), 'mute-toggle');
    await alice.locator('[data-testid="sidebar-row"]:not([data-muted])').filter({ has: alice.locator('[data-slug="general"]') }).waitFor();
  }));

test('categories: rows and categories dragged into order keep it after a reload', { timeout: 180_000 }, () =>
  withBrowser('categories', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const [one, two, three] = ['one', 'two', 'three'].map((n) => `${n}-${run}`);
    for (const name of [one, two, three]) await createChannel(alice, name);

    const createCategory = async (name) => {
      await alice.getByTestId('category-create').click();
      await alice.getByTestId('category-name-input').fill(name);
      await alice.getByTestId('category-name-input').press('Enter');
      await alice.locator('[data-testid="category-row"]').filter({ hasText: name }).waitFor();
    };
    const work = `Work ${run}`;
    const later = `Later ${run}`;
    await createCategory(work);
    await createCategory(later);

    // A duplicate name (any case) is refused with the server's message.
    await alice.getByTestId('category-create').click();
    await alice.getByTestId('category-name-input').fill(work.toUpperCase());
    await alice.getByTestId('category-name-input').press('Enter');
    await alice.getByTestId('category-error').waitFor();
    await alice.getByTestId('category-name-input').press('Escape');

    const categoryId = (name) =>
      alice.locator('[data-testid="category-row"]').filter({ hasText: name }).getAttribute('data-category-id');
    const workKey = `category:${await categoryId(work)}`;
    const laterKey = `category:${await categoryId(later)}`;

    // Drag the three channels onto Work's heading (which adds at the end), then `three` to the top.
    for (const name of [one, two, three]) {
      await channelRow(alice, name).dragTo(section(alice, workKey).getByTestId('category-row'));
      await section(alice, workKey).locator(`[data-testid="channel-link"][data-slug="${name}"]`).waitFor();
    }
    await expectRowOrder(alice, workKey, [one, two, three], 'the channels should be in Work in the order dropped');
    await channelRow(alice, three).dragTo(channelRow(alice, one), { targetPosition: { x: 20, y: 2 } });
    await expectRowOrder(alice, workKey, [three, one, two], 'three should now be first');

    // Move `two` to Later with the row menu, then drag Later above Work.
    const laterId = await categoryId(later);
    await rowMenu(alice, channelRow(alice, two), 'move-to-category', `[data-category-id="${laterId}"]`);
    await expectRowOrder(alice, laterKey, [two], 'two should be in Later');
    const categoryOrder = () =>
      alice.getByTestId('category-row').evaluateAll((rows) => rows.map((r) => r.textContent?.replace('⋯', '').trim()));
    assert.deepEqual((await categoryOrder()).filter((n) => n === work || n === later), [work, later]);
    await alice
      .locator('[data-testid="category-row"]')
      .filter({ hasText: later })
      .dragTo(alice.locator('[data-testid="category-row"]').filter({ hasText: work }), {
        targetPosition: { x: 20, y: 2 },
      });
    await alice.waitForFunction(
      ({ work, later }) => {
        const names = [...document.querySelectorAll('[data-testid="category-row"] .category-name')].map((e) => e.textContent);
        return names.indexOf(later) !== -1 && names.indexOf(later) < names.indexOf(work);
      },
      { work, later },
    );

    // All of it survives a reload.
    await alice.reload();
    await expectRowOrder(alice, workKey, [three, one], 'Work keeps its order after a reload');
    await expectRowOrder(alice, laterKey, [two], 'Later keeps its row after a reload');
    const names = (await categoryOrder()).filter((n) => n === work || n === later);
    assert.deepEqual(names, [later, work], 'the categories keep their order after a reload');

    // Renaming a category.
    const someday = `Someday ${run}`;
    const laterHeading = alice.locator('[data-testid="category-row"]').filter({ hasText: later });
    await laterHeading.hover();
    await laterHeading.getByTestId('category-menu-button').click();
    await alice.getByTestId('category-rename').click();
    await alice.getByTestId('category-name-input').fill(someday);
    await alice.getByTestId('category-name-input').press('Enter');
    await section(alice, laterKey).getByTestId('category-row').filter({ hasText: someday }).waitFor();

    // Deleting a category (asked first) sends its rows back to Channels.
    const somedayHeading = alice.locator('[data-testid="category-row"]').filter({ hasText: someday });
    await somedayHeading.hover();
    await somedayHeading.getByTestId('category-menu-button').click();
    await alice.getByTestId('category-delete').click();
    await answerConfirm(alice);
    await section(alice, laterKey).waitFor({ state: 'detached' });
    await section(alice, 'channels').locator(`[data-testid="channel-link"][data-slug="${two}"]`).waitFor();
  }));
