// Browser tests: opening a channel with many unread messages (issue 15): it opens at the first
// of them with the "New messages" line in view; the bar's Jump and Mark as read; Escape and
// Shift-Escape; "Mark all as read" in the sidebar; the tab title's counts. See helpers.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, LIVE_TIMEOUT_MS, channelRow, messageAction, messageWith, openRowId, sharedChannel, waitConnected, withBrowser } from './helpers.mjs';
import { accessToken } from './uploads.mjs';

const UNREAD = 300;
/** Sends are limited to 60 a minute per person: the unread messages come from six people. */
const WRITERS = 6;

/** Sends `bodies` to a channel as the page's user, one after another, straight to the API. */
async function postAll(page, channelId, bodies) {
  const token = await accessToken(page);
  await page.evaluate(
    async ({ channelId, bodies, token }) => {
      for (const body of bodies) {
        const res = await fetch(`/api/v1/channels/${channelId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ body }),
        });
        if (!res.ok) throw new Error(`send failed: ${res.status} ${await res.text()}`);
      }
    },
    { channelId, bodies, token },
  );
}

/** Whether the element (a locator) lies wholly inside the message list's visible box. */
function inListView(locator) {
  return locator.evaluate((el) => {
    const list = el.closest('[data-testid="message-list"]').getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
  });
}

async function scrollToBottom(page) {
  await page.getByTestId('message-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
}

/** Holds back the answers to the requests matching `url` until `release()`, which resolves once
 * every held answer has reached the page. */
async function holdAnswers(page, url) {
  let open;
  const gate = new Promise((resolve) => (open = resolve));
  const delivered = [];
  await page.route(url, (route) => {
    const done = route.fetch().then(async (response) => {
      await gate;
      await route.fulfill({ response });
    });
    delivered.push(done);
    return done;
  });
  return {
    async release() {
      open();
      await Promise.all(delivered);
      await page.unroute(url);
      assert.ok(delivered.length > 0, 'a read was sent while reading the channel');
    },
  };
}

async function waitTitle(page, predicate, what) {
  await page
    .waitForFunction(predicate, null, { timeout: LIVE_TIMEOUT_MS })
    .catch(async () => assert.fail(`${what}; the title is "${await page.title()}"`));
}

test('a channel with 300 unread opens at the first of them; the bar, Escape, Shift-Escape and the title', { timeout: 300_000 }, () =>
  withBrowser('unread-bar', async ({ run, signInAs }) => {
    const bob = await signInAs(`bob-${run}`);
    const writers = [];
    for (let i = 0; i < WRITERS; i++) writers.push(await signInAs(`w${i}-${run}`));
    const channel = `many-${run}`;
    await sharedChannel(writers[0], [...writers.slice(1), bob], channel);
    const channelId = await openRowId(writers[0]);
    await bob.goto(`${BASE_URL}/browse`);
    await waitConnected(bob);

    // The first unread one, then the rest from everyone at once.
    const first = `first unread ${run}`;
    await postAll(writers[0], channelId, [first]);
    const per = (UNREAD - 1) / WRITERS;
    await Promise.all(
      writers.map((w, i) => {
        const count = Math.floor(per) + (i < (UNREAD - 1) % WRITERS ? 1 : 0);
        return postAll(w, channelId, Array.from({ length: count }, (_, n) => `unread ${i}-${n} ${run}\nwith a second line`));
      }),
    );
    const row = channelRow(bob, channel);
    await bob.locator(`[data-testid="sidebar-row"][data-unread="${UNREAD}"]`).filter({ has: bob.locator(`[data-slug="${channel}"]`) }).waitFor();

    // The tab says so, and the favicon has its badge.
    await waitTitle(bob, () => document.title.startsWith('(99+) '), 'the title counts the unread messages');
    const icon = await bob.locator('link[rel="icon"]').getAttribute('href');
    assert.match(icon ?? '', /^data:image\/png/, 'the favicon is drawn with a badge');

    // The answers to the reads sent while reading it come back only after the "mark unread" below
    // (as on a busy machine): arriving late, they must not undo it.
    const lateReads = await holdAnswers(bob, /\/read$/);

    // Opening it: the line is in view, the first unread message right under it.
    await row.getByTestId('channel-link').click();
    const divider = bob.getByTestId('unread-divider');
    await divider.waitFor();
    const next = bob.locator('[data-testid="unread-divider"] + [data-testid="message"]');
    assert.match((await next.textContent()) ?? '', new RegExp(first));
    assert.ok(await inListView(divider), 'the "New messages" line is in view');
    assert.ok(await inListView(next), 'the first unread message is in view under it');
    assert.equal(await bob.getByTestId('unread-bar').count(), 0, 'no bar while the line is in view');
    await waitTitle(bob, () => !document.title.startsWith('('), 'the open channel no longer counts in the title');

    // At the bottom, the bar says how many, and Jump brings the line back.
    await scrollToBottom(bob);
    const bar = bob.getByTestId('unread-bar');
    await bar.waitFor();
    assert.match((await bar.getByTestId('unread-bar-text').textContent()) ?? '', new RegExp(`^${UNREAD} new messages since `));
    await bar.getByTestId('unread-bar-jump').click();
    await bar.waitFor({ state: 'detached' });
    await bob.waitForFunction(() => {
      const line = document.querySelector('[data-testid="unread-divider"]');
      const list = document.querySelector('[data-testid="message-list"]');
      if (!line || !list) return false;
      const a = line.getBoundingClientRect();
      const b = list.getBoundingClientRect();
      return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
    });
    assert.match((await next.textContent()) ?? '', new RegExp(first));

    // "Mark as read" takes the bar and the line away.
    await scrollToBottom(bob);
    await bar.waitFor();
    await bar.getByTestId('unread-bar-mark-read').click();
    await bar.waitFor({ state: 'detached' });
    await divider.waitFor({ state: 'detached' });

    // Marked unread from a message, then Escape: read again, so leaving shows no count.
    const newest = bob.getByTestId('message').last();
    const last = ((await newest.getByTestId('message-body').textContent()) ?? '').match(/unread \d+-\d+ [0-9a-f]+/)?.[0];
    assert.ok(last, 'the newest message is one of the unread ones');
    await messageAction(messageWith(bob, last), 'mark-unread-button');
    await bob.locator('[data-testid="unread-divider"] + [data-testid="message"]').filter({ hasText: last }).waitFor();
    await lateReads.release();
    await bob.getByTestId('composer-input').click();
    const read = bob.waitForResponse((r) => r.url().endsWith('/read') && r.request().method() === 'POST');
    await bob.keyboard.press('Escape');
    await divider.waitFor({ state: 'detached' });
    await read;
    await bob.goto(`${BASE_URL}/c/general`);
    await waitConnected(bob);
    assert.equal(await row.getAttribute('data-unread'), '0', 'Escape moved the read point to the newest message');

    // Shift-Escape anywhere: everything read.
    await postAll(writers[1], channelId, [`later one ${run}`, `later two ${run}`]);
    await bob.locator(`[data-testid="sidebar-row"][data-unread="2"]`).filter({ has: bob.locator(`[data-slug="${channel}"]`) }).waitFor();
    await waitTitle(bob, () => document.title.startsWith('(2) '), 'the title counts two');
    await bob.keyboard.press('Shift+Escape');
    await bob.locator(`[data-testid="sidebar-row"][data-unread="0"]`).filter({ has: bob.locator(`[data-slug="${channel}"]`) }).waitFor();
    await waitTitle(bob, () => !document.title.startsWith('('), 'the title has no counts left');

    // The sidebar's "Mark all as read".
    await postAll(writers[2], channelId, [`one more ${run}`]);
    await bob.locator(`[data-testid="sidebar-row"][data-unread="1"]`).filter({ has: bob.locator(`[data-slug="${channel}"]`) }).waitFor();
    const heading = bob.locator('[data-testid="sidebar-section"][data-section="channels"] .section-heading');
    await heading.hover();
    await heading.getByTestId('section-menu-button').click();
    // Shown at once; the reload below must not cut the request short.
    const allRead = bob.waitForResponse((r) => r.url().endsWith('/sidebar/read') && r.request().method() === 'POST');
    await bob.getByTestId('mark-all-read').click();
    await bob.locator(`[data-testid="sidebar-row"][data-unread="0"]`).filter({ has: bob.locator(`[data-slug="${channel}"]`) }).waitFor();
    await allRead;
    // Saved on the server: a reload shows the same.
    await bob.reload();
    await waitConnected(bob);
    await channelRow(bob, channel).waitFor();
    assert.equal(await channelRow(bob, channel).getAttribute('data-unread'), '0');
  }),
);
