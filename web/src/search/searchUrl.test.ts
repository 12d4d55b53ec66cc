import { describe, expect, it } from 'vitest';
import { readSearch, searchHref } from './searchUrl';

describe('search address', () => {
  it('leaves the defaults out', () => {
    expect(searchHref({ q: 'from:@ann report' })).toBe('/search?q=from%3A%40ann+report');
    expect(searchHref({ q: 'x', sort: 'relevance', tab: 'channels', archived: true })).toBe(
      '/search?q=x&sort=relevance&tab=channels&archived=true',
    );
  });

  it('reads back what it wrote, and defaults for anything else', () => {
    const state = { q: 'a "b c"', sort: 'relevance', tab: 'files', archived: false } as const;
    expect(readSearch(new URL(searchHref(state), 'http://x').searchParams)).toEqual(state);
    expect(readSearch(new URLSearchParams('tab=nope&sort=old'))).toEqual({
      q: '',
      sort: 'newest',
      tab: 'messages',
      archived: false,
    });
  });
});
