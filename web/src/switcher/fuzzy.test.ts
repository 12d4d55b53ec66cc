import { describe, expect, it } from 'vitest';
import { fuzzyMatch } from './fuzzy';

const score = (q: string, text: string) => fuzzyMatch(q, text)?.score ?? null;

describe('fuzzyMatch', () => {
  it('matches letters in order, anywhere, ignoring case and spaces', () => {
    expect(fuzzyMatch('gnrl', 'General')).not.toBeNull();
    expect(fuzzyMatch('GEN', 'general')?.indices).toEqual([0, 1, 2]);
    expect(fuzzyMatch('de gen', 'design-general')).not.toBeNull();
  });

  it('does not match letters that are missing or out of order', () => {
    expect(fuzzyMatch('xyz', 'general')).toBeNull();
    expect(fuzzyMatch('lg', 'general')).toBeNull();
    expect(fuzzyMatch('generally', 'general')).toBeNull();
  });

  it('ignores punctuation typed', () => {
    expect(fuzzyMatch('bob-x1', 'bobx1.ab12')?.indices).toEqual([0, 1, 2, 3, 4]);
    expect(fuzzyMatch('#general', 'general')).not.toBeNull();
  });

  it('matches everything with an empty query', () => {
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, indices: [] });
    expect(fuzzyMatch('   ', 'anything')).toEqual({ score: 0, indices: [] });
  });

  it('ignores accents', () => {
    expect(fuzzyMatch('rene', 'René Lefèvre')?.indices).toEqual([0, 1, 2, 3]);
    expect(fuzzyMatch('lefe', 'René Lefèvre')).not.toBeNull();
  });

  it('prefers the word that starts with the letters over an earlier scatter', () => {
    expect(fuzzyMatch('gen', 'design-general')?.indices).toEqual([7, 8, 9]);
  });

  it('picks word starts for initials', () => {
    expect(fuzzyMatch('ds', 'design-systems')?.indices).toEqual([0, 7]);
    expect(fuzzyMatch('mr', 'marketingReports')?.indices).toEqual([0, 9]);
  });

  it('ranks exact over prefix over word start over scattered letters', () => {
    const exact = score('dev', 'dev');
    const prefix = score('dev', 'devops');
    const word = score('dev', 'web-dev');
    const scattered = score('dev', 'sidewalk-vendor');
    expect(exact).toBeGreaterThan(prefix ?? Infinity);
    expect(prefix).toBeGreaterThan(word ?? Infinity);
    expect(word).toBeGreaterThan(scattered ?? Infinity);
  });

  it('ranks a run of letters over the same letters spread out', () => {
    expect(score('eam', 'steam')).toBeGreaterThan(score('eam', 'stexaxm') ?? Infinity);
  });

  it('ranks an early match over a late one', () => {
    expect(score('ran', 'random')).toBeGreaterThan(score('ran', 'xxxxxxx-random') ?? Infinity);
  });
});
