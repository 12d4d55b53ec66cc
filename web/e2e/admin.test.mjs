// Browser test: an admin changes a member's role and then deactivates them while they are signed
// in elsewhere; the member's page follows each change live and ends on the sign-in page. Also
// renames the workspace. See helpers.mjs for what it needs; besides PARLEY_E2E_URL this test
// needs the stack's environment (DYNAMODB_ENDPOINT...), which `make test` sets, to make its
// admin with `migrate grant-admin` (whoever signed in first on a shared stack is the admin).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { LIVE_TIMEOUT_MS, withBrowser } from './helpers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MIGRATE = process.env.PARLEY_MIGRATE || `${process.env.CARGO_TARGET_DIR || `${ROOT}target`}/debug/migrate`;

/** Makes the account with this email an admin, as an operator would. */
async function grantAdmin(email) {
  assert.ok(process.env.DYNAMODB_ENDPOINT, 'DYNAMODB_ENDPOINT is not set: load the stack env (.stack/<name>/env)');
  const { stdout } = await promisify(execFile)(MIGRATE, ['grant-admin', email, '--apply'], { env: process.env });
  assert.match(stdout, /admin/);
}

/** The admin directory's row of the person whose email starts with `login@`. */
function personRow(page, login) {
  return page.getByTestId('admin-person').filter({ hasText: `${login}@example.com` });
}

test('an admin demotes and then deactivates a signed-in member, who is cut off live', { timeout: 180_000 }, () =>
  withBrowser('admin', async ({ run, signInAs }) => {
    const adminLogin = `ada-${run}`;
    const admin = await signInAs(adminLogin);
    await grantAdmin(`${adminLogin}@example.com`);
    await admin.reload();
    await admin.getByTestId('admin-link').click();

    const memberLogin = `mel-${run}`;
    const member = await signInAs(memberLogin);
    assert.equal(await member.getByTestId('admin-link').count(), 0, 'members see no admin link');
    await member.getByTestId('sidebar-add-button').click();
    await member.getByRole('menu').getByTestId('create-channel-button').waitFor();
    await member.keyboard.press('Escape');

    await admin.getByTestId('admin-people-search').fill(memberLogin);
    const row = personRow(admin, memberLogin);
    await row.getByTestId('admin-person-status').getByText('Active').waitFor();

    // Made a guest: the member's page reconnects with the new role and loses what guests
    // may not do, without a reload.
    await row.getByTestId('admin-person-role').selectOption('guest');
    await member.getByTestId('browse-channels').waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    await member.getByTestId('sidebar-add-button').click();
    await member.getByRole('menu').getByTestId('new-dm-button').waitFor();
    assert.equal(await member.getByTestId('create-channel-button').count(), 0, 'guests may not create channels');
    await member.keyboard.press('Escape');
    assert.equal(await member.getByTestId('signin-button').count(), 0, 'a role change keeps them signed in');

    // Deactivated: the member's page lands on the sign-in page and says why.
    await row.getByTestId('admin-person-deactivate').click();
    await admin.getByTestId('admin-status-confirm').click();
    await admin
      .locator(`[data-testid="admin-person"][data-status="deactivated"]`)
      .filter({ hasText: `${memberLogin}@example.com` })
      .waitFor();
    await member.getByTestId('signin-button').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await member.getByTestId('signin-error').getByText('This account is deactivated').waitFor();

    // Reactivated: listed as active again.
    await row.getByTestId('admin-person-reactivate').click();
    await admin.getByTestId('admin-status-confirm').click();
    await row.getByTestId('admin-person-status').getByText('Active').waitFor();

    // The workspace's name, changed in settings, shows in the sidebar.
    await admin.getByTestId('admin-tab-settings').click();
    const name = admin.getByTestId('settings-name');
    await name.waitFor();
    const before = await name.inputValue();
    await name.fill('   ');
    await admin.getByTestId('settings-save').click();
    await admin.getByTestId('settings-error-name').waitFor();
    await name.fill(`Acme ${run}`);
    await admin.getByTestId('settings-save').click();
    await admin.getByTestId('settings-saved').waitFor();
    await admin.getByTestId('workspace-name').getByText(`Acme ${run}`).waitFor();
    // Put back, for the tests that share this stack.
    await name.fill(before);
    await admin.getByTestId('settings-save').click();
    await admin.getByTestId('workspace-name').getByText(before, { exact: true }).waitFor();
  }),
);
