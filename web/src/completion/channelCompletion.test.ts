import { describe, expect, it } from 'vitest';
import { parseInline } from '../markdown/parse';
import { applyCompletion, channelOptions, channelText, findTrigger, type ChannelChoice } from './completion';

const channels: ChannelChoice[] = [
  { id: '1', name: 'general', slug: 'general' },
  { id: '2', name: 'team-news', slug: 'team-news' },
  { id: '3', name: 'news', slug: 'news' },
  { id: '4', name: 'design-review', slug: 'design-review' },
];

describe('~channel completion', () => {
  it('finds a channel being typed, at a word start only', () => {
    expect(findTrigger('see ~ne', 7)).toEqual({ kind: 'channel', query: 'ne', start: 4 });
    expect(findTrigger('~', 1)).toEqual({ kind: 'channel', query: '', start: 0 });
    // Strikethrough (`~~`) and a tilde inside a word stay quiet.
    expect(findTrigger('~~gone', 6)).toBeNull();
    expect(findTrigger('a~b', 3)).toBeNull();
    expect(findTrigger('~news ', 6)).toBeNull();
  });

  it('ranks prefix matches first, then word starts, then any match', () => {
    expect(channelOptions(channels, 'ne').map((c) => c.slug)).toEqual(['news', 'team-news', 'general']);
    expect(channelOptions(channels, 'rev').map((c) => c.slug)).toEqual(['design-review']);
    expect(channelOptions(channels, 'ws').map((c) => c.slug)).toEqual(['news', 'team-news']);
    expect(channelOptions(channels, 'NEWS').map((c) => c.slug)).toEqual(['news', 'team-news']);
    expect(channelOptions(channels, '').length).toBe(4);
    expect(channelOptions(channels, 'zzz')).toEqual([]);
  });

  it('writes ~slug, which the Markdown renderer turns into a channel link', () => {
    const picked = channelOptions(channels, 'team')[0];
    if (!picked) throw new Error('no option');
    const trigger = findTrigger('read ~team', 10);
    if (!trigger) throw new Error('no trigger');
    const done = applyCompletion('read ~team', trigger, 10, channelText(picked));
    expect(done).toEqual({ text: 'read ~team-news ', caret: 16 });
    expect(parseInline(done.text.trim())).toContainEqual({ kind: 'channel', slug: 'team-news' });
  });
});
