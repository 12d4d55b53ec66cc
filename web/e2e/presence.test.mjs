// Browser tests: who is online, away or gone. See helpers.mjs for what they need.
import { test } from 'node:test';
import { sendMessage, twoPeople, withBrowser } from './helpers.mjs';

/** The app reports away after the tab has been hidden 15 s; allow for that and the trip. */
const AWAY_TIMEOUT_MS = 30_000;

test('who is online, away or gone shows on the other person’s screen', { timeout: 120_000 }, () =>
  withBrowser('presence', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const text = `Here I am ${run}`;
    await sendMessage(bob, text);
    const message = alice.getByTestId('message').filter({ hasText: text });
    await message.waitFor();
    const bobId = await message.getAttribute('data-author-id');
    const dot = (status) => alice.locator(`[data-testid="presence-dot"][data-user-id="${bobId}"][data-status="${status}"]`);
    await dot('online').first().waitFor();

    // Bob's tab goes to the background: away, after a while.
    await bob.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await dot('away').first().waitFor({ timeout: AWAY_TIMEOUT_MS });

    // Back: online again.
    await bob.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await dot('online').first().waitFor();

    // Bob closes the app: no dot at all.
    await bob.context().close();
    await alice.locator(`[data-testid="presence-dot"][data-user-id="${bobId}"]`).first().waitFor({ state: 'detached' });
  }),
);
