// Browser tests: reactions and typing between two people, live. See helpers.mjs for what they
// need (PARLEY_E2E_URL, CHROMIUM).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { BASE_URL, currentUserName, expectMessage, sendMessage, waitConnected, withBrowser } from './helpers.mjs';

test('a reaction shows on the other person’s screen with who reacted', { timeout: 120_000 }, () =>
  withBrowser('reactions', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const bobName = await currentUserName(bob);
    for (const page of [alice, bob]) await page.goto(`${BASE_URL}/c/general`);
    await waitConnected(alice);
    await waitConnected(bob);
    const text = `React to me ${run}`;
    await sendMessage(alice, text);
    await expectMessage(bob, text, 'Bob should see Alice’s message');

    const onBobs = bob.getByTestId('message').filter({ hasText: text });
    await onBobs.hover();
    await onBobs.locator('[data-testid="reaction-button"][data-emoji="🎉"]').click();
    // Bob's own chip is pressed; Alice sees it live, with his name in the tooltip.
    await onBobs.locator('[data-testid="reaction-chip"][data-emoji="🎉"][aria-pressed="true"]').waitFor();
    const onAlices = alice.getByTestId('message').filter({ hasText: text });
    const chip = onAlices.locator('[data-testid="reaction-chip"][data-emoji="🎉"]');
    await chip.waitFor();
    assert.equal((await chip.textContent())?.trim(), '🎉 1');
    assert.equal(await chip.getAttribute('aria-pressed'), 'false');
    assert.match((await chip.getAttribute('title')) ?? '', new RegExp(bobName));

    // Alice adds hers by clicking the chip; Bob takes his back: one left, Alice's.
    await chip.click();
    await onBobs.locator('[data-testid="reaction-chip"][data-emoji="🎉"]', { hasText: '2' }).waitFor();
    await onBobs.locator('[data-testid="reaction-chip"][data-emoji="🎉"]').click();
    await onAlices
      .locator('[data-testid="reaction-chip"][data-emoji="🎉"][aria-pressed="true"]', { hasText: '1' })
      .waitFor();
  }),
);

test('typing shows on the other person’s screen and goes away', { timeout: 120_000 }, () =>
  withBrowser('typing', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const bobName = await currentUserName(bob);
    for (const page of [alice, bob]) await page.goto(`${BASE_URL}/c/general`);
    await waitConnected(alice);
    await waitConnected(bob);

    const thought = `thinking ${run}`;
    await bob.getByTestId('composer-input').pressSequentially(thought, { delay: 20 });
    const indicator = alice.getByTestId('typing-indicator');
    await indicator.filter({ hasText: `${bobName} is typing…` }).waitFor();
    assert.equal((await bob.getByTestId('typing-indicator').textContent())?.trim(), '', 'not to the typist');

    // Sending ends it at once.
    await bob.getByTestId('composer-input').press('Enter');
    await expectMessage(alice, thought, 'Alice should get Bob’s message');
    await indicator.filter({ hasText: /^$/ }).waitFor();
  }),
);

test('a thread: replies reach the other person’s panel, and the count on the root moves live', { timeout: 120_000 }, () =>
  withBrowser('threads', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    for (const page of [alice, bob]) await page.goto(`${BASE_URL}/c/general`);
    await waitConnected(alice);
    await waitConnected(bob);
    const question = `Who takes the release? ${run}`;
    await sendMessage(alice, question);
    await expectMessage(bob, question, 'Bob should see the question');

    // Bob answers in the thread.
    const onBobs = bob.getByTestId('message').filter({ hasText: question });
    await onBobs.hover();
    await onBobs.getByTestId('reply-button').click();
    const bobsPanel = bob.getByTestId('thread-panel');
    await bobsPanel.getByTestId('thread-root').filter({ hasText: question }).waitFor();
    const answer = `I will ${run}`;
    await bobsPanel.getByTestId('composer-input').fill(answer);
    await bobsPanel.getByTestId('composer-input').press('Enter');
    await bobsPanel.getByTestId('thread-reply').filter({ hasText: answer }).waitFor();

    // Alice sees the count on the root, not the reply in the channel, and opens the thread.
    const onAlices = alice.getByTestId('message').filter({ hasText: question });
    await onAlices.getByTestId('reply-count').filter({ hasText: '1 reply' }).waitFor();
    assert.equal(await alice.getByTestId('message').filter({ hasText: answer }).count(), 0);
    await onAlices.getByTestId('reply-count').click();
    const alicesPanel = alice.getByTestId('thread-panel');
    await alicesPanel.getByTestId('thread-reply').filter({ hasText: answer }).waitFor();

    // A second reply arrives in Alice's open panel live, and the count follows.
    const more = `Tomorrow morning ${run}`;
    await bobsPanel.getByTestId('composer-input').fill(more);
    await bobsPanel.getByTestId('composer-input').press('Enter');
    await alicesPanel.getByTestId('thread-reply').filter({ hasText: more }).waitFor();
    await onAlices.getByTestId('reply-count').filter({ hasText: '2 replies' }).waitFor();
  }),
);

