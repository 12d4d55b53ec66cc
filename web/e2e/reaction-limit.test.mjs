// Browser test: a reaction the server refuses (too many different ones) is taken back with a
// reason, leaving the others. See helpers.mjs for what it needs.
import { test } from 'node:test';
import { messageAction, messageWith, sendMessage, twoPeople, withBrowser } from './helpers.mjs';

// Sixteen different reactions is a message's limit; the seventeenth is refused.
const PICKS = [
  ['rocket', '🚀'], ['pizza', '🍕'], ['ghost', '👻'], ['robot', '🤖'], ['fire', '🔥'], ['cactus', '🌵'],
  ['doughnut', '🍩'], ['octopus', '🐙'], ['unicorn', '🦄'], ['watermelon', '🍉'], ['guitar', '🎸'],
  ['bicycle', '🚲'], ['cheese', '🧀'], ['avocado', '🥑'], ['mushroom', '🍄'], ['turtle', '🐢'],
];
const ONE_TOO_MANY = ['penguin', '🐧'];

async function pick(message, page, [search, emoji]) {
  await messageAction(message, 'add-reaction-button');
  const picker = page.getByTestId('emoji-picker');
  await picker.getByTestId('emoji-search').fill(search);
  await picker.locator(`[data-testid="emoji-option"][data-emoji="${emoji}"]`).click();
}

test('a reaction over the limit is taken back with a reason; the others stay', { timeout: 120_000 }, () =>
  withBrowser('reaction-limit', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const text = `Popular ${run}`;
    await sendMessage(alice, text);
    const onBobs = messageWith(bob, text);
    for (const entry of PICKS) {
      await pick(onBobs, bob, entry);
      await onBobs.locator(`[data-testid="reaction-chip"][data-emoji="${entry[1]}"][aria-pressed="true"]`).waitFor();
    }

    await pick(onBobs, bob, ONE_TOO_MANY);
    await onBobs.getByRole('alert').filter({ hasText: 'at most 16 different reactions' }).waitFor();
    await onBobs.locator(`[data-testid="reaction-chip"][data-emoji="${ONE_TOO_MANY[1]}"]`).waitFor({ state: 'detached' });
    // The sixteen are still there, for Alice too.
    for (const screen of [onBobs, messageWith(alice, text)]) {
      await screen.locator(`[data-testid="reaction-chip"][data-emoji="${PICKS[15][1]}"]`).waitFor();
      await screen.locator('[data-testid="reaction-chip"]').nth(15).waitFor();
    }
  }),
);
