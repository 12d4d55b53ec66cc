// Browser tests: search. A message found by the people who can read it (and nobody else), opened
// highlighted in place, and found by its new words after an edit; the box (`/`, Esc, "search in
// this channel", a refused query, suggestions by keyboard) and the box on a phone. The index is
// fed from the database's stream, a moment after a write: searches are retried within a bound.
// See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  channelRow,
  createChannel,
  currentUserName,
  messageAction,
  messageWith,
  pickUsers,
  sendMessage,
  withBrowser,
} from './helpers.mjs';

/** How long a write may take to reach the search index (it follows the database's stream). */
const INDEX_TIMEOUT_MS = 20_000;
/** A pause between two tries of the same search, so the retries do not hammer the server. */
const RETRY_PAUSE_MS = 300;

/** Runs a search from the box: types `q` and presses Enter (again, if it is already shown). */
async function search(page, q) {
  const input = page.getByTestId('search-input');
  await input.fill(q);
  // The answer comes after the page has cleared the previous one's results.
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/search/messages');
  await input.press('Enter');
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === q);
  await answered;
}

/** What the results page settled on: the ids of the message results, or [] for the empty state. */
async function settledResults(page) {
  const results = page.getByTestId('search-result');
  const empty = page.getByTestId('search-empty');
  await results.first().or(empty).waitFor();
  return results.evaluateAll((items) => items.map((el) => el.getAttribute('data-message-id')));
}

/**
 * Searches `q` again and again (bounded) until `done(ids)` holds for the message results shown,
 * and returns them. Each try waits for the server's answer, not for a fixed time.
 */
async function searchUntil(page, q, done, what) {
  const deadline = Date.now() + INDEX_TIMEOUT_MS;
  let ids = [];
  for (;;) {
    await search(page, q);
    ids = await settledResults(page);
    if (done(ids)) return ids;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(RETRY_PAUSE_MS);
  }
  throw new Error(`${what}: searching "${q}" still showed ${JSON.stringify(ids)} after ${INDEX_TIMEOUT_MS / 1000} s`);
}

test('members find a message, open it highlighted, and find it by its new words after an edit', { timeout: 240_000 }, () =>
  withBrowser('search', async ({ run, signInAs }) => {
    const ann = await signInAs(`ann-${run}`);
    const bob = await signInAs(`bob-${run}`);
    const carol = await signInAs(`carol-${run}`);
    const bobName = await currentUserName(bob);
    const channel = `srch-${run}`;
    await createChannel(ann, channel, { type: 'private' });
    await ann.getByTestId('members-button').click();
    await pickUsers(ann, [`bob-${run}`]);
    await ann.getByTestId('members-add-submit').click();
    await ann.locator('[data-testid="member-row"]').filter({ hasText: bobName }).waitFor();
    await channelRow(bob, channel).waitFor();

    const oldWord = `zanzibar${run}`;
    const newWord = `kilimanjaro${run}`;
    await sendMessage(ann, `The ${oldWord} launch plan, take one`);
    const id = await messageWith(ann, oldWord).getAttribute('data-message-id');

    // Bob finds it by its word: the snippet marks the word, the place is the channel.
    await searchUntil(bob, oldWord, (ids) => ids.includes(id), 'Bob should find the message');
    const result = bob.locator(`[data-testid="search-result"][data-message-id="${id}"]`);
    assert.equal((await result.locator('mark').first().textContent())?.toLowerCase(), oldWord.toLowerCase());
    assert.match((await result.getByTestId('search-result-place').textContent()) ?? '', new RegExp(`#${channel}`));

    // Clicking opens the message in the channel, highlighted.
    await result.click();
    await bob.waitForURL((url) => url.pathname === `/c/${channel}` && url.searchParams.get('message') === id);
    await bob.locator(`[data-testid="message"][data-message-id="${id}"][data-highlighted="true"]`).waitFor();

    // Ann edits it: Bob finds it by a new word, and no longer by the old one.
    // Found by id: while edited, its text is in the edit box, not in the message.
    const mine = ann.locator(`[data-testid="message"][data-message-id="${id}"]`);
    await messageAction(mine, 'edit-button');
    await mine.getByTestId('edit-input').fill(`The ${newWord} launch memo, take two`);
    await mine.getByTestId('edit-input').press('Enter');
    await messageWith(ann, newWord).waitFor();
    await searchUntil(bob, newWord, (ids) => ids.includes(id), 'Bob should find the edited message by its new word');
    await searchUntil(bob, oldWord, (ids) => !ids.includes(id), 'Bob should no longer find it by its old word');

    // Carol is not in the channel: the same search finds nothing.
    await search(carol, newWord);
    await carol.getByTestId('search-empty').filter({ hasText: 'No messages match' }).waitFor();
    assert.equal(await carol.getByTestId('search-result').count(), 0);
  }),
);

