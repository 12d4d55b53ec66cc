// Browser test: axe-core on every screen, light and dark (issue 15: no serious or critical issue
// anywhere). Dark comes from the account's theme setting for the signed-in screens and from the
// device (colorScheme, the "system" theme) for the signed-out ones. It walks every screen,
// collects what axe finds, prints a table of counts and fails with the whole readable list.
// Needs the stack's environment (DYNAMODB_ENDPOINT, SES_ENDPOINT, UPLOADS_BUCKET): see helpers.mjs.
// PARLEY_A11Y_SHOTS=/some/folder also saves a screenshot of each screen checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildWorld } from './a11y-world.mjs';
import {
  BASE_URL,
  axeViolations,
  describeViolations,
  expectAccessible,
  failing,
  messageAction,
  messageWith,
  openProfile,
  waitConnected,
  withBrowser,
} from './helpers.mjs';
import { requireUploads } from './uploads.mjs';

/** A folder to save a screenshot of every screen checked in (to look at them), if set. */
const SHOTS = process.env.PARLEY_A11Y_SHOTS;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Collects axe's findings per screen; `report()` prints the counts, `assertClean()` fails. */
function findings() {
  const screens = [];
  return {
    async check(page, screen) {
      const violations = await axeViolations(page);
      screens.push({ screen, violations });
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/${screen.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}.png` });
    },
    report() {
      const lines = screens.map(({ screen, violations }) => {
        const bad = failing(violations);
        const ids = violations.map((v) => `${v.impact} ${v.id}×${v.nodes.length}`).join(', ');
        return `${String(bad.length).padStart(3)} serious/critical, ${String(violations.length - bad.length).padStart(2)} other  ${screen}${ids ? `  (${ids})` : ''}`;
      });
      console.log(`axe, per screen:\n${lines.join('\n')}`);
    },
    assertClean() {
      const bad = screens.filter(({ violations }) => failing(violations).length > 0);
      assert.equal(
        bad.length,
        0,
        `axe found serious or critical issues on ${bad.length} screen(s):\n` +
          bad.map(({ screen, violations }) => `${screen}:\n${describeViolations(failing(violations))}`).join('\n'),
      );
    },
  };
}

async function open(page, path, testId, { load = false } = {}) {
  if (!load && page.url().startsWith(`${BASE_URL}/`)) {
    // In the app already: move as its links do, without a page load. Every load mints a
    // WebSocket ticket, and one person loading pages faster than a human would meets the
    // ticket rate limit (30 a minute).
    await page.evaluate((to) => {
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  } else {
    await page.goto(`${BASE_URL}${path}`);
  }
  await page.getByTestId(testId).first().waitFor();
}

/** Opens a side panel with its header button, checks it, and closes it again. */
async function checkPanel(page, check, button, panel, screen) {
  await page.getByTestId(button).click();
  const shown = page.getByTestId(panel);
  await shown.waitFor();
  await check(page, screen);
  await shown.getByTestId('panel-close').click();
  await shown.waitFor({ state: 'detached' });
}

/** Opens a dialog with `how`, checks it, and closes it with Escape. */
async function checkDialog(page, check, how, dialog, screen) {
  await how();
  await page.getByTestId(dialog).waitFor();
  await check(page, screen);
  await page.keyboard.press('Escape');
  await page.getByTestId(dialog).waitFor({ state: 'detached' });
}

async function signedOutScreens(openPage, world, check, scheme) {
  const guest = await openPage(`guest-${scheme}`, { colorScheme: scheme });
  await open(guest, '/', 'signin-button');
  await check(guest, `sign-in (${scheme})`);
  await open(guest, '/forgot-password', 'forgot-password-page');
  await check(guest, `forgot password (${scheme})`);
  await open(guest, world.invitePath, 'invite-summary');
  await check(guest, `invite page (${scheme})`);
}

async function channelScreens(page, world, check, scheme) {
  await page.goto(`${BASE_URL}/c/${world.channel}`);
  await waitConnected(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="attachment-image"] img')?.naturalWidth > 0);
  await messageWith(page, world.edited).waitFor();
  await check(page, `channel with messages (${scheme})`);
  await messageWith(page, world.edited).hover();
  await check(page, `channel, a message's actions (${scheme})`);
  const picker = () => messageAction(messageWith(page, world.edited), 'add-reaction-button');
  await checkDialog(page, check, picker, 'emoji-picker', `emoji picker (${scheme})`);
  const image = () => page.getByTestId('attachment-image').click();
  await checkDialog(page, check, image, 'lightbox', `image viewer (${scheme})`);

  await messageWith(page, world.threadRoot).getByTestId('reply-summary').click();
  await page.getByTestId('thread-panel').getByTestId('thread-reply').waitFor();
  await check(page, `thread panel (${scheme})`);
  await page.getByTestId('thread-panel').getByTestId('panel-close').click();
  await page.getByTestId('thread-panel').waitFor({ state: 'detached' });

  await checkPanel(page, check, 'members-button', 'members-panel', `members panel (${scheme})`);
  await checkPanel(page, check, 'pins-button', 'pinned-panel', `pins panel (${scheme})`);
  await checkPanel(page, check, 'files-button', 'files-panel', `files panel (${scheme})`);

  const edited = () => messageWith(page, world.edited).getByTestId('message-edited').click();
  await checkDialog(page, check, edited, 'edit-history', `edit history (${scheme})`);
  await checkDialog(page, check, () => openProfile(page), 'profile-dialog', `profile dialog (${scheme})`);
  const switcher = async () => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('switcher-input').fill('a11y');
    await page.getByTestId('switcher-option').first().waitFor();
  };
  await checkDialog(page, check, switcher, 'quick-switcher', `quick switcher (${scheme})`);
  await checkDialog(page, check, () => page.keyboard.press('Control+/'), 'shortcut-sheet', `shortcut sheet (${scheme})`);
}

async function pageScreens(page, world, check, scheme) {
  await open(page, `/search?q=${encodeURIComponent(world.edited)}`, 'search-result');
  await check(page, `search results (${scheme})`);
  await open(page, `/search?q=${encodeURIComponent(world.bobName)}&tab=people`, 'search-person');
  await check(page, `search: people (${scheme})`);
  await open(page, `/search?q=${encodeURIComponent(world.channel)}&tab=channels`, 'search-channel');
  await check(page, `search: channels (${scheme})`);
  await open(page, '/search?q=screenshot&tab=files', 'search-file');
  await check(page, `search: files (${scheme})`);
  await open(page, `/d/${world.conversationId}`, 'message');
  await check(page, `direct message (${scheme})`);
  await open(page, '/browse', 'directory-row');
  await check(page, `browse channels (${scheme})`);
  await open(page, '/threads', 'thread-summary');
  await check(page, `threads (${scheme})`);
  await open(page, '/drafts', 'draft-row');
  await check(page, `drafts (${scheme})`);
  await open(page, '/admin', 'admin-person');
  await check(page, `admin: people (${scheme})`);
  await open(page, '/admin/settings', 'admin-settings');
  await check(page, `admin: settings (${scheme})`);
  await open(page, '/admin/invites', 'admin-invite');
  await check(page, `admin: invites (${scheme})`);
  await open(page, `/c/${world.peek}`, 'channel-preview');
  await page.getByTestId('preview-message').first().waitFor();
  await check(page, `channel preview (${scheme})`);

  await world.markBusyUnread();
  // A page load: the line is placed as the channel first opens in a visit.
  await open(page, `/c/${world.busy}`, 'unread-divider', { load: true });
  await check(page, `the "New messages" line (${scheme})`);
  await page.getByTestId('message-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.getByTestId('unread-bar').waitFor();
  await check(page, `unread bar (${scheme})`);
}

async function phoneScreens(signInAs, world, check, scheme) {
  const phone = await signInAs(world.aliceLogin, PHONE);
  await phone.goto(`${BASE_URL}/c/${world.channel}`);
  await waitConnected(phone);
  await messageWith(phone, world.edited).waitFor();
  await check(phone, `phone: channel, drawer closed (${scheme})`);
  await phone.locator('[data-testid="drawer-button"]:visible').click();
  await phone.locator('[data-testid="sidebar-drawer"][data-open="true"]').waitFor();
  await check(phone, `phone: drawer open (${scheme})`);
  await phone.keyboard.press('Escape');
  await phone.locator('[data-testid="sidebar-drawer"][data-open="false"]').waitFor({ state: 'attached' });
  await messageWith(phone, world.threadRoot).getByTestId('reply-summary').click();
  await phone.getByTestId('thread-panel').getByTestId('thread-reply').waitFor();
  await check(phone, `phone: thread screen (${scheme})`);
  await open(phone, '/admin', 'admin-person');
  await check(phone, `phone: admin people (${scheme})`);
  await open(phone, `/search?q=${encodeURIComponent(world.edited)}`, 'search-result');
  await check(phone, `phone: search results (${scheme})`);
}

test('axe finds no serious or critical issue on any screen, light or dark', { timeout: 600_000 }, (t) => {
  requireUploads();
  return withBrowser('accessibility', async ({ run, signInAs, openPage }) => {
    const world = await buildWorld(run, signInAs);
    const found = findings();
    const check = (page, screen) => found.check(page, screen);
    try {
      for (const scheme of ['light', 'dark']) {
        // The account's theme: light, then dark (on a light device, so only the setting darkens it).
        await world.setTheme(scheme);
        const alice = await signInAs(world.aliceLogin, { colorScheme: 'light' });
        await alice.waitForFunction((theme) => document.documentElement.dataset.theme === theme, scheme);
        await channelScreens(alice, world, check, scheme);
        await pageScreens(alice, world, check, scheme);
        await phoneScreens(signInAs, world, check, scheme);
        await signedOutScreens(openPage, world, check, scheme);
      }
    } finally {
      found.report();
    }
    t.diagnostic('axe ran on every screen');
    found.assertClean();
  });
});

test('the check itself fails, readably, on a low-contrast text, and waits out no endless animation', { timeout: 60_000 }, () =>
  withBrowser('accessibility-check', async ({ openPage }) => {
    const page = await openPage('guest');
    await open(page, '/', 'signin-button');
    await expectAccessible(page, 'sign-in');
    await page.evaluate(() => {
      const text = document.createElement('p');
      text.textContent = 'Barely readable';
      text.style.cssText = 'color: #bbbbbb; background: #ffffff';
      document.body.append(text);
      text.animate([{ opacity: 1 }, { opacity: 0.98 }], { duration: 1000, iterations: Infinity });
    });
    await assert.rejects(expectAccessible(page, 'sign-in with a grey line'), (err) => {
      assert.match(err.message, /1 serious or critical issue\(s\) on "sign-in with a grey line"/);
      assert.match(err.message, /\[serious\] color-contrast: .*\n\s+- body > p/);
      assert.match(err.message, /contrast of 1\.9/);
      return true;
    });
  }),
);
