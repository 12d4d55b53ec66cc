import { describe, expect, it } from 'vitest';
import type { MessagePage } from '../api/types.generated';
import type { PageQuery } from './api';
import { catchUp } from './catchUp';
import type { PageKind } from './messageStore';

function page(newerCursor: string | null, hasMoreNewer: boolean): MessagePage {
  return { items: [], hasMoreOlder: true, hasMoreNewer, olderCursor: 'o', newerCursor };
}

function recorder(pages: MessagePage[]) {
  const queries: PageQuery[] = [];
  const applied: PageKind[] = [];
  return {
    queries,
    applied,
    fetchPage: (query: PageQuery) => {
      queries.push(query);
      const next = pages.shift();
      return next ? Promise.resolve(next) : Promise.reject(new Error('no more pages'));
    },
    apply: (kind: PageKind) => {
      applied.push(kind);
    },
  };
}

describe('catchUp', () => {
  it('follows the newer cursor while the server has more', async () => {
    const r = recorder([page('c2', true), page('c3', true), page('c4', false)]);
    await catchUp('c1', r.fetchPage, r.apply);
    expect(r.queries).toEqual([{ after: 'c1' }, { after: 'c2' }, { after: 'c3' }]);
    expect(r.applied).toEqual(['newer', 'newer', 'newer']);
  });

  it('takes the newest page when no cursor is known', async () => {
    const r = recorder([page('c9', false)]);
    await catchUp(null, r.fetchPage, r.apply);
    expect(r.queries).toEqual([{}]);
    expect(r.applied).toEqual(['newest']);
  });

  it('jumps to the newest page when too far behind', async () => {
    const r = recorder([page('c2', true), page('c3', true), page('c9', false)]);
    await catchUp('c1', r.fetchPage, r.apply, 2);
    expect(r.queries).toEqual([{ after: 'c1' }, { after: 'c2' }, {}]);
    expect(r.applied).toEqual(['newer', 'newer', 'newest']);
  });

  it('stops at the first failure, keeping the pages applied so far', async () => {
    const r = recorder([page('c2', true)]);
    await expect(catchUp('c1', r.fetchPage, r.apply)).rejects.toThrow('no more pages');
    expect(r.applied).toEqual(['newer']);
  });
});
