// Shared by the browser tests (not a test file itself: node --test runs only *.test.mjs here).
// Needs PARLEY_E2E_URL (a running local gateway) and CHROMIUM (default /usr/bin/chromium).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.PARLEY_E2E_URL?.replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RESULTS_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));
/** How long something may take to reach another person live. */
export const LIVE_TIMEOUT_MS = 10_000;
/** Sign-in crosses two servers and several redirects. */
const SIGN_IN_TIMEOUT_MS = 20_000;

/**
 * Runs `body` with a fresh browser and a run id (to make names unique), then checks that no page
 * threw. On failure it saves a screenshot of every page opened through `signInAs`.
 */
export async function withBrowser(name, body) {
  assert.ok(
    BASE_URL,
    'PARLEY_E2E_URL is not set. It must be the URL of a running local gateway (e.g. ' +
      'http://localhost:8080); run the browser tests through `make test`, which starts the stack and sets it.',
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
  const pages = [];
  const pageErrors = [];
  // A page in a browser context of its own (its own cookies), not signed in. `device`: other
  // context options, e.g. a phone's `{ viewport, isMobile: true, hasTouch: true }`.
  const openPage = async (login, device = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...device });
    const page = await context.newPage();
    page.setDefaultTimeout(LIVE_TIMEOUT_MS);
    page.on('pageerror', (err) => pageErrors.push(`${login}: ${err.message}`));
    // The gateway sends the app's CSP (CloudFront's in AWS): anything it blocks is a bug.
    page.on('console', (message) => {
      const blocked = message.type() === 'error' && /Content Security Policy/i.test(message.text());
      if (blocked && page.url().startsWith(BASE_URL)) pageErrors.push(`${login}: ${message.text()}`);
    });
    pages.push({ login, page });
    return page;
  };
  const signInAs = async (login, device = {}) => {
    const page = await openPage(login, device);
    await signIn(page, login);
    return page;
  };
  try {
    await body({ run, signInAs, openPage });
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
  } catch (err) {
    for (const { login, page } of pages) await screenshot(page, `${name}-${login}.png`);
    if (pageErrors.length > 0) console.error('Uncaught errors in the pages:\n' + pageErrors.join('\n'));
    throw err;
  } finally {
    await browser.close();
  }
}

/** Signs in through the local OIDC provider (any login, any password) and waits for the live connection. */
async function signIn(page, login) {
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('signin-button').click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any-password');
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.href.startsWith(`${BASE_URL}/c/general`), { timeout: SIGN_IN_TIMEOUT_MS });
  await page.getByTestId('current-user').waitFor({ state: 'attached', timeout: SIGN_IN_TIMEOUT_MS });
  await waitConnected(page);
  await page.getByTestId('message-list').waitFor();
  // Attached, not necessarily shown: on a phone the sidebar is a closed drawer.
  await page.getByTestId('sidebar-section').first().waitFor({ state: 'attached' });
}

/** Opens the signed-in person's profile dialog from the account menu; the dialog. */
export async function openProfile(page) {
  await page.getByTestId('account-menu').click();
  await page.getByTestId('open-profile').click();
  const dialog = page.getByTestId('profile-dialog');
  await dialog.waitFor();
  return dialog;
}

export async function waitConnected(page) {
  await page
    .locator('[data-testid="connection-state"][data-state="connected"]')
    .waitFor({ state: 'attached', timeout: SIGN_IN_TIMEOUT_MS });
}

export async function currentUserName(page) {
  const name = (await page.getByTestId('current-user').textContent())?.trim();
  assert.ok(name, 'the signed-in user’s name should be shown');
  return name;
}

/** The sidebar row of a channel or conversation, found by id. */
export function sidebarRow(page, parentId) {
  return page.locator(`[data-testid="sidebar-row"][data-parent-id="${parentId}"]`);
}

/** The sidebar row of a channel, found by its slug. */
export function channelRow(page, slug) {
  return page.locator('[data-testid="sidebar-row"]').filter({
    has: page.locator(`[data-testid="channel-link"][data-slug="${slug}"]`),
  });
}

