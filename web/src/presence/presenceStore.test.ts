import { describe, expect, it } from 'vitest';
import type { ClientFrame, PresenceStatus } from '../api/types.generated';
import { PRESENCE_WATCH_MAX } from '../limits';
import { PresenceStore, SUBSCRIBE_DELAY_MS, type Timers } from './presenceStore';

type Subscription = { userIDs: string[]; version: number };

/** A store whose frames are recorded and whose timers run when the test says. */
function setup(connected = { value: true }) {
  const sent: Subscription[] = [];
  const pending: Array<{ task: () => void; ms: number }> = [];
  const timers: Timers = {
    set: (task, ms) => {
      const entry = { task, ms };
      pending.push(entry);
      return entry;
    },
    clear: (handle) => {
      const at = pending.indexOf(handle as { task: () => void; ms: number });
      if (at >= 0) pending.splice(at, 1);
    },
  };
  const store = new PresenceStore((frame: ClientFrame) => {
    if (!connected.value) return false;
    if (frame.type === 'presence.subscribe') sent.push({ userIDs: frame.userIDs, version: frame.version });
    return true;
  }, timers);
  const tick = () => {
    for (const { task, ms } of pending.splice(0)) {
      expect(ms).toBe(SUBSCRIBE_DELAY_MS);
      task();
    }
  };
  const answer = (version: number, statuses: Record<string, PresenceStatus>) =>
    store.subscribed({ version, statuses: Object.entries(statuses).map(([userID, status]) => ({ userID, status })) });
  return { store, sent, pending, tick, answer };
}

describe('PresenceStore', () => {
  it('sends the people shown as one subscription once the rendering settles', () => {
    const { store, sent, tick } = setup();
    store.watch('a');
    store.watch('b');
    store.watch('a');
    expect(sent).toEqual([]);
    tick();
    expect(sent).toEqual([{ userIDs: ['a', 'b'], version: 1 }]);
  });

  it('keeps the answer for people still shown and tells listeners of real changes only', () => {
    const { store, tick, answer } = setup();
    let calls = 0;
    store.subscribe(() => (calls += 1));
    store.watch('a');
    store.watch('b');
    store.watch('hidden');
    tick();
    // The server leaves out people the user may not see: they stay unknown.
    answer(1, { a: 'online', b: 'offline' });
    expect([store.get('a'), store.get('b'), store.get('hidden')]).toEqual(['online', 'offline', undefined]);
    expect(calls).toBe(2);
    store.changed({ userID: 'a', status: 'online' });
    expect(calls).toBe(2);
    store.changed({ userID: 'a', status: 'away' });
    expect(store.get('a')).toBe('away');
    expect(calls).toBe(3);
  });

  it('replaces the subscription as people leave the screen and forgets what it knew of them', () => {
    const { store, sent, tick, answer } = setup();
    const releaseMessage = store.watch('a');
    const releaseMember = store.watch('a');
    store.watch('b');
    tick();
    answer(1, { a: 'online', b: 'online' });
    releaseMessage();
    releaseMessage();
    tick();
    expect(sent).toHaveLength(1);
    expect(store.get('a')).toBe('online');
    releaseMember();
    tick();
    expect(sent[1]).toEqual({ userIDs: ['b'], version: 2 });
    expect(store.get('a')).toBeUndefined();
    // Shown again before the subscription went out: nothing to send, nothing forgotten.
    const again = store.watch('b');
    again();
    tick();
    expect(sent).toHaveLength(2);
    expect(store.get('b')).toBe('online');
  });

  it('ignores an answer to an older subscription, and a change heard since sending beats the answer', () => {
    const { store, tick, answer } = setup();
    store.watch('a');
    tick();
    store.watch('b');
    tick();
    answer(1, { a: 'away' });
    expect(store.get('a')).toBeUndefined();
    store.changed({ userID: 'a', status: 'offline' });
    answer(2, { a: 'online', b: 'away' });
    expect([store.get('a'), store.get('b')]).toEqual(['offline', 'away']);
  });

  it('subscribes again after a reconnect, even when nothing changed, and after a send that failed', () => {
    const connected = { value: false };
    const { store, sent, tick, pending } = setup(connected);
    store.watch('a');
    tick();
    expect(sent).toEqual([]);
    connected.value = true;
    store.watch('b');
    store.resubscribe();
    expect(pending).toHaveLength(0);
    expect(sent).toEqual([{ userIDs: ['a', 'b'], version: 2 }]);
    store.resubscribe();
    expect(sent[1]).toEqual({ userIDs: ['a', 'b'], version: 3 });
  });

  it('sends at most the most recently shown people the server takes', () => {
    const { store, sent, tick } = setup();
    const ids = Array.from({ length: PRESENCE_WATCH_MAX + 5 }, (_, i) => `u${i}`);
    ids.forEach((id) => store.watch(id));
    tick();
    expect(sent[0]?.userIDs).toEqual(ids.slice(5));
  });
});
