import { describe, expect, it } from 'vitest';
import { appendPage } from './usePagedSearch';

const item = (id: string, name = id) => ({ id, name });

describe('paged search', () => {
  it('appends a page without repeating what is shown, keeping its place', () => {
    const list = appendPage([item('a'), item('b', 'first')], [item('b', 'again'), item('c')]);
    expect(list).toEqual([item('a'), item('b', 'first'), item('c')]);
  });
});
