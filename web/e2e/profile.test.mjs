// Browser test: one person sets a custom status and a time zone in the profile dialog; the other
// sees the emoji beside their name live, with the words on hover and the local time in the
// person's card; a refused status shows its error beside the field; clearing takes it away live;
// a chosen theme applies at once and is kept on the server.
// See helpers.mjs for what it needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LIVE_TIMEOUT_MS,
  expectMessage,
  openProfile,
  pickUsers,
  sendMessage,
  withBrowser,
  addMenu,
} from './helpers.mjs';

test('a status set in the profile shows beside the name for others, live, until cleared', { timeout: 180_000 }, () =>
  withBrowser('profile', async ({ run, signInAs }) => {
    const pia = await signInAs(`pia-${run}`);
    const quinn = await signInAs(`quinn-${run}`);
    const hello = `hello from pia ${run}`;
    await sendMessage(pia, hello);
    await expectMessage(quinn, hello, 'quinn sees pia’s message');
    const piasMessage = quinn.getByTestId('message').filter({ hasText: hello });
    const piasEmoji = piasMessage.getByTestId('status-emoji');
    assert.equal(await piasEmoji.count(), 0, 'no status yet');

    // Pia's name is her sign-in provider's: shown, not editable.
    let dialog = await openProfile(pia);
    assert.equal(await dialog.getByTestId('profile-name-input').getAttribute('readonly'), '');
    await dialog.getByTestId('profile-name-note').waitFor();
    await dialog.getByTestId('profile-time-zone').selectOption('Asia/Tokyo');
    await dialog.getByTestId('status-emoji-button').click();
    await dialog.locator('[data-testid="emoji-option"][data-emoji="🌴"]').first().click();
    await dialog.getByTestId('status-text-input').fill(`On holiday ${run}`);
    await dialog.getByTestId('status-clear-after').selectOption('4h');
    await dialog.getByTestId('profile-save').click();
    await dialog.waitFor({ state: 'detached' });
    await pia.locator('.current-user [data-testid="status-emoji"]').getByText('🌴').waitFor();

    // Quinn sees it beside Pia's name without reloading, with the words and "until" on hover.
    await piasEmoji.getByText('🌴').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const title = await piasEmoji.getAttribute('title');
    assert.match(title, new RegExp(`^On holiday ${run} \\(until .+\\)$`));
    // Her card tells her local time in Tokyo.
    await piasMessage.getByTestId('message-author').click();
    const card = quinn.getByTestId('profile-card');
    await card.getByTestId('profile-card-status').getByText(`On holiday ${run}`).waitFor();
    const local = card.getByTestId('profile-local-time');
    await local.waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert.equal(await local.getAttribute('data-time-zone'), 'Asia/Tokyo');
    const tokyo = (at) =>
      new Intl.DateTimeFormat(undefined, { timeZone: 'Asia/Tokyo', hour: 'numeric', minute: '2-digit' }).format(at);
    const shown = (await local.textContent()).replace(' local time', '');
    // The minute may turn between the two readings.
    assert.ok([tokyo(new Date()), tokyo(new Date(Date.now() - 60_000))].includes(shown), `${shown} is Tokyo time`);
    await quinn.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });

    // In the channel's member list, and in a direct message with her: the emoji by her name,
    // and her status and local time under the conversation's title.
    const piaId = await piasMessage.getAttribute('data-author-id');
    await quinn.getByTestId('members-button').click();
    await quinn
      .locator(`[data-testid="member-row"][data-user-id="${piaId}"] [data-testid="status-emoji"]`)
      .getByText('🌴')
      .waitFor();
    await quinn.getByTestId('members-button').click();
    await quinn.getByTestId('member-row').first().waitFor({ state: 'detached' });
    await addMenu(quinn, 'new-dm-button');
    await pickUsers(quinn, [`pia-${run}`]);
    await quinn.getByTestId('new-dm-submit').click();
    const details = quinn.getByTestId('person-details');
    await details.getByText(`On holiday ${run}`, { exact: false }).waitFor();
    assert.match(await details.textContent(), /local time$/);
    const dmRowEmoji = quinn.locator(`[data-testid="sidebar-row"] [data-testid="status-emoji"][data-user-id="${piaId}"]`);
    await dmRowEmoji.waitFor();

    // A status too long is refused by the server, its message beside the text.
    dialog = await openProfile(pia);
    await dialog.getByTestId('status-text-input').fill('x'.repeat(70));
    await dialog.getByTestId('profile-save').click();
    await dialog.getByTestId('profile-error-text').getByText('at most 64 characters', { exact: false }).waitFor();
    assert.equal(await dmRowEmoji.getAttribute('title'), title, 'the refused status changed nothing');

    // Clearing it takes it away for Quinn too.
    await dialog.getByTestId('status-clear').click();
    await dialog.waitFor({ state: 'detached' });
    await dmRowEmoji.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    await details.getByText('On holiday', { exact: false }).waitFor({ state: 'detached' });
    assert.match(await details.textContent(), /^\S+.* local time$/, 'her local time stays');
    await pia.locator('.current-user [data-testid="status-emoji"]').waitFor({ state: 'detached' });
  }),
);

