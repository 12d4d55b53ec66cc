// Browser tests: the main flows on a phone (390x844: the sidebar is a drawer, panels are screens
// of their own with a Back button) and on a tablet (768x1024: panels lie over the conversation).
// Each step measures the message list: it must keep at least half the screen's height, and no
// panel may narrow it. See helpers.mjs for what they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  channelRow,
  expectAccessible,
  expectMessage,
  messageAction,
  messageWith,
  sendMessage,
  withBrowser,
  addMenu,
} from './helpers.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const TABLET = { viewport: { width: 768, height: 1024 }, isMobile: true, hasTouch: true };

/** The message list's box; fails when it is shorter than half the screen. */
async function expectRoomy(page, what) {
  const { height } = page.viewportSize();
  const list = page.getByTestId('message-list');
  await list.waitFor();
  const box = await list.boundingBox();
  assert.ok(box, `${what}: the message list is not laid out`);
  assert.ok(
    box.height >= height / 2,
    `${what}: the message list is ${Math.round(box.height)} px tall, under half the screen (${height} px)`,
  );
  return box;
}

/** Fails unless `locator` covers the whole screen (a panel on a phone). */
async function expectFullScreen(page, locator, what) {
  const { width, height } = page.viewportSize();
  const box = await locator.boundingBox();
  assert.ok(box, `${what}: not shown`);
  const covers = box.x <= 0.5 && box.y <= 0.5 && box.width >= width - 1 && box.height >= height - 1;
  assert.ok(covers, `${what}: ${JSON.stringify(box)} does not cover the ${width}x${height} screen`);
}

/** Fails when the panel narrowed the message list (it should lie over it instead). */
async function expectNotSqueezed(page, before, what) {
  const after = await expectRoomy(page, what);
  assert.ok(
    Math.abs(after.width - before.width) <= 1 && Math.abs(after.height - before.height) <= 1,
    `${what}: the message list went from ${Math.round(before.width)}x${Math.round(before.height)} to ` +
      `${Math.round(after.width)}x${Math.round(after.height)}`,
  );
}

const drawer = (page) => page.getByTestId('sidebar-drawer');
const drawerOpen = (page) => page.locator('[data-testid="sidebar-drawer"][data-open="true"]');
const drawerClosed = (page) => page.locator('[data-testid="sidebar-drawer"][data-open="false"]');
/** The drawer button of the page shown (a page's header has one; the spare one is hidden then). */
const drawerButton = (page) => page.locator('[data-testid="drawer-button"]:visible');

async function reply(panel, text) {
  await panel.getByTestId('composer-input').fill(text);
  await panel.getByTestId('composer-input').press('Enter');
  await panel.getByTestId('thread-reply').filter({ hasText: text }).waitFor();
}

/** Opens `panel` from its header button, checks it, then goes back with its Back button. */
async function panelAndBack(page, button, panelId, check) {
  await page.getByTestId(button).click();
  const panel = page.getByTestId(panelId);
  await panel.waitFor();
  await check(panel);
  const back = panel.getByTestId('panel-close');
  assert.equal(await back.getAttribute('aria-label'), 'Back to the conversation');
  await back.click();
  await panel.waitFor({ state: 'detached' });
}

test('on a phone: the drawer, a message, a thread, pins and members as screens with Back', { timeout: 180_000 }, () =>
  withBrowser('layout-phone', async ({ run, signInAs }) => {
    const bob = await signInAs(`bob-${run}`);
    const alice = await signInAs(`alice-${run}`, PHONE);
    const channel = `phone-${run}`;

    // Signed in: the conversation has the screen, the sidebar is a closed drawer.
    await drawerClosed(alice).waitFor({ state: 'attached' });
    assert.equal(await drawer(alice).isVisible(), false, 'the closed drawer is hidden');
    await expectRoomy(alice, 'after signing in');

    // The menu button opens the drawer, with the keyboard in it; Esc closes it and the focus goes
    // back to the button; a tap beside it closes it too.
    await drawerButton(alice).click();
    await drawerOpen(alice).waitFor();
    await alice.waitForFunction(() => document.getElementById('sidebar-drawer')?.contains(document.activeElement));
    await alice.keyboard.press('Escape');
    await drawerClosed(alice).waitFor({ state: 'attached' });
    assert.equal(await alice.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'drawer-button');
    await drawerButton(alice).click();
    await drawerOpen(alice).waitFor();
    await alice.touchscreen.tap(370, 420);
    await drawerClosed(alice).waitFor({ state: 'attached' });

    // A channel made from the drawer: the dialog shows over it, and the new channel opens with
    // the drawer closed.
    await drawerButton(alice).click();
    await addMenu(alice, 'create-channel-button');
    await alice.getByTestId('channel-name-input').fill(channel);
    await alice.getByTestId('create-channel-submit').click();
    await alice.waitForURL(`${BASE_URL}/c/${channel}`);
    await drawerClosed(alice).waitFor({ state: 'attached' });
    await expectRoomy(alice, 'in the new channel');

    // Bob joins; Alice sends a message and Bob answers in its thread.
    await bob.goto(`${BASE_URL}/c/${channel}`);
    await bob.getByTestId('channel-join-button').click();
    await bob.getByTestId('composer-input').waitFor();
    const question = `Who has the keys? ${run}`;
    await sendMessage(alice, question);
    await expectRoomy(alice, 'after sending');
    await expectMessage(bob, question, 'Bob sees the question');

    // The thread is a screen of its own; Alice replies there, then goes back.
    await messageAction(messageWith(alice, question), 'reply-button');
    const thread = alice.getByTestId('thread-panel');
    await thread.getByTestId('thread-root').filter({ hasText: question }).waitFor();
    await expectFullScreen(alice, thread, 'the thread');
    await reply(thread, `I do ${run}`);
    await expectAccessible(alice, 'phone: the thread screen with a reply');
    await thread.getByTestId('panel-close').click();
    await thread.waitFor({ state: 'detached' });
    assert.doesNotMatch(alice.url(), /[?&]thread=/);
    await expectRoomy(alice, 'back from the thread');

    // Pins and members: screens of their own too.
    await panelAndBack(alice, 'pins-button', 'pinned-panel', (panel) => expectFullScreen(alice, panel, 'the pins'));
    await expectRoomy(alice, 'back from the pins');
    await panelAndBack(alice, 'members-button', 'members-panel', (panel) => expectFullScreen(alice, panel, 'the members'));
    await expectRoomy(alice, 'back from the members');

    // Another channel through the drawer: choosing it closes the drawer.
    await drawerButton(alice).click();
    await drawerOpen(alice).waitFor();
    await channelRow(alice, 'general').getByTestId('channel-link').click();
    await alice.waitForURL(`${BASE_URL}/c/general`);
    await drawerClosed(alice).waitFor({ state: 'attached' });
    await alice.getByTestId('channel-title').getByText('general').waitFor();
    await expectRoomy(alice, 'in #general after the drawer');
    assert.equal(
      await alice.evaluate(() => document.getElementById('sidebar-drawer')?.contains(document.activeElement)),
      false,
      'the focus left the closed drawer',
    );
  }),
);

