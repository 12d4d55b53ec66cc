import { describe, expect, it } from 'vitest';
import type { Presence } from '../api/types.generated';
import { PresenceStore } from './presenceStore';

describe('PresenceStore', () => {
  it('knows what it was told and tells listeners of real changes only', () => {
    const store = new PresenceStore();
    let calls = 0;
    store.subscribe(() => (calls += 1));
    expect(store.unknown(['a', 'b', 'a'])).toEqual(['a', 'b']);
    store.set('a', 'online');
    store.set('a', 'online');
    store.set('a', 'away');
    expect(store.get('a')).toBe('away');
    expect(store.unknown(['a', 'b'])).toEqual(['b']);
    expect(calls).toBe(2);
  });

  it('fetches the ids wanted in one tick together, each once, until refreshed', async () => {
    const requests: string[][] = [];
    const tasks: Array<() => void> = [];
    const store = new PresenceStore(
      (ids) => {
        requests.push(ids);
        return Promise.resolve(ids.map((userID): Presence => ({ userID, status: 'online' })));
      },
      (task) => tasks.push(task),
    );
    store.want(['a', 'b']);
    store.want(['b', 'c']);
    tasks.splice(0).forEach((t) => t());
    await Promise.resolve();
    expect(requests).toEqual([['a', 'b', 'c']]);
    expect(store.get('c')).toBe('online');
    store.want(['a']);
    expect(tasks).toHaveLength(0);
    store.refreshAll();
    tasks.splice(0).forEach((t) => t());
    expect(requests[1]).toEqual(['a', 'b', 'c']);
  });
});
