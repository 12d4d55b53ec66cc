// Browser tests: the look-and-feel pieces that change behaviour: the sidebar's "+" menu (a real
// menu by keyboard), the in-app confirmation for deleting, `:shortcode:` on send, highlighted code
// and "(edited)" at the end of the text. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  answerConfirm,
  byId,
  channelRow,
  createChannel,
  expectMessage,
  messageAction,
  messageWith,
  sendMessage,
  twoPeople,
  withBrowser,
} from './helpers.mjs';

const focusedTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

test('the "+" menu is a menu by keyboard and creates a channel', { timeout: 120_000 }, () =>
  withBrowser('look-add-menu', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`);
    await channelRow(alice, 'general').waitFor();
    const plus = alice.getByTestId('sidebar-add-button');
    assert.equal(await plus.getAttribute('aria-haspopup'), 'menu');
    assert.ok(await plus.getAttribute('aria-label'), 'the icon button has a name');

    await plus.focus();
    await alice.keyboard.press('Enter');
    const menu = alice.getByRole('menu');
    await menu.waitFor();
    assert.equal(await focusedTestId(alice), 'create-channel-button', 'the first item has the focus');
    await alice.keyboard.press('ArrowDown');
    assert.equal(await focusedTestId(alice), 'new-dm-button');
    await alice.keyboard.press('End');
    assert.equal(await focusedTestId(alice), 'invite-button', 'members may invite by default');
    await alice.keyboard.press('ArrowDown');
    assert.equal(await focusedTestId(alice), 'create-channel-button', 'the arrows wrap round');
    await alice.keyboard.press('ArrowUp');
    assert.equal(await focusedTestId(alice), 'invite-button');
    await alice.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    assert.equal(await focusedTestId(alice), 'sidebar-add-button', 'Escape gives the focus back');
    assert.equal(new URL(alice.url()).pathname, '/c/general', 'Escape in the menu does nothing else');

    const name = `plus-${run}`;
    await createChannel(alice, name);
    await channelRow(alice, name).waitFor();
  }),
);

test('deleting a message asks in the page, never through the browser', { timeout: 120_000 }, () =>
  withBrowser('look-confirm', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const browserDialogs = [];
    alice.on('dialog', (dialog) => {
      browserDialogs.push(dialog.type());
      void dialog.dismiss();
    });
    const text = `Delete me ${run}`;
    await sendMessage(alice, text);
    await expectMessage(bob, text, 'Bob should see the message');

    // Cancel (focused first) keeps it.
    await messageAction(messageWith(alice, text), 'delete-button');
    const dialog = alice.getByTestId('confirm-dialog');
    await dialog.waitFor();
    assert.equal(await focusedTestId(alice), 'confirm-cancel', 'Cancel has the focus first');
    assert.match(await dialog.getByRole('heading').textContent(), /Delete this message\?/);
    await alice.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await messageWith(alice, text).getByTestId('deleted-message').count(), 0, 'Cancel deleted nothing');

    // Escape too.
    await messageAction(messageWith(alice, text), 'delete-button');
    await dialog.waitFor();
    await alice.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Confirmed: deleted for both.
    const id = await messageWith(alice, text).getAttribute('data-message-id');
    await messageAction(messageWith(alice, text), 'delete-button');
    await answerConfirm(alice);
    await bob.locator(`[data-message-id="${id}"] [data-testid="deleted-message"]`).waitFor();
    assert.deepEqual(browserDialogs, [], 'no window.confirm');
  }),
);

test(':shortcode: is sent as the emoji, outside code; unknown ones stay', { timeout: 120_000 }, () =>
  withBrowser('look-shortcodes', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    // Typed in one go (as a paste would be): the composer did not swap anything while typing.
    await alice.getByTestId('composer-input').fill(`Shipped :tada: ${run} :nosuchemoji: \`:tada:\` at 10:30:45 ok`);
    await alice.getByTestId('composer-input').press('Enter');
    const expected = `Shipped 🎉 ${run} :nosuchemoji: :tada: at 10:30:45 ok`;
    await expectMessage(bob, expected, 'Bob should get the emoji');
    const body = await messageWith(bob, run).getByTestId('message-body').textContent();
    assert.equal(body, expected);
    assert.equal(await messageWith(bob, run).locator('code').textContent(), ':tada:', 'code keeps the shortcode');

    // An edit is turned too.
    const mine = messageWith(alice, run);
    await messageAction(mine, 'edit-button');
    await mine.getByTestId('edit-input').fill(`Shipped :rocket: ${run}`);
    await mine.getByTestId('edit-input').press('Enter');
    await expectMessage(bob, `Shipped 🚀 ${run}`, 'Bob should see the edited emoji');
  }),
);

test('a fenced rust block is highlighted; "(edited)" ends the last line', { timeout: 120_000 }, () =>
  withBrowser('look-code', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const code = `Build ${run}:\n\`\`\`rust\nfn main() {\n    let answer: u32 = 42; // <b>not bold</b>\n}\n\`\`\``;
    await alice.getByTestId('composer-input').fill(code);
    await alice.getByTestId('composer-input').press('Enter');
    const block = messageWith(bob, `Build ${run}`).locator('[data-testid="code-block"][data-language="rust"][data-highlighted]');
    await block.waitFor();
    const keywords = await block.locator('.hljs-keyword').allTextContents();
    assert.ok(keywords.includes('fn') && keywords.includes('let'), `keywords highlighted: ${keywords}`);
    assert.ok((await block.locator('.hljs-comment').textContent()).includes('<b>not bold</b>'), 'markup stays text');
    assert.equal(await block.locator('b').count(), 0);

    // A one-word message, edited: "(edited)" shares its line.
    await sendMessage(alice, `word${run}`);
    const word = await byId(alice, messageWith(alice, `word${run}`));
    await messageAction(word, 'edit-button');
    await word.getByTestId('edit-input').fill(`Word${run}`);
    await word.getByTestId('edit-input').press('Enter');
    const edited = messageWith(bob, `Word${run}`).getByTestId('message-edited');
    await edited.waitFor();
    const sameLine = await edited.evaluate((el) => {
      const p = el.closest('p');
      if (!p) return false;
      const line = parseFloat(getComputedStyle(p).lineHeight);
      return p.getBoundingClientRect().height < line * 1.5;
    });
    assert.ok(sameLine, '"(edited)" is inside the paragraph, on its one line');
    // It still opens the edit history.
    await edited.click();
    await bob.getByRole('dialog').waitFor();
    await bob.keyboard.press('Escape');
    assert.equal(new URL(bob.url()).origin, BASE_URL);
  }),
);
