import { describe, expect, it } from 'vitest';
import type { Channel, UserView } from '../api/types.generated';
import { buildOptions, suggestionQueries, type OptionSources } from './options';
import { tokenAt } from './suggest';

const user = (id: string, handle: string, displayName: string): UserView => ({
  id,
  handle,
  displayName,
  deactivated: false,
  status: null,
  timeZone: null,
  avatar: null,
});
const channel = (id: string, slug: string): Channel => ({
  id,
  name: slug,
  slug,
  description: '',
  type: 'public',
  createdBy: 'u1',
  archived: false,
  createdAt: '2026-01-01T00:00:00Z',
  lastSeq: 0,
  lastMessageAt: null,
});
const ann = user('u1', 'ann', 'Ann Lee');
const bob = user('u2', 'bob', 'Bob Roe');
const sources: OptionSources = {
  myChannels: [{ name: 'general', slug: 'general' }],
  knownPeople: [ann, bob],
  people: [],
  channels: [],
};
const at = (text: string) => tokenAt(text, text.length);
const kinds = (text: string, more: Partial<OptionSources> = {}) =>
  buildOptions(text, at(text), { ...sources, ...more }).map((o) => o.id);

describe('search box options', () => {
  it('asks for people by a person filter’s value, else by the words', () => {
    expect(suggestionQueries('report from:@an', at('report from:@an'))).toEqual({ people: 'an', channels: '' });
    expect(suggestionQueries('report in:#gen', at('report in:#gen'))).toEqual({ people: '', channels: '' });
    expect(suggestionQueries('in:#gen report', at('in:#gen report'))).toEqual({ people: 'report', channels: 'report' });
    expect(suggestionQueries('has:file', at('has:file'))).toEqual({ people: '', channels: '' });
  });

  it('offers known people for from: before the server answers, then the server’s', () => {
    expect(kinds('from:@b')).toEqual(['from-user-u2', 'search']);
    expect(kinds('from:@b', { people: [user('u3', 'bea', 'Bea')] })).toEqual(['from-user-u3', 'from-user-u2', 'search']);
  });

  it('offers running the search, then people and channels matching the words', () => {
    expect(kinds('design', { people: [ann], channels: [channel('c1', 'design')] })).toEqual([
      'search',
      'person-u1',
      'channel-c1',
    ]);
  });

  it('shows the filters for an empty box, and nothing to run', () => {
    expect(kinds('')).toHaveLength(8);
    expect(kinds('').includes('search')).toBe(false);
  });
});
