// Browser tests: the keyboard. The quick switcher (Ctrl-K), moving through the sidebar with
// Alt-Up/Down and to the next or previous unread with Alt-Shift-Down/Up, the shortcut sheet, and
// dialogs that keep the focus while open and give it back on closing. See helpers.mjs for what
// they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  channelRow,
  createChannel,
  currentUserName,
  expectMessage,
  sendMessage,
  sharedChannel,
  withBrowser,
  addMenu,
} from './helpers.mjs';

const switcher = (page) => page.getByTestId('quick-switcher');
const focusedTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Opens the switcher with Ctrl-K and types `text`; waits until `title` is the first match. */
async function switchTo(page, text, title) {
  await page.keyboard.press('Control+k');
  await switcher(page).waitFor();
  assert.equal(await focusedTestId(page), 'switcher-input', 'the focus is in the switcher');
  await page.keyboard.type(text);
  await page.locator(`[data-testid="switcher-option"][aria-selected="true"][data-title="${title}"]`).waitFor();
  await page.keyboard.press('Enter');
  await switcher(page).waitFor({ state: 'detached' });
}

/** Opens a channel in `page` and sends `body` there. */
async function writeIn(page, slug, body) {
  await page.goto(`${BASE_URL}/c/${slug}`);
  await page.getByTestId('composer-input').waitFor();
  await sendMessage(page, body);
}

/** The sidebar's rows, top to bottom, as parent ids. */
function rowIds(page) {
  return page
    .getByTestId('sidebar-row')
    .evaluateAll((rows) => rows.map((r) => ({ id: r.getAttribute('data-parent-id'), title: r.getAttribute('data-title') })));
}

test('the quick switcher: part of a name opens the channel, a person opens the DM, the previous one comes first', { timeout: 150_000 }, () =>
  withBrowser('switcher', async ({ run, signInAs }) => {
    const bob = await signInAs(`bob-${run}`);
    const bobName = await currentUserName(bob);
    const alice = await signInAs(`alice-${run}`);
    const alpha = `kb-alpha-${run}`;
    const beta = `kb-beta-${run}`;
    await createChannel(alice, alpha);
    await createChannel(alice, beta);

    // Letters in order, not together: "alph" and the run id land on the alpha channel.
    await switchTo(alice, `alph${run}`, alpha);
    await alice.waitForURL(`${BASE_URL}/c/${alpha}`);
    await alice.getByTestId('channel-title').getByText(alpha).waitFor();

    // With nothing typed, the channel opened before comes first: Ctrl-K, Enter goes back.
    await alice.keyboard.press('Control+k');
    await alice.locator(`[data-testid="switcher-option"][aria-selected="true"][data-title="${beta}"]`).waitFor();
    // Arrows move through the list and back.
    await alice.keyboard.press('ArrowDown');
    await alice.locator(`[data-testid="switcher-option"][aria-selected="true"][data-title="${beta}"]`).waitFor({ state: 'detached' });
    await alice.keyboard.press('ArrowUp');
    await alice.keyboard.press('Enter');
    await alice.waitForURL(`${BASE_URL}/c/${beta}`);

    // Esc closes it, and the focus goes back where it was (the message box).
    await alice.getByTestId('composer-input').focus();
    await alice.keyboard.press('Control+k');
    await switcher(alice).waitFor();
    await alice.keyboard.press('Escape');
    await switcher(alice).waitFor({ state: 'detached' });
    assert.equal(await focusedTestId(alice), 'composer-input');

    // A person: their direct message opens.
    await switchTo(alice, `bob-${run}`, bobName);
    await alice.waitForURL((url) => url.pathname.startsWith('/d/'));
    await alice.getByTestId('conversation-title').getByText(bobName).waitFor();
  }),
);

