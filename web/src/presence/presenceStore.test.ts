import { describe, expect, it } from 'vitest';
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
});
