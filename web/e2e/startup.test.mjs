// Browser test: a signed-in page load fetches each thing once (issue 15 counted 21 API calls at
// start, the sidebar, drafts, presence and the channel twice each), and so does the catch-up after
// the live connection comes back. See helpers.mjs for what it needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, expectMessage, recordSockets, sendMessage, waitConnected, withBrowser } from './helpers.mjs';

/** At most this many things asked of the API (method and path) from page load until the first
 * channel is shown and settled. */
const MAX_STARTUP_REQUESTS = 11;
/** At most this many things asked of the API to catch up after a reconnect. */
const MAX_CATCH_UP_REQUESTS = 7;
/** Quiet for this long with nothing in flight: the page is settled. */
const QUIET_MS = 1_500;
/** A page that never settles within this fails. */
const SETTLE_TIMEOUT_MS = 20_000;

/** Records the page's API requests ("GET /api/v1/…?…", in order) until `stop()`. */
function recordRequests(page) {
  const seen = [];
  let inFlight = 0;
  let last = Date.now();
  const isApi = (request) => {
    const url = new URL(request.url());
    return url.origin === BASE_URL && (url.pathname.startsWith('/api/') || url.pathname.startsWith('/auth/'));
  };
  const onRequest = (request) => {
    if (!isApi(request)) return;
    const url = new URL(request.url());
    seen.push({ method: request.method(), path: url.pathname, query: url.search });
    inFlight += 1;
    last = Date.now();
  };
  const onDone = (request) => {
    if (!isApi(request)) return;
    inFlight -= 1;
    last = Date.now();
  };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  return {
    seen,
    /** Waits until no API request has been in flight for QUIET_MS (bounded). */
    async settled() {
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      while (inFlight > 0 || Date.now() - last < QUIET_MS) {
        assert.ok(Date.now() < deadline, `the page never settled:\n${list(seen)}`);
        await page.waitForTimeout(100);
      }
    },
    stop() {
      page.off('request', onRequest);
      page.off('requestfinished', onDone);
      page.off('requestfailed', onDone);
    },
  };
}

const list = (seen) => seen.map((r, i) => `  ${String(i + 1).padStart(2)}. ${r.method} ${r.path}${r.query}`).join('\n');

/**
 * Fails when a GET path was requested twice, a request repeated, or more than `max` things were
 * asked. The next
 * pages of a list (a `cursor` in the query: the members of a big channel) are not repeats and do
 * not count: how many there are depends on who else uses the stack.
 */
function assertOnce(seen, max, what) {
  const counts = new Map();
  const firsts = seen.filter((r) => !new URLSearchParams(r.query).has('cursor'));
  for (const r of firsts) if (r.method === 'GET') counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([path, n]) => `${path} (${n} times)`);
  assert.deepEqual(twice, [], `${what}: each GET path once; requests were:\n${list(seen)}`);
  const pages = new Set(seen.map((r) => `${r.method} ${r.path}${r.query}`));
  assert.equal(pages.size, seen.length, `${what}: no request repeated; requests were:\n${list(seen)}`);
  // What is asked, not how often: the user directory may look people up in more than one batch
  // as the members' pages arrive.
  const concerns = new Set(firsts.map((r) => `${r.method} ${r.path}`));
  assert.ok(concerns.size <= max, `${what}: at most ${max} things asked, asked ${concerns.size}:\n${list(seen)}`);
}

test('a signed-in page load fetches each thing once, and so does a reconnect', { timeout: 120_000 }, () =>
  withBrowser('startup', async ({ run, signInAs }) => {
    const page = await signInAs(`startup-${run}`);
    const text = `startup ${run}`;
    await sendMessage(page, text);
    await page.addInitScript(recordSockets);

    const load = recordRequests(page);
    await page.goto(`${BASE_URL}/c/general`);
    await expectMessage(page, text, 'the channel shows its messages after a reload');
    await waitConnected(page);
    await load.settled();
    load.stop();
    console.log(`startup: ${load.seen.length} API requests\n${list(load.seen)}`);
    assertOnce(load.seen, MAX_STARTUP_REQUESTS, 'startup');

    // The live connection drops and comes back: the page catches up, once.
    const catchUp = recordRequests(page);
    await page.evaluate(() => window.__sockets.at(-1).close());
    await page.locator('[data-testid="connection-state"]:not([data-state="connected"])').waitFor();
    await waitConnected(page);
    await catchUp.settled();
    catchUp.stop();
    console.log(`reconnect: ${catchUp.seen.length} API requests\n${list(catchUp.seen)}`);
    assertOnce(catchUp.seen, MAX_CATCH_UP_REQUESTS, 'reconnect');
  }),
);