test('a status goes from the other person’s screen at its clearing time, with nothing sent', { timeout: 120_000 }, () =>
  withBrowser('profile-expiry', async ({ run, signInAs }) => {
    const uma = await signInAs(`uma-${run}`);
    const vic = await signInAs(`vic-${run}`);
    const hello = `hello from uma ${run}`;
    await sendMessage(uma, hello);
    await expectMessage(vic, hello, 'vic sees uma’s message');
    const umasEmoji = vic.getByTestId('message').filter({ hasText: hello }).getByTestId('status-emoji');

    // The form's shortest choice is 30 minutes: Uma's page sets one of a few seconds through the
    // API itself, with an access token of its own from the session cookie.
    const clearAt = await uma.evaluate(async () => {
      const refreshed = await fetch('/auth/token/refresh', { method: 'POST', credentials: 'same-origin' });
      const { accessToken } = await refreshed.json();
      const clearAt = new Date(Date.now() + 4000).toISOString();
      const set = await fetch('/api/v1/users/me/status', {
        method: 'PUT',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ emoji: '☕', text: 'Back soon', clearAt }),
      });
      if (!set.ok) throw new Error(`the status was refused: ${set.status} ${await set.text()}`);
      return clearAt;
    });
    await umasEmoji.getByText('☕').waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert.equal(Date.parse(await umasEmoji.getAttribute('data-clear-at')), Date.parse(clearAt));
    // No event comes when it expires: Vic's page takes it away by itself, on time.
    await umasEmoji.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    const late = Date.now() - Date.parse(clearAt);
    assert.ok(late >= -250 && late < 2000, `gone ${late} ms after its time`);
  }),
);

test('a chosen theme applies at once, outlasts a reload and goes back to the device’s', { timeout: 120_000 }, () =>
  withBrowser('profile-theme', async ({ run, signInAs }) => {
    const wes = await signInAs(`wes-${run}`);
    const background = () => wes.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const theme = () => wes.evaluate(() => document.documentElement.dataset.theme ?? 'system');
    // The browser here prefers light: the app follows it until told otherwise.
    assert.equal(await theme(), 'system');
    const light = await background();

    let dialog = await openProfile(wes);
    const saved = wes.waitForResponse((r) => r.url().endsWith('/api/v1/users/me') && r.request().method() === 'PATCH');
    await dialog.getByTestId('profile-theme-dark').check();
    assert.equal((await saved).status(), 200);
    assert.equal(await theme(), 'dark');
    const dark = await background();
    assert.notEqual(dark, light, 'the page turned dark');
    await wes.keyboard.press('Escape');

    // Kept on the server: a reload (any device) opens dark.
    await wes.reload();
    await wes.getByTestId('message-list').waitFor();
    assert.equal(await theme(), 'dark');
    assert.equal(await background(), dark);

    dialog = await openProfile(wes);
    assert.ok(await dialog.getByTestId('profile-theme-dark').isChecked());
    await dialog.getByTestId('profile-theme-system').check();
    await wes.waitForFunction(() => document.documentElement.dataset.theme === undefined);
    assert.equal(await background(), light);
  }),
);
