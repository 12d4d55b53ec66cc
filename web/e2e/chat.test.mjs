// Browser test: two people sign in through the local OIDC provider and chat live.
//
// Needs a running local gateway serving web/dist, the API and the WebSocket (PARLEY_E2E_URL, e.g.
// http://localhost:8080) and Debian's Chromium (CHROMIUM, default /usr/bin/chromium). `make test`
// sets both. Run with `npm run e2e`. On failure, screenshots go to web/test-results/.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = process.env.PARLEY_E2E_URL?.replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RESULTS_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));
/** How long a message may take to reach the other person. */
const LIVE_TIMEOUT_MS = 10_000;
/** Sign-in crosses two servers and several redirects. */
const SIGN_IN_TIMEOUT_MS = 20_000;

test('two people sign in and see each other’s messages live', { timeout: 120_000 }, async () => {
  assert.ok(
    BASE_URL,
    'PARLEY_E2E_URL is not set. It must be the URL of a running local gateway (e.g. ' +
      'http://localhost:8080); run this test through `make test`, which starts the stack and sets it.',
  );

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const run = randomBytes(4).toString('hex');
  const pages = {};
  const pageErrors = [];
  try {
    const alice = (pages.alice = await newPage(browser, `alice-${run}`, pageErrors));
    const bob = (pages.bob = await newPage(browser, `bob-${run}`, pageErrors));
    await signIn(alice, `alice-${run}`);
    await signIn(bob, `bob-${run}`);

    const aliceName = await currentUserName(alice);
    const bobName = await currentUserName(bob);
    assert.notEqual(aliceName, bobName, 'the two users should have different display names');

    // Alice sends with Enter; Bob sees it live, under Alice's name.
    const fromAlice = `Hello from Alice ${run} ${Date.now()}`;
    await alice.getByTestId('composer-input').fill(fromAlice);
    await alice.getByTestId('composer-input').press('Enter');
    await expectMessage(bob, fromAlice, aliceName, 'Bob should see the message Alice sent');

    // Bob answers with the Send button; Alice sees it live, under Bob's name.
    const fromBob = `Hi Alice, Bob here ${run} ${Date.now()}`;
    await bob.getByTestId('composer-input').fill(fromBob);
    await bob.getByTestId('composer-send').click();
    await expectMessage(alice, fromBob, bobName, 'Alice should see the message Bob sent');

    // Each message is shown once on each side (the optimistic copy was replaced, not duplicated).
    for (const page of [alice, bob]) {
      for (const body of [fromAlice, fromBob]) {
        assert.equal(await page.getByTestId('message').filter({ hasText: body }).count(), 1);
      }
    }
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
  } catch (err) {
    await screenshot(pages.bob, `chat-bob-${run}.png`);
    await screenshot(pages.alice, `chat-alice-${run}.png`);
    if (pageErrors.length > 0) console.error('Uncaught errors in the pages:\n' + pageErrors.join('\n'));
    throw err;
  } finally {
    await browser.close();
  }
});

/** A page in a browser context of its own (its own cookies: its own session). */
async function newPage(browser, label, pageErrors) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 750 } });
  const page = await context.newPage();
  page.setDefaultTimeout(SIGN_IN_TIMEOUT_MS);
  page.on('pageerror', (err) => pageErrors.push(`${label}: ${err.message}`));
  return page;
}

/** Signs in as a fresh user and waits for the live connection. */
async function signIn(page, login) {
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('signin-button').click();

  // The local OIDC provider's built-in login form: any login name, any password.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any-password');
  await page.locator('button[type="submit"]').click();

  await page.waitForURL((url) => url.href.startsWith(`${BASE_URL}/c/general`), {
    timeout: SIGN_IN_TIMEOUT_MS,
  });
  await page.getByTestId('current-user').waitFor();
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
  await page.getByTestId('message-list').waitFor();
}

async function currentUserName(page) {
  const name = (await page.getByTestId('current-user').textContent())?.trim();
  assert.ok(name, 'the signed-in user’s name should be shown');
  return name;
}

/** Waits (bounded) until `page` shows a message with `body` by `author`. */
async function expectMessage(page, body, author, what) {
  const item = page.getByTestId('message').filter({ hasText: body });
  try {
    await item
      .filter({ has: page.getByTestId('message-author').getByText(author, { exact: true }) })
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
  } catch (err) {
    const shown = await item.count();
    throw new Error(
      `${what} within ${LIVE_TIMEOUT_MS / 1000} s: ` +
        (shown
          ? `it appeared, but not under the name "${author}"`
          : `no message containing "${body}" appeared`),
      { cause: err },
    );
  }
  assert.equal(
    (await item.getByTestId('message-body').textContent())?.trim(),
    body,
    'the body should be shown as sent',
  );
}

async function screenshot(page, name) {
  if (!page) return;
  try {
    await mkdir(RESULTS_DIR, { recursive: true });
    const path = `${RESULTS_DIR}${name}`;
    await page.screenshot({ path, fullPage: true });
    console.error(`Screenshot: ${path}`);
  } catch (err) {
    console.error(`Could not take screenshot ${name}: ${err.message}`);
  }
}
