// What the accessibility walk needs to exist before it looks at each screen: a channel with
// every kind of message (a mention, a link, a code block, reactions, a thread, a pin, an edit, an
// image), a public channel Alice has not joined, a busy channel with unread messages, a draft and
// a mailed invite. Mostly seeded straight through the API; the image goes through the composer.
import { BASE_URL, grantAdmin, openRowId, sharedChannel, waitConnected } from './helpers.mjs';
import { mailedLink } from './mail.mjs';
import { accessToken, apiSend, pasteScreenshot } from './uploads.mjs';

/** Enough unread messages that the "New messages" line is far above the bottom. */
const UNREAD = 40;

const messagesPath = (channelId) => `/api/v1/channels/${channelId}/messages`;

export async function buildWorld(run, signInAs) {
  const aliceLogin = `ally-${run}`;
  const alice = await signInAs(aliceLogin);
  await grantAdmin(`${aliceLogin}@example.com`);
  const bob = await signInAs(`bo-${run}`);
  const carol = await signInAs(`cy-${run}`);
  const [aliceToken, bobToken, carolToken] = await Promise.all([alice, bob, carol].map(accessToken));
  const as = {
    alice: (method, path, body) => apiSend(alice, aliceToken, method, path, body),
    bob: (method, path, body) => apiSend(bob, bobToken, method, path, body),
    carol: (method, path, body) => apiSend(carol, carolToken, method, path, body),
  };
  const me = await as.alice('GET', '/api/v1/users/me');

  const channel = `a11y-${run}`;
  await sharedChannel(alice, [bob], channel);
  const channelId = await openRowId(alice);
  const post = (who, body, extra = {}) => as[who]('POST', messagesPath(channelId), { body, ...extra });

  await post('bob', `Morning @${me.handle}, the notes are at https://example.com/notes ${run}`);
  await post('bob', 'The fix:\n```\nfn main() {\n    println!("hello");\n}\n```');
  const reacted = await post('alice', `Shipping on Friday ${run}`);
  await as.bob('PUT', `${messagesPath(channelId)}/${reacted.id}/reactions/${encodeURIComponent('🎉')}`);
  await as.alice('PUT', `${messagesPath(channelId)}/${reacted.id}/reactions/${encodeURIComponent('👍')}`);
  const root = await post('alice', `Who reviews the release notes? ${run}`);
  await post('bob', 'I can, after lunch.', { threadRootID: root.id });
  const pinned = await post('bob', `Pinned: the on-call rota ${run}`);
  await as.alice('PUT', `${messagesPath(channelId)}/${pinned.id}/pin`, { pinned: true });
  const edited = await post('bob', `A mesage with a typo ${run}`);
  await as.bob('PATCH', `${messagesPath(channelId)}/${edited.id}`, { body: `A message without the typo ${run}` });

  // The image goes through the composer, as a person shares one.
  await alice.goto(`${BASE_URL}/c/${channel}`);
  await waitConnected(alice);
  await pasteScreenshot(alice, { name: 'screenshot.png', width: 640, height: 400 });
  await alice.locator('[data-testid="upload-chip"][data-status="done"]').waitFor({ timeout: 30_000 });
  await alice.getByTestId('composer-send').click();
  await alice.getByTestId('upload-chip').waitFor({ state: 'detached' });

  // A public channel Alice can preview, and a busy one she is in, with unread messages.
  const peek = `peek-${run}`;
  const { channel: peekChannel } = await as.bob('POST', '/api/v1/channels', { name: peek, type: 'public', description: 'Read before joining' });
  await as.bob('POST', messagesPath(peekChannel.id), { body: `Anyone can read this ${run}` });
  const busy = `busy-${run}`;
  const { channel: busyChannel } = await as.carol('POST', '/api/v1/channels', { name: busy, type: 'public' });
  await as.alice('POST', `/api/v1/channels/${busyChannel.id}/join`);
  const firstUnread = await as.carol('POST', messagesPath(busyChannel.id), { body: `First news ${run}` });
  for (let i = 1; i < UNREAD; i++) {
    await as.carol('POST', messagesPath(busyChannel.id), { body: `News ${i} ${run}\nwith a second line` });
  }

  // A direct message from Bob.
  const bobMe = await as.bob('GET', '/api/v1/users/me');
  const { conversation } = await as.bob('POST', '/api/v1/conversations', { participantIDs: [me.id, bobMe.id] });
  await as.bob('POST', `/api/v1/conversations/${conversation.id}/messages`, { body: `Got a minute? ${run}` });

  await as.alice('PUT', '/api/v1/drafts', {
    parentID: channelId,
    parentType: 'channel',
    body: `Half a thought ${run}`,
    editedAt: new Date().toISOString(),
  });
  const guestEmail = `guest-${run}@example.com`;
  await as.alice('POST', '/api/v1/invites', { email: guestEmail, channelIDs: [channelId] });
  const invitePath = await mailedLink(guestEmail, '/invite/');

  return {
    aliceLogin,
    channel,
    edited: `A message without the typo ${run}`,
    threadRoot: `Who reviews the release notes? ${run}`,
    peek,
    conversationId: conversation.id,
    bobName: bobMe.displayName,
    busy,
    invitePath,
    setTheme: (theme) => as.alice('PATCH', '/api/v1/users/me', { theme }),
    /** Makes the busy channel's messages unread again for Alice. */
    markBusyUnread: () => as.alice('POST', `${messagesPath(busyChannel.id)}/${firstUnread.id}/unread`),
  };
}
