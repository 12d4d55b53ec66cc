import { describe, expect, it } from 'vitest';
import { loadRecent, pushRecent, saveRecent } from './recent';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
    key: () => null,
    get length() {
      return items.size;
    },
  };
}

describe('pushRecent', () => {
  it('puts the opened one first, once', () => {
    expect(pushRecent(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    expect(pushRecent([], 'a')).toEqual(['a']);
  });

  it('drops the oldest beyond the limit', () => {
    expect(pushRecent(['a', 'b', 'c'], 'd', 3)).toEqual(['d', 'a', 'b']);
  });
});

describe('loadRecent and saveRecent', () => {
  it('keep a list per user', () => {
    const storage = memoryStorage();
    saveRecent(storage, 'u1', ['a', 'b']);
    expect(loadRecent(storage, 'u1')).toEqual(['a', 'b']);
    expect(loadRecent(storage, 'u2')).toEqual([]);
  });

  it('read a malformed or missing store as empty', () => {
    const storage = memoryStorage();
    storage.setItem('parley.recent.u1', '{not json');
    expect(loadRecent(storage, 'u1')).toEqual([]);
    storage.setItem('parley.recent.u1', JSON.stringify({ a: 1 }));
    expect(loadRecent(storage, 'u1')).toEqual([]);
    storage.setItem('parley.recent.u1', JSON.stringify(['a', 3, 'b']));
    expect(loadRecent(storage, 'u1')).toEqual(['a', 'b']);
    expect(loadRecent(null, 'u1')).toEqual([]);
  });
});
