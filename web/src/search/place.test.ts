import { describe, expect, it } from 'vitest';
import { placeOf } from './place';
import { sidebar as sidebarOf, sidebarChannel } from '../sidebar/testData';

describe('a result’s place', () => {
  it('names a channel from the sidebar and links it by slug', () => {
    expect(placeOf('channel', 'c-general', sidebar(), () => null)).toEqual({ label: '#general', href: '/c/general' });
  });

  it('falls back to the id for a channel not in the sidebar', () => {
    expect(placeOf('channel', 'c-x', sidebar(), () => null)).toEqual({ label: 'a channel', href: '/c/c-x' });
  });

  it('names a conversation by its title', () => {
    expect(placeOf('conversation', 'd1', null, (id) => (id === 'd1' ? 'Ann and Bob' : null))).toEqual({
      label: 'Ann and Bob',
      href: '/d/d1',
    });
  });
});

function sidebar() {
  return sidebarOf({ channels: [sidebarChannel('c-general', { channel: { name: 'general', slug: 'general' } })] });
}