test('the search box: / and Esc, search in this channel, suggestions, a refused query', { timeout: 120_000 }, () =>
  withBrowser('search-box', async ({ run, signInAs }) => {
    const ann = await signInAs(`ann-${run}`);
    const input = ann.getByTestId('search-input');
    const focused = () => input.evaluate((el) => el === document.activeElement);

    // `/` from outside a text field focuses the box; Esc closes the suggestions, then leaves.
    await ann.getByTestId('channel-title').click();
    await ann.keyboard.press('/');
    assert.ok(await focused(), '/ focuses the search box');
    assert.equal(await input.inputValue(), '', 'the slash is not typed');
    await ann.getByTestId('search-suggestions').waitFor();
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    await ann.keyboard.press('Escape');
    await ann.getByTestId('search-suggestions').waitFor({ state: 'detached' });
    await ann.keyboard.press('Escape');
    assert.ok(!(await focused()), 'a second Esc leaves the box');

    // "Search in this channel" prefills the channel's filter, focused.
    await ann.getByTestId('search-here-button').click();
    assert.equal(await input.inputValue(), 'in:#general ');
    assert.ok(await focused(), 'the box is focused after "search in this channel"');

    // Filters are suggested as they are typed; the keyboard picks one.
    await input.fill('report has:');
    await ann.locator('[data-testid="search-suggestion"][data-value="has:file"]').waitFor();
    await input.press('ArrowDown');
    assert.match((await input.getAttribute('aria-activedescendant')) ?? '', /has-file/);
    await input.press('Enter');
    assert.equal(await input.inputValue(), 'report has:file ');

    // The query's filters show as chips; removing one searches again without it.
    await search(ann, 'report has:file');
    const chip = ann.locator('[data-testid="search-chip"][data-key="has"]');
    assert.equal(await chip.getAttribute('data-value'), 'file');
    await chip.getByTestId('search-chip-remove').click();
    await ann.waitForURL((url) => url.searchParams.get('q') === 'report');
    assert.equal(await ann.getByTestId('search-chip').count(), 0);

    // A query the server refuses: its message shows by the box.
    await input.fill('on:2026-02-30');
    await input.press('Enter');
    const error = ann.getByTestId('search-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /2026-02-30.*is not a date/);
    await ann.getByTestId('search-results-error').waitFor();
  }),
);

test('on a phone the search box is at the top and searches', { timeout: 120_000 }, () =>
  withBrowser('search-phone', async ({ run, signInAs }) => {
    const ann = await signInAs(`ann-${run}`);
    await ann.setViewportSize({ width: 390, height: 844 });
    const input = ann.getByTestId('search-input');
    const box = await input.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 844 && box.x >= 0 && box.x + box.width <= 390, 'the box is on screen');
    await input.click();
    await search(ann, `nothing-like-this-${run}`);
    await ann.getByTestId('search-empty').waitFor();
    assert.equal(await ann.getByTestId('search-tab-messages').getAttribute('aria-selected'), 'true');
    await ann.goto(`${BASE_URL}/c/general`);
    await input.waitFor();
  }),
);
