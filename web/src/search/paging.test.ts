import { describe, expect, it } from 'vitest';
import { emptyResults, resultsReducer, wantsMore } from './paging';

type Item = { id: string };
const reduce = resultsReducer<Item>((i) => i.id);

describe('search result pages', () => {
  it('appends pages once each and keeps the cursor', () => {
    let s = emptyResults<Item>('q1');
    s = reduce(s, { type: 'page', key: 'q1', page: { items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'c1' } });
    s = reduce(s, { type: 'loading', key: 'q1' });
    s = reduce(s, { type: 'page', key: 'q1', page: { items: [{ id: 'b' }, { id: 'c' }], nextCursor: null } });
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(s).toMatchObject({ nextCursor: null, started: true, loading: false });
  });

  it('drops a page of an older search', () => {
    let s = reduce(emptyResults<Item>('old'), { type: 'start', key: 'new' });
    s = reduce(s, { type: 'page', key: 'old', page: { items: [{ id: 'x' }], nextCursor: null } });
    expect(s).toEqual(emptyResults('new'));
  });

  it('reads on after a short page with a cursor while the end is in view', () => {
    let s = reduce(emptyResults<Item>('q'), { type: 'page', key: 'q', page: { items: [], nextCursor: 'c' } });
    expect(wantsMore(s, true)).toBe(true);
    expect(wantsMore(s, false)).toBe(false);
    s = reduce(s, { type: 'loading', key: 'q' });
    expect(wantsMore(s, true)).toBe(false);
    s = reduce(s, { type: 'failed', key: 'q', error: new Error('x') });
    expect(wantsMore(s, true)).toBe(false);
    s = reduce(s, { type: 'page', key: 'q', page: { items: [], nextCursor: null } });
    expect(wantsMore(s, true)).toBe(false);
  });
});
