import { describe, expect, it } from 'vitest';
import type { UserView } from '../api/types.generated';
import { applyCompletion, completions, peopleQueryFor, personMatches, tokenAt, type SuggestContext } from './suggest';

const user = (id: string, handle: string, displayName: string): UserView => ({
  id,
  handle,
  displayName,
  deactivated: false,
  status: null,
  timeZone: null,
  avatar: null,
});
const ann = user('u1', 'ann', 'Ann Lee');
const ctx: SuggestContext = {
  people: [ann],
  channels: [
    { name: 'general', slug: 'general' },
    { name: 'design-team', slug: 'design-team' },
  ],
};
const labels = (token: string) => completions(token, ctx).map((c) => c.label);

describe('search suggestions', () => {
  it('finds the token at the caret, none inside a phrase', () => {
    expect(tokenAt('report from:a', 13)).toEqual({ start: 7, end: 13, text: 'from:a' });
    expect(tokenAt('report from:a', 9)).toEqual({ start: 7, end: 13, text: 'from:a' });
    expect(tokenAt('report ', 7)).toEqual({ start: 7, end: 7, text: '' });
    expect(tokenAt('"from:a', 7)).toBeNull();
  });

  it('offers the filters whose names start with what is typed', () => {
    expect(labels('f')).toEqual(['from:']);
    expect(labels('i')).toEqual(['in:', 'is:thread']);
    expect(labels('m')).toEqual(['mentions:@me']);
    expect(labels('')).toHaveLength(8);
    expect(labels('budget')).toEqual([]);
  });

  it('offers people for from:, channels and people for in:', () => {
    expect(labels('from:')).toEqual(['from:@ann']);
    expect(labels('in:')).toEqual(['in:#general', 'in:#design-team', 'in:@ann']);
    expect(labels('in:#des')).toEqual(['in:#design-team']);
    expect(labels('in:@')).toEqual(['in:@ann']);
  });

  it('offers the fixed values of has:, is:, the days and mentions:', () => {
    expect(labels('has:')).toEqual(['has:file', 'has:link', 'has:pin']);
    expect(labels('has:l')).toEqual(['has:link']);
    expect(labels('is:')).toEqual(['is:thread']);
    expect(labels('before:')).toEqual(['before:today', 'before:yesterday']);
    expect(labels('on:y')).toEqual(['on:yesterday']);
    expect(labels('mentions:m')).toEqual(['mentions:@me']);
    expect(labels('nope:x')).toEqual([]);
  });

  it('rewrites the token and leaves the caret after it', () => {
    const q = 'report fr';
    const token = tokenAt(q, q.length)!;
    const [from] = completions(token.text, ctx);
    expect(applyCompletion(q, token, from!)).toEqual({ text: 'report from:', caret: 12 });
    const full = 'report from:a later';
    const t2 = tokenAt(full, 13)!;
    const [pick] = completions(t2.text, ctx);
    expect(applyCompletion(full, t2, pick!)).toEqual({ text: 'report from:@ann later', caret: 17 });
    const end = tokenAt('has:f', 5)!;
    expect(applyCompletion('has:f', end, completions(end.text, ctx)[0]!)).toEqual({ text: 'has:file ', caret: 9 });
  });

  it('asks the people search only for person values', () => {
    expect(peopleQueryFor('from:@an')).toBe('an');
    expect(peopleQueryFor('in:@an')).toBe('an');
    expect(peopleQueryFor('in:an')).toBe('an');
    expect(peopleQueryFor('in:#an')).toBeNull();
    expect(peopleQueryFor('has:f')).toBeNull();
    expect(peopleQueryFor('ann')).toBeNull();
  });

  it('matches people by handle or a word of the name', () => {
    expect(personMatches(ann, '@an')).toBe(true);
    expect(personMatches(ann, 'lee')).toBe(true);
    expect(personMatches(ann, 'bob')).toBe(false);
  });
});
