// Screenshots of the look-and-feel pieces for a person to look at (not a test: node --test runs
// only *.test.mjs): messages with actions, a highlighted code block and edited messages, the
// sidebar's "+" menu, the channel menu and the confirmations, at desktop, tablet and phone sizes,
// light and dark. Usage: PARLEY_E2E_URL=... node e2e/look-shots.mjs [desktop|tablet|phone]
// (into LOOK_SHOTS, default /tmp/look-shots).
import { mkdir } from 'node:fs/promises';
import { BASE_URL, byId, createChannel, messageAction, messageWith, sendMessage, withBrowser } from './helpers.mjs';

const SIZES = { desktop: { width: 1280, height: 800 }, tablet: { width: 768, height: 1024 }, phone: { width: 390, height: 844 } };
const OUT = process.env.LOOK_SHOTS || '/tmp/look-shots';
const only = process.argv[2];

await mkdir(OUT, { recursive: true });
await withBrowser('shots', async ({ run, signInAs }) => {
  const alice = await signInAs(`alice-${run}`);
  const channel = `look-${run}`;
  await createChannel(alice, channel, { description: 'Where the look is checked' });
  await sendMessage(alice, 'One');
  await alice.getByTestId('composer-input').fill('Here is the fix:\n```rust\nfn main() {\n    let answer: u32 = 42; // the answer\n    println!("{answer}");\n}\n```');
  await alice.getByTestId('composer-input').press('Enter');
  await alice.getByTestId('composer-input').fill('A longer message that goes on for a while so that it wraps onto a second line in the list, and then a little more text to make sure it really does wrap :tada:');
  await alice.getByTestId('composer-input').press('Enter');
  await messageWith(alice, 'A longer message').waitFor();
  for (const [text, next] of [['One', 'Done'], ['A longer message', 'A longer message that goes on for a while so that it wraps onto a second line in the list, and then a little more text to make sure it really does wrap, edited']]) {
    const m = await byId(alice, messageWith(alice, text).first());
    await messageAction(m, 'edit-button');
    await m.getByTestId('edit-input').fill(next);
    await m.getByTestId('edit-input').press('Enter');
  }
  await alice.getByTestId('composer-input').fill('- first\n- second item');
  await alice.getByTestId('composer-input').press('Enter');
  const list = await byId(alice, messageWith(alice, 'second item'));
  await messageAction(list, 'edit-button');
  await list.getByTestId('edit-input').fill('- first\n- second item, edited');
  await list.getByTestId('edit-input').press('Enter');
  await alice.locator('[data-testid="code-block"][data-highlighted]').waitFor();
  await alice.getByTestId('message-edited').nth(2).waitFor();

  for (const scheme of ['light', 'dark']) {
    await alice.emulateMedia({ colorScheme: scheme });
    for (const [size, viewport] of Object.entries(SIZES)) {
      if (only && only !== size) continue;
      await alice.setViewportSize(viewport);
      await alice.goto(`${BASE_URL}/c/${channel}`);
      await alice.getByTestId('message-list').waitFor();
      await alice.locator('[data-testid="code-block"][data-highlighted]').waitFor();
      const shot = (what) => alice.screenshot({ path: `${OUT}/${what}-${size}-${scheme}.png` });
      const phone = size === 'phone';
      // A message with its actions shown (the code block and the edited ones are in view).
      const msg = messageWith(alice, 'Here is the fix');
      await msg.hover();
      await shot('messages');
      // The sidebar and its "+" menu.
      if (phone) await alice.locator('[data-testid="drawer-button"]:visible').click();
      await alice.getByTestId('sidebar-add-button').click();
      await alice.getByRole('menu').waitFor();
      await shot('sidebar-plus-menu');
      await alice.keyboard.press('Escape');
      if (phone) {
        await alice.keyboard.press('Escape');
        await alice.locator('[data-testid="drawer-button"]:visible').waitFor();
      }
      // The channel menu.
      await alice.getByTestId('channel-menu-button').click();
      await alice.getByRole('menu').waitFor();
      await shot('channel-menu');
      await alice.getByRole('menu').getByTestId('archive-button').click();
      await alice.getByTestId('confirm-dialog').waitFor();
      await shot('confirm-archive');
      await alice.getByTestId('confirm-cancel').click();
      await messageAction(messageWith(alice, 'Done'), 'delete-button');
      await alice.getByTestId('confirm-dialog').waitFor();
      await shot('confirm-delete');
      await alice.keyboard.press('Escape');
    }
  }
});
console.log('shots in', OUT);
