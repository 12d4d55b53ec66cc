import { describe, expect, it } from 'vitest';
import { draftKey, takesRemoteDraft } from './drafts';

const at = (iso: string) => Date.parse(iso);

describe('drafts', () => {
  it('keys a parent and each of its threads apart', () => {
    expect(draftKey({ parentType: 'channel', parentID: 'c1', threadRootID: null })).toBe('channel:c1:');
    expect(draftKey({ parentType: 'channel', parentID: 'c1', threadRootID: 'r' })).toBe('channel:c1:r');
  });

  it('takes another device’s newer text, never an older one', () => {
    const local = { text: 'hello', editedAt: at('2026-01-01T10:00:05Z') };
    expect(takesRemoteDraft({ body: 'hello there', editedAt: '2026-01-01T10:00:06Z' }, local)).toBe(true);
    expect(takesRemoteDraft({ body: 'hel', editedAt: '2026-01-01T10:00:04Z' }, local)).toBe(false);
    // Same instant: the local text stays.
    expect(takesRemoteDraft({ body: 'x', editedAt: '2026-01-01T10:00:05Z' }, local)).toBe(false);
  });

  it('ignores the echo of what is already shown, and takes anything before a local edit', () => {
    expect(takesRemoteDraft({ body: 'hello', editedAt: '2030-01-01T00:00:00Z' }, { text: 'hello', editedAt: 1 })).toBe(false);
    expect(takesRemoteDraft({ body: 'from phone', editedAt: '2020-01-01T00:00:00Z' }, { text: '', editedAt: null })).toBe(true);
    expect(takesRemoteDraft({ body: '', editedAt: '2026-01-01T10:00:06Z' }, { text: 'sent', editedAt: at('2026-01-01T10:00:05Z') })).toBe(true);
    expect(takesRemoteDraft({ body: 'x', editedAt: 'not a date' }, { text: '', editedAt: null })).toBe(false);
  });
});
