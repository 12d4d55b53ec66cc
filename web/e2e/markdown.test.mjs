// Browser tests: message formatting that lets no HTML through. See helpers.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { twoPeople, withBrowser } from './helpers.mjs';

test('Markdown is formatted and HTML in a message stays text', { timeout: 120_000 }, () =>
  withBrowser('markdown', async ({ run, signInAs }) => {
    const { alice, bob } = await twoPeople(run, signInAs);
    const body =
      `**shipped** ${run} <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> ` +
      // Not ending on `~general`: Enter there would pick it from the channel suggestions.
      `[click](javascript:window.__pwned=1) ~general today`;
    await alice.getByTestId('composer-input').fill(body);
    await alice.getByTestId('composer-input').press('Enter');
    // Shown formatted: the asterisks are gone, so wait for the words.
    const shown = bob.getByTestId('message').filter({ hasText: `shipped ${run}` });
    await shown.locator('strong', { hasText: 'shipped' }).waitFor();
    const text = await shown.getByTestId('message-body').textContent();
    assert.match(text ?? '', /<script>window.__pwned=1<\/script>/);
    assert.equal(await shown.locator('img, script').count(), 0);
    assert.equal(await shown.locator('a[href^="javascript"]').count(), 0);
    assert.equal(await shown.getByTestId('channel-mention').getAttribute('href'), '/c/general');
    assert.equal(await bob.evaluate(() => window.__pwned), undefined);
  }),
);