test('Alt-Up and Alt-Down move through the sidebar; Alt-Shift-Down and Alt-Shift-Up go to the next and previous unread', { timeout: 150_000 }, () =>
  withBrowser('sidebar-keys', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const bob = await signInAs(`bob-${run}`);
    // Named so that they sort next to each other, after #general.
    const first = `kbnav-a-${run}`;
    const second = `kbnav-b-${run}`;
    const third = `kbnav-c-${run}`;
    await sharedChannel(alice, [bob], first);
    await sharedChannel(alice, [bob], second);
    await sharedChannel(alice, [bob], third);

    // Alt-Down from the first goes to the row under it, Alt-Up comes back; in the message box too.
    await alice.goto(`${BASE_URL}/c/${first}`);
    await alice.getByTestId('composer-input').waitFor();
    const rows = await rowIds(alice);
    const at = rows.findIndex((r) => r.title === first);
    assert.equal(rows[at + 1]?.title, second, `the row under ${first}: ${JSON.stringify(rows)}`);
    await alice.getByTestId('composer-input').focus();
    await alice.keyboard.press('Alt+ArrowDown');
    await alice.waitForURL(`${BASE_URL}/c/${second}`);
    await alice.getByTestId('channel-title').getByText(second).waitFor();
    await alice.keyboard.press('Alt+ArrowUp');
    await alice.waitForURL(`${BASE_URL}/c/${first}`);

    // Bob writes in the second channel while Alice reads the first: Alt-Shift-Down skips nothing
    // read and lands there.
    await alice.goto(`${BASE_URL}/c/${third}`);
    await alice.getByTestId('composer-input').waitFor();
    await alice.goto(`${BASE_URL}/c/${first}`);
    await alice.getByTestId('composer-input').waitFor();
    const news = `Fresh news ${run}`;
    await writeIn(bob, second, news);
    await alice.locator(`[data-testid="sidebar-row"][data-title="${second}"][data-unread="1"]`).waitFor();
    await alice.keyboard.press('Alt+Shift+ArrowDown');
    await alice.waitForURL(`${BASE_URL}/c/${second}`);
    await expectMessage(alice, news, 'Alice sees the news');

    // Now the rows above and below her are unread: Alt-Shift-Up takes the one above.
    const older = `News above ${run}`;
    await writeIn(bob, first, older);
    await writeIn(bob, third, `News below ${run}`);
    for (const title of [first, third]) {
      await alice.locator(`[data-testid="sidebar-row"][data-title="${title}"][data-unread="1"]`).waitFor();
    }
    await alice.getByTestId('composer-input').focus();
    await alice.keyboard.press('Alt+Shift+ArrowUp');
    await alice.waitForURL(`${BASE_URL}/c/${first}`);
    await expectMessage(alice, older, 'Alice sees the news above');
    await alice.locator(`[data-testid="sidebar-row"][data-title="${third}"][data-unread="1"]`).waitFor();

  }),
);

test('the shortcut sheet opens with ? and Ctrl-/, and lists the shortcuts', { timeout: 90_000 }, () =>
  withBrowser('shortcut-sheet', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    const sheet = alice.getByTestId('shortcut-sheet');

    // In the message box `?` is a question mark.
    await alice.getByTestId('composer-input').focus();
    await alice.keyboard.type('why?');
    assert.equal(await alice.getByTestId('composer-input').inputValue(), 'why?');
    assert.equal(await sheet.count(), 0);

    // Ctrl-/ opens it from anywhere; it lists every shortcut, Esc closes it.
    await alice.keyboard.press('Control+/');
    await sheet.waitFor();
    const lines = await sheet.getByTestId('shortcut').allTextContents();
    for (const expected of [/K.*Jump to a channel/, /Alt.*↓.*Next channel/, /Alt.*Shift.*↓.*Next unread/, /\/Search/, /\?.*Show these shortcuts/]) {
      assert.ok(lines.some((line) => expected.test(line)), `the sheet lists ${expected}: ${JSON.stringify(lines)}`);
    }
    await alice.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    assert.equal(await focusedTestId(alice), 'composer-input', 'the focus is back in the message box');

    // `?` outside text fields opens it.
    await alice.getByTestId('channel-title').click();
    await alice.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await alice.keyboard.press('?');
    await sheet.waitFor();
  }),
);

test('a dialog keeps the focus while open and gives it back to what opened it', { timeout: 90_000 }, () =>
  withBrowser('focus-trap', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    await channelRow(alice, 'general').waitFor();
    // Opened from the "+" menu by keyboard: the menu's first item is "New channel".
    const opener = alice.getByTestId('sidebar-add-button');
    await opener.focus();
    await alice.keyboard.press('Enter');
    assert.equal(await focusedTestId(alice), 'create-channel-button', 'the menu opens on its first item');
    await alice.keyboard.press('Enter');
    const dialog = alice.getByRole('dialog');
    await dialog.waitFor();
    assert.equal(await focusedTestId(alice), 'channel-name-input', 'the focus starts in the name field');

    // Tab and Shift-Tab go round inside the dialog, however many times.
    const inside = () => alice.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
    for (let i = 0; i < 15; i++) {
      await alice.keyboard.press('Tab');
      assert.ok(await inside(), `Tab ${i + 1} kept the focus in the dialog`);
    }
    for (let i = 0; i < 15; i++) {
      await alice.keyboard.press('Shift+Tab');
      assert.ok(await inside(), `Shift-Tab ${i + 1} kept the focus in the dialog`);
    }
    await alice.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focusedTestId(alice), 'sidebar-add-button', 'the focus is back on the menu button');

    // The same after Cancel.
    await addMenu(alice, 'create-channel-button');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focusedTestId(alice), 'sidebar-add-button');
  }),
);