test('on a tablet: the sidebar stays, and a thread, pins and members lie over the conversation', { timeout: 180_000 }, () =>
  withBrowser('layout-tablet', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`, TABLET);
    const channel = `tablet-${run}`;

    // No drawer here: the sidebar is beside the conversation.
    await channelRow(alice, 'general').waitFor();
    assert.equal(await drawerButton(alice).count(), 0, 'no menu button on a tablet');
    await addMenu(alice, 'create-channel-button');
    await alice.getByTestId('channel-name-input').fill(channel);
    await alice.getByTestId('create-channel-submit').click();
    await alice.waitForURL(`${BASE_URL}/c/${channel}`);
    const text = `Tablet plans ${run}`;
    await sendMessage(alice, text);
    const before = await expectRoomy(alice, 'in the channel');

    await messageAction(messageWith(alice, text), 'reply-button');
    const thread = alice.getByTestId('thread-panel');
    await thread.getByTestId('thread-root').filter({ hasText: text }).waitFor();
    await expectNotSqueezed(alice, before, 'with the thread open');
    await reply(thread, `Agreed ${run}`);
    await expectAccessible(alice, 'tablet: a thread over the conversation');
    await thread.getByTestId('panel-close').click();
    await thread.waitFor({ state: 'detached' });

    for (const [button, panelId] of [
      ['pins-button', 'pinned-panel'],
      ['members-button', 'members-panel'],
      ['files-button', 'files-panel'],
    ]) {
      await alice.getByTestId(button).click();
      const panel = alice.getByTestId(panelId);
      await panel.waitFor();
      await expectNotSqueezed(alice, before, `with ${panelId} open`);
      await panel.getByTestId('panel-close').click();
      await panel.waitFor({ state: 'detached' });
    }

    // Another channel from the sidebar.
    await channelRow(alice, 'general').getByTestId('channel-link').click();
    await alice.waitForURL(`${BASE_URL}/c/general`);
    await expectRoomy(alice, 'in #general');
  }),
);

/** Puts a finger down on the middle of `locator` (a touch, through the DevTools protocol, held
 * until `lift()`), as playwright's touchscreen only taps. */
async function touchDown(page, locator) {
  const box = await locator.boundingBox();
  assert.ok(box, 'the element to press is laid out');
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  return { lift: () => cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] }) };
}

test('on a phone a long press on a message opens its actions', { timeout: 120_000 }, () =>
  withBrowser('long-press', async ({ run, signInAs }) => {
    const alice = await signInAs(`alice-${run}`, PHONE);
    const text = `Hold me ${run}`;
    await sendMessage(alice, text);
    const message = messageWith(alice, text);
    const actions = message.getByTestId('message-actions');
    assert.equal(await actions.isVisible(), false, 'no actions before the press');

    // A finger held still: the actions show while it is still down (a tap's focus would only come
    // after lifting), once the long-press delay has passed.
    const started = Date.now();
    const finger = await touchDown(alice, message.getByTestId('message-body'));
    await actions.waitFor({ state: 'visible', timeout: 3_000 });
    const held = Date.now() - started;
    assert.ok(held >= 400, `the actions opened after ${held} ms, before the long-press delay (500 ms)`);
    await finger.lift();
    assert.equal(await actions.isVisible(), true, 'the actions stay open once the finger is lifted');

    // They work by touch: the reaction picker opens from them.
    await actions.getByTestId('add-reaction-button').tap();
    await alice.getByTestId('emoji-picker').waitFor();
  }),
);
