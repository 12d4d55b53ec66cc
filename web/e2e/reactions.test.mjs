// Browser tests: reactions between two people. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currentUserName, expectMessage, messageAction, messageWith, sendMessage, twoPeople, withBrowser } from './helpers.mjs';

const chip = (message, emoji) => message.locator(`[data-testid="reaction-chip"][data-emoji="${emoji}"]`);

test('a reaction shows on the other person’s screen with who reacted, and toggles', { timeout: 120_000 }, () =>
  withBrowser('reactions', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const bobName = await currentUserName(bob);
    const text = `React to me ${run}`;
    await sendMessage(alice, text);
    await expectMessage(bob, text, 'Bob should see Alice’s message');

    const onBobs = messageWith(bob, text);
    await onBobs.hover();
    await onBobs.locator('[data-testid="reaction-button"][data-emoji="🎉"]').click();
    // Bob's own chip is pressed; Alice sees it live, with his name in the tooltip.
    await onBobs.locator('[data-testid="reaction-chip"][data-emoji="🎉"][aria-pressed="true"]').waitFor();
    const onAlices = messageWith(alice, text);
    await chip(onAlices, '🎉').waitFor();
    assert.equal((await chip(onAlices, '🎉').textContent())?.trim(), '🎉 1');
    assert.equal(await chip(onAlices, '🎉').getAttribute('aria-pressed'), 'false');
    // His name may still be on its way to Alice's page (the chip shows '…' until then).
    await onAlices.locator(`[data-testid="reaction-chip"][data-emoji="🎉"][title*="${bobName}"]`).waitFor();

    // Alice adds hers by clicking the chip: 2 for both; Bob takes his back: 1 left, Alice's.
    await chip(onAlices, '🎉').click();
    await chip(onBobs, '🎉').filter({ hasText: '2' }).waitFor();
    assert.match((await chip(onBobs, '🎉').getAttribute('title')) ?? '', /and you/);
    await chip(onBobs, '🎉').click();
    await onAlices.locator('[data-testid="reaction-chip"][data-emoji="🎉"][aria-pressed="true"]', { hasText: '1' }).waitFor();
    await chip(onBobs, '🎉').filter({ hasText: '1' }).waitFor();
  }),
);

test('any emoji from the picker, and :shortcodes: in the composer', { timeout: 120_000 }, () =>
  withBrowser('emoji', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const text = `Launch day ${run}`;
    await sendMessage(alice, text);

    // Bob picks 🚀 by searching the picker.
    const onBobs = messageWith(bob, text);
    await messageAction(onBobs, 'add-reaction-button');
    const picker = bob.getByTestId('emoji-picker');
    await picker.getByTestId('emoji-search').fill('rocket');
    await picker.locator('[data-testid="emoji-option"][data-emoji="🚀"]').click();
    await chip(messageWith(alice, text), '🚀').waitFor();

    // Alice writes :tad and picks 🎉 from the completion; :+1: typed out becomes 👍.
    const input = alice.getByTestId('composer-input');
    await input.pressSequentially(`Done ${run} :tad`);
    await alice.locator('[data-testid="emoji-completion-option"][data-emoji="🎉"]').click();
    await input.pressSequentially(':+1:');
    assert.equal(await input.inputValue(), `Done ${run} 🎉 👍`);
    await input.press('Enter');
    await expectMessage(bob, `Done ${run} 🎉 👍`, 'Bob should see the emoji');
  }),
);