export function section(page, key) {
  return page.locator(`[data-testid="sidebar-section"][data-section="${key}"]`);
}

/** The id of the channel or conversation open at `/c/…` or `/d/…`, read from its sidebar row. */
export async function openRowId(page) {
  const row = page.locator('[data-testid="sidebar-row"]').filter({ has: page.locator('a.is-active') });
  await row.waitFor();
  return row.getAttribute('data-parent-id');
}

/** Opens the sidebar's "+" menu and picks an item: create-channel-button, new-dm-button, invite-button. */
export async function addMenu(page, item) {
  await page.getByTestId('sidebar-add-button').click();
  await page.getByRole('menu').getByTestId(item).click();
}

/**
 * Opens the open place's header menu and picks an item: for a channel channel-edit-button,
 * archive-button, unarchive-button, leave-button; for a group conversation (menu
 * conversation-menu-button) conversation-rename-button, conversation-add-button, leave-button.
 */
export async function headerMenu(page, item, menu = 'channel-menu-button') {
  await page.getByTestId(menu).click();
  await page.getByRole('menu').getByTestId(item).click();
}

/** Answers the in-app confirmation that is open: `confirm` true presses its danger button. */
export async function answerConfirm(page, confirm = true) {
  const dialog = page.getByTestId('confirm-dialog');
  await dialog.waitFor();
  await dialog.getByTestId(confirm ? 'confirm-ok' : 'confirm-cancel').click();
  await dialog.waitFor({ state: 'detached' });
}

/** Creates a channel through the dialog and waits until it is open. */
export async function createChannel(page, name, { type = 'public', description = '' } = {}) {
  await addMenu(page, 'create-channel-button');
  await page.getByTestId('channel-name-input').fill(name);
  await page.getByTestId(`channel-type-${type}`).check();
  if (description) await page.getByTestId('channel-description-input').fill(description);
  await page.getByTestId('create-channel-submit').click();
  await page.waitForURL(`${BASE_URL}/c/${name}`);
  await page.getByTestId('channel-title').getByText(name).waitFor();
  await channelRow(page, name).waitFor();
}

/** Opens a row's menu and picks an item (e.g. favorite-toggle). */
export async function rowMenu(page, row, item, extra = '') {
  await row.hover();
  await row.getByTestId('row-menu-button').click();
  await row.locator(`[data-testid="${item}"]${extra}`).click();
}

/** Picks people in the open user picker by searching for each login. */
export async function pickUsers(page, logins) {
  for (const login of logins) {
    await page.getByTestId('user-picker-input').fill(login);
    const option = page.getByTestId('user-picker-option').filter({ hasText: login });
    await option.first().click();
    await page.getByTestId('user-picker-selected').filter({ hasText: login }).waitFor();
  }
}

/**
 * Opens the direct conversation with `login` from the "+" menu (made on first use) and waits
 * until it shows: the address changes before the conversation renders, and a composer found in
 * between would be the last place's.
 */
