import { describe, expect, it } from 'vitest';
import { chipLabel, filterChips, freeText, removeTerm, terms } from './query';

describe('search query', () => {
  it('tells words, phrases and filters apart, with their places', () => {
    expect(terms('budget "q3 plan" from:@ann in:#general')).toEqual([
      { kind: 'word', text: 'budget', start: 0, end: 6 },
      { kind: 'phrase', text: 'q3 plan', start: 7, end: 16 },
      { kind: 'filter', key: 'from', value: '@ann', start: 17, end: 26 },
      { kind: 'filter', key: 'in', value: '#general', start: 27, end: 38 },
    ]);
  });

  it('reads filter names in any case, and other colons as words', () => {
    expect(terms('Has:FILE http://x.y')).toEqual([
      { kind: 'filter', key: 'has', value: 'FILE', start: 0, end: 8 },
      { kind: 'word', text: 'http://x.y', start: 9, end: 19 },
    ]);
  });

  it('runs an unclosed phrase to the end', () => {
    expect(terms('a "half open')).toEqual([
      { kind: 'word', text: 'a', start: 0, end: 1 },
      { kind: 'phrase', text: 'half open', start: 2, end: 12 },
    ]);
  });

  it('makes chips of the filters that have a value', () => {
    const chips = filterChips('from:@ann  is:thread on: report');
    expect(chips.map(chipLabel)).toEqual(['From @ann', 'Is thread']);
  });

  it('removes a chip from the query and tidies the spaces', () => {
    const q = 'report  from:@ann   has:file "big one"';
    const [from, has] = filterChips(q);
    expect(removeTerm(q, from!)).toBe('report has:file "big one"');
    expect(removeTerm(q, has!)).toBe('report from:@ann "big one"');
    expect(removeTerm('in:#x', filterChips('in:#x')[0]!)).toBe('');
  });

  it('keeps a filter-looking word inside a phrase', () => {
    expect(filterChips('"from:@ann said"')).toEqual([]);
    expect(freeText('"from:@ann said" in:#x hello')).toBe('from:@ann said hello');
  });

  it('gives the free text without filters', () => {
    expect(freeText('  ann  from:@bob "" lee ')).toBe('ann lee');
  });
});