test('Markdown is formatted and HTML in a message stays text', { timeout: 120_000 }, () =>
  withBrowser('markdown', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    for (const page of [alice, bob]) await page.goto(`${BASE_URL}/c/general`);
    const body = `**shipped** ${run} <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script>`;
    await alice.getByTestId('composer-input').fill(body);
    await alice.getByTestId('composer-input').press('Enter');
    // Shown formatted: the asterisks are gone, so wait for the words.
    const shown = bob.getByTestId('message').filter({ hasText: `shipped ${run}` });
    await shown.locator('strong', { hasText: 'shipped' }).waitFor();
    const text = await shown.getByTestId('message-body').textContent();
    assert.match(text ?? '', /<script>window.__pwned=1<\/script>/);
    assert.equal(await shown.locator('img, script').count(), 0);
    assert.equal(await bob.evaluate(() => window.__pwned), undefined);
  }),
);

test('who is online, away or gone shows on the other person’s screen', { timeout: 120_000 }, () =>
  withBrowser('presence', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    for (const page of [alice, bob]) await page.goto(`${BASE_URL}/c/general`);
    await waitConnected(alice);
    await waitConnected(bob);
    const text = `Here I am ${run}`;
    await sendMessage(bob, text);
    const message = alice.getByTestId('message').filter({ hasText: text });
    await message.waitFor();
    const bobId = await message.getAttribute('data-author-id');
    const dot = (status) => alice.locator(`[data-testid="presence-dot"][data-user-id="${bobId}"][data-status="${status}"]`);
    await dot('online').first().waitFor();

    // Bob's tab goes to the background: away.
    await bob.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await dot('away').first().waitFor();

    // Bob closes the app: no dot at all.
    await bob.context().close();
    await alice
      .locator(`[data-testid="presence-dot"][data-user-id="${bobId}"]`)
      .first()
      .waitFor({ state: 'detached' });
  }),
);

/** The handle the server derives from an email, as the seed describes (local part, two letters of
 * the domain, the first 8 hex digits of the MD5 of the address). */
function handleOf(login) {
  const email = `${login}@example.com`.toLowerCase();
  const hex = createHash('md5').update(email).digest('hex').slice(0, 8);
  return `${login.toLowerCase()}_ex_${hex}`;
}

test('a mention shows as a badge on the other person’s sidebar until read', { timeout: 120_000 }, () =>
  withBrowser('mentions', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    await alice.goto(`${BASE_URL}/c/general`);
    await bob.goto(`${BASE_URL}/browse`);
    await waitConnected(alice);
    await waitConnected(bob);
    await sendMessage(alice, `@${handleOf(`bob-${run}`)} can you look? ${run}`);
    const generalRow = bob.locator('[data-testid="sidebar-row"]').filter({ has: bob.locator('[data-slug="general"]') });
    await generalRow.getByTestId('mention-badge').waitFor();
    assert.equal((await generalRow.getByTestId('mention-badge').textContent())?.trim(), '@1');
    // The mention is highlighted in the message, and reading clears the badge.
    await generalRow.getByTestId('channel-link').click();
    await bob.getByTestId('message').filter({ hasText: run }).getByTestId('mention').waitFor();
    await generalRow.getByTestId('mention-badge').waitFor({ state: 'detached' });
  }),
);

test('edits, pins and deletes reach the other person live', { timeout: 120_000 }, () =>
  withBrowser('edit-pin-delete', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    for (const page of [alice, bob]) await page.goto(`${BASE_URL}/c/general`);
    await waitConnected(alice);
    await waitConnected(bob);
    const draft = `Meeting at 3 ${run}`;
    await sendMessage(alice, draft);
    await expectMessage(bob, draft, 'Bob should see the message');

    const mine = alice.getByTestId('message').filter({ hasText: run });
    await mine.hover();
    await mine.getByTestId('edit-button').click();
    await mine.getByTestId('edit-input').fill(`Meeting at 4 ${run}`);
    await mine.getByTestId('edit-input').press('Enter');
    const theirs = bob.getByTestId('message').filter({ hasText: `Meeting at 4 ${run}` });
    await theirs.filter({ hasText: '(edited)' }).waitFor();

    await mine.hover();
    await mine.getByTestId('pin-button').click();
    await theirs.getByTestId('pinned-marker').waitFor();

    // Bob cannot edit or delete Alice's message; Alice deletes it, and it stays as deleted.
    await theirs.hover();
    assert.equal(await theirs.getByTestId('edit-button').count(), 0);
    alice.once('dialog', (dialog) => dialog.accept());
    await mine.hover();
    await mine.getByTestId('delete-button').click();
    await bob.getByTestId('deleted-message').last().waitFor();
    assert.equal(await bob.getByTestId('message').filter({ hasText: `Meeting at 4 ${run}` }).count(), 0);
  }),
);