export async function openDirect(page, login) {
  await addMenu(page, 'new-dm-button');
  await pickUsers(page, [login]);
  await page.getByTestId('new-dm-submit').click();
  await page.waitForURL(/\/d\//);
  await page.getByTestId('conversation-title').waitFor();
}

/** Sends a message from the composer and waits until the server confirmed it. */
export async function sendMessage(page, body) {
  await page.getByTestId('composer-input').fill(body);
  await page.getByTestId('composer-input').press('Enter');
  await page.getByTestId('message').filter({ hasText: body }).waitFor();
}

/** Waits until `page` shows a message containing `body`. */
export async function expectMessage(page, body, what) {
  try {
    await page.getByTestId('message').filter({ hasText: body }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  } catch (err) {
    throw new Error(`${what}: no message containing "${body}" within ${LIVE_TIMEOUT_MS / 1000} s`, { cause: err });
  }
}

/** Waits until `page` shows a system line with `text`. */
export async function expectSystemMessage(page, text, what) {
  try {
    await page.getByTestId('system-message').filter({ hasText: text }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
  } catch (err) {
    throw new Error(`${what}: no system message "${text}" within ${LIVE_TIMEOUT_MS / 1000} s`, { cause: err });
  }
}

/** The titles of a section's rows, top to bottom. */
export function rowTitles(page, key) {
  return section(page, key)
    .getByTestId('sidebar-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-title')));
}

/** Waits (bounded) until a section's rows are exactly `titles`, in order. */
export async function expectRowOrder(page, key, titles, what) {
  try {
    await page.waitForFunction(
      ({ key, titles }) => {
        const rows = document.querySelectorAll(
          `[data-testid="sidebar-section"][data-section="${key}"] [data-testid="sidebar-row"]`,
        );
        return JSON.stringify([...rows].map((r) => r.getAttribute('data-title'))) === JSON.stringify(titles);
      },
      { key, titles },
      { timeout: LIVE_TIMEOUT_MS },
    );
  } catch (err) {
    const shown = await rowTitles(page, key).catch(() => []);
    throw new Error(`${what}: expected ${JSON.stringify(titles)}, shown ${JSON.stringify(shown)}`, { cause: err });
  }
}

async function screenshot(page, name) {
  try {
    await mkdir(RESULTS_DIR, { recursive: true });
    const path = `${RESULTS_DIR}${name}`;
    await page.screenshot({ path, fullPage: true });
    console.error(`Screenshot: ${path}`);
  } catch (err) {
    console.error(`Could not take screenshot ${name}: ${err.message}`);
  }
}

/** Signs in two people (alice and bob, unique to the run) and opens `path` for both, connected. */
export async function twoPeople(run, signInAs, path = '/c/general') {
  const alice = await signInAs(`alice-${run}`);
  const bob = await signInAs(`bob-${run}`);
  for (const page of [alice, bob]) {
    await page.goto(`${BASE_URL}${path}`);
    await waitConnected(page);
  }
  return { alice, bob };
}

/** The message (in the list) that contains `text`. */
export function messageWith(page, text) {
  return page.getByTestId('message').filter({ hasText: text });
}

/**
 * The message `message` matched, found by its id from now on: one being edited no longer shows
 * its text (the edit box holds it as its value, which a text filter does not read).
 */
export async function byId(page, message) {
  const id = await message.getAttribute('data-message-id');
  return page.locator(`[data-testid="message"][data-message-id="${id}"]`);
}

/** Hovers a message and clicks one of its actions (e.g. `pin-button`). */
export async function messageAction(message, action) {
  await message.hover();
  await message.getByTestId(action).click();
}

/** Creates a public channel and lets `others` join it by opening it; all end up in it. */
export async function sharedChannel(owner, others, name) {
  await createChannel(owner, name);
  for (const page of others) {
    await page.goto(`${BASE_URL}/c/${name}`);
    await waitConnected(page);
    // Joining posts a line; reading it saves the read point, so nothing counts as unread.
    const read = page.waitForResponse((r) => r.url().endsWith('/read') && r.request().method() === 'POST');
    await page.getByTestId('channel-join-button').click();
    await page.getByTestId('composer-input').waitFor();
    await read;
  }
}

/**
 * An init script (`page.addInitScript(recordSockets)`) that keeps every WebSocket the page opens
 * in `window.__sockets`, so a test can drop one as a network would, or count reconnects.
 */
export function recordSockets() {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.__sockets.push(this);
    }
  };
}

const MIGRATE =
  process.env.PARLEY_MIGRATE ||
  `${process.env.CARGO_TARGET_DIR || fileURLToPath(new URL('../../target', import.meta.url))}/debug/migrate`;

/** Makes the account with this email an admin, as an operator would (on a shared stack the
 * first person to sign in is the admin, and that may be another test's). Needs the stack's
 * DYNAMODB_ENDPOINT. */
export async function grantAdmin(email) {
  assert.ok(process.env.DYNAMODB_ENDPOINT, 'DYNAMODB_ENDPOINT is not set: load the stack env (.stack/<name>/env)');
  const { stdout } = await promisify(execFile)(MIGRATE, ['grant-admin', email, '--apply'], { env: process.env });
  assert.match(stdout, /admin/);
}

export { axeViolations, describeViolations, expectAccessible, failing } from './axe.mjs';
