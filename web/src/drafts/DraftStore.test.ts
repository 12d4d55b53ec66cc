import { describe, expect, it } from 'vitest';
import type { Draft } from '../api/types.generated';
import { DraftStore } from './DraftsProvider';

const draft = (body: string, editedAt: string, threadRootID: string | null = null): Draft => ({
  parentID: 'c1',
  parentType: 'channel',
  threadRootID,
  body,
  editedAt,
});

describe('DraftStore', () => {
  it('keeps the newest edit per scope and tells listeners of what it takes', () => {
    const store = new DraftStore();
    const heard: string[] = [];
    store.onChange((d) => heard.push(d.body));
    store.load([draft('channel text', '2026-01-01T10:00:00Z'), draft('thread text', '2026-01-01T10:00:00Z', 'r1')]);
    store.set(draft('older', '2026-01-01T09:00:00Z'));
    store.set(draft('newer', '2026-01-01T11:00:00Z'));
    expect(store.get('channel:c1:')?.body).toBe('newer');
    expect(store.get('channel:c1:r1')?.body).toBe('thread text');
    expect(heard).toEqual(['channel text', 'thread text', 'newer']);
    expect(store.loaded).toBe(true);
  });
});
