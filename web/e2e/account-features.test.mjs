// Browser tests: what the API had and the app now shows: choosing one's handle, the Drafts
// view, pending invites for admins (list, revoke), and ~channel completion in the composer.
// The invites test needs the stack's environment (DYNAMODB_ENDPOINT for grant-admin).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  createChannel,
  grantAdmin,
  messageWith,
  openProfile,
  waitConnected,
  withBrowser,
  addMenu,
} from './helpers.mjs';

test('a handle is chosen in the profile; one someone else has is refused beside the field', { timeout: 120_000 }, () =>
  withBrowser('handle', async ({ run, signInAs }) => {
    const rita = await signInAs(`rita-${run}`);
    const sam = await signInAs(`sam-${run}`);
    const wanted = `rita_${run}`.toLowerCase().slice(0, 40);

    let dialog = await openProfile(rita);
    await dialog.getByTestId('profile-handle-input').fill(wanted);
    await dialog.getByTestId('profile-handle-save').click();
    await dialog.getByTestId('profile-handle-saved').filter({ hasText: `@${wanted}` }).waitFor();
    await rita.keyboard.press('Escape');

    // Sam asks for the same one: refused, with the reason beside the field; his stays.
    dialog = await openProfile(sam);
    const before = await dialog.getByTestId('profile-handle-input').inputValue();
    await dialog.getByTestId('profile-handle-input').fill(wanted);
    await dialog.getByTestId('profile-handle-input').press('Enter');
    await dialog.getByTestId('profile-error-handle').filter({ hasText: 'someone already has that handle' }).waitFor();
    await sam.keyboard.press('Escape');
    dialog = await openProfile(sam);
    assert.equal(await dialog.getByTestId('profile-handle-input').inputValue(), before);
    await sam.keyboard.press('Escape');

    // Others mention Rita by her new handle.
    await sam.getByTestId('composer-input').pressSequentially(`@${wanted.slice(0, -1)}`);
    await sam.locator(`[data-testid="mention-option"][data-handle="${wanted}"]`).waitFor();
  }),
);

test('the Drafts view lists unsent drafts with their place and opens them', { timeout: 120_000 }, () =>
  withBrowser('drafts-view', async ({ run, signInAs }) => {
    const tom = await signInAs(`tom-${run}`);
    const name = `notes-${run}`;
    await createChannel(tom, name);
    const text = `an unfinished idea ${run}`;
    const saved = tom.waitForResponse((r) => r.url().endsWith('/api/v1/drafts') && r.request().method() === 'PUT');
    await tom.getByTestId('composer-input').fill(text);
    await saved;

    await tom.getByTestId('drafts-link').click();
    await tom.waitForURL(`${BASE_URL}/drafts`);
    const row = tom.getByTestId('draft-row').filter({ hasText: text });
    await row.filter({ hasText: `#${name}` }).waitFor();
    await row.getByTestId('draft-open').click();
    await tom.waitForURL(`${BASE_URL}/c/${name}`);
    await tom.waitForFunction((t) => document.querySelector('[data-testid="composer-input"]')?.value === t, text);

    // Sent, it leaves the list.
    await tom.getByTestId('composer-input').press('Enter');
    await messageWith(tom, text).waitFor();
    await tom.getByTestId('drafts-link').click();
    await tom.getByTestId('drafts-empty').waitFor();
  }),
);

test('an admin sees pending invites and revokes one', { timeout: 120_000 }, () =>
  withBrowser('invites-admin', async ({ run, signInAs }) => {
    const login = `una-${run}`;
    const admin = await signInAs(login);
    await grantAdmin(`${login}@example.com`);
    await admin.reload();
    await waitConnected(admin);
    const email = `vic-${run}@example.com`;
    await addMenu(admin, 'invite-button');
    await admin.getByTestId('invite-email').fill(email);
    await admin.getByTestId('invite-submit').click();
    await admin.getByTestId('invite-sent').getByText(email).waitFor();
    await admin.getByTestId('invite-dialog').getByRole('button', { name: 'Done' }).click();

    await admin.goto(`${BASE_URL}/admin/invites`);
    const row = admin.getByTestId('admin-invite').filter({ hasText: email });
    await row.waitFor();
    await row.getByTestId('admin-invite-revoke').click();
    const deleted = admin.waitForResponse((r) => r.url().includes('/api/v1/invites/') && r.request().method() === 'DELETE');
    await admin.getByTestId('admin-revoke-confirm').click();
    assert.equal((await deleted).status(), 204);
    await row.waitFor({ state: 'detached' });
    // Gone on the server too: a reload does not bring it back.
    await admin.reload();
    // Loaded (an empty list shows nothing, so it is waited for as present, not visible).
    await admin.locator('[data-testid="admin-invites"][aria-busy="false"]').waitFor({ state: 'attached' });
    assert.equal(await admin.getByTestId('admin-invite').filter({ hasText: email }).count(), 0);
  }),
);

test('~ completes a channel name and the message links to it', { timeout: 120_000 }, () =>
  withBrowser('channel-completion', async ({ run, signInAs }) => {
    const wes = await signInAs(`wes-${run}`);
    const name = `road-map-${run}`;
    await createChannel(wes, name);
    await wes.goto(`${BASE_URL}/c/general`);
    await waitConnected(wes);
    const input = wes.getByTestId('composer-input');
    await input.pressSequentially(`see ~road-m`);
    const option = wes.locator(`[data-testid="channel-option"][data-slug="${name}"]`);
    await option.waitFor();
    // The keyboard picks it, as for mentions.
    for (let i = 0; i < 8 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await input.press('ArrowDown');
    assert.equal(await option.getAttribute('aria-selected'), 'true');
    await input.press('Enter');
    assert.equal(await input.inputValue(), `see ~${name} `);
    await input.pressSequentially(`for the plan ${run}`);
    await input.press('Enter');
    const sent = messageWith(wes, `for the plan ${run}`);
    await sent.getByTestId('channel-mention').click();
    await wes.waitForURL(`${BASE_URL}/c/${name}`);
  }),
);
