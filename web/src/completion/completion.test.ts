import { describe, expect, it } from 'vitest';
import { applyCompletion, closedShortcode, findTrigger, mentionOptions, mentionText, type MentionPerson } from './completion';

describe('what is being completed', () => {
  it('finds a mention being typed', () => {
    expect(findTrigger('hi @an', 6)).toEqual({ kind: 'mention', query: 'an', start: 3 });
    expect(findTrigger('@', 1)).toEqual({ kind: 'mention', query: '', start: 0 });
    expect(findTrigger('(@ann_ex', 8)).toEqual({ kind: 'mention', query: 'ann_ex', start: 1 });
  });

  it('finds a shortcode once two letters are typed', () => {
    expect(findTrigger('nice :th', 8)).toEqual({ kind: 'emoji', query: 'th', start: 5 });
    expect(findTrigger('nice :t', 7)).toBeNull();
    expect(findTrigger(':+1', 3)).toEqual({ kind: 'emoji', query: '+1', start: 0 });
  });

  it('stays quiet inside emails, times, after a space, and away from the caret', () => {
    expect(findTrigger('ann@example', 11)).toBeNull();
    expect(findTrigger('at 10:30', 8)).toBeNull();
    expect(findTrigger('@ann ', 5)).toBeNull();
    expect(findTrigger('@ann and more', 13)).toBeNull();
    expect(findTrigger('plain', 5)).toBeNull();
    expect(findTrigger('', 0)).toBeNull();
  });

  it('completes where the caret is, not at the end', () => {
    expect(findTrigger('@an rest', 3)).toEqual({ kind: 'mention', query: 'an', start: 0 });
  });
});

describe('picking an option', () => {
  it('replaces the typed part and puts the caret after the inserted text', () => {
    const text = 'hi @an';
    const trigger = findTrigger(text, 6);
    expect(trigger).not.toBeNull();
    if (!trigger) return;
    expect(applyCompletion(text, trigger, 6, '@ann_ex_1 ')).toEqual({ text: 'hi @ann_ex_1 ', caret: 13 });
  });

  it('does not double a space that is already there', () => {
    const text = '@an and';
    const trigger = findTrigger(text, 3);
    if (!trigger) throw new Error('no trigger');
    expect(applyCompletion(text, trigger, 3, '@ann ')).toEqual({ text: '@ann and', caret: 5 });
  });
});

describe('mention options', () => {
  const people: MentionPerson[] = [
    { id: 'a', displayName: 'Ann Lee', handle: 'ann_ex_1' },
    { id: 'b', displayName: 'Bob Annis', handle: 'bob_ex_2' },
    { id: 'c', displayName: 'Cy', handle: 'cy_ex_3' },
    { id: 'me', displayName: 'Me Myself', handle: 'me_ex_4' },
  ];
  const names = (q: string, groups = true) =>
    mentionOptions(people, q, { groups, me: 'me' }).map((o) => (o.kind === 'group' ? `@${o.handle}` : o.person.displayName));

  it('matches handles and any word of the name, best first, never me', () => {
    expect(names('ann')).toEqual(['Ann Lee', 'Bob Annis']);
    expect(names('lee')).toEqual(['Ann Lee']);
    expect(names('bob_')).toEqual(['Bob Annis']);
    expect(names('me')).toEqual([]);
  });

  it('offers @all and @here where groups can be mentioned', () => {
    expect(names('')).toEqual(['Ann Lee', 'Bob Annis', 'Cy', '@here', '@all']);
    expect(names('a')).toEqual(['Ann Lee', 'Bob Annis', '@all']);
    expect(names('', false)).toEqual(['Ann Lee', 'Bob Annis', 'Cy']);
  });

  it('writes handles, with a space after', () => {
    const [first] = mentionOptions(people, 'cy', { groups: false, me: 'me' });
    expect(first && mentionText(first)).toBe('@cy_ex_3 ');
    expect(mentionText({ kind: 'group', handle: 'here', description: '' })).toBe('@here ');
  });
});

describe('a shortcode typed out in full', () => {
  it('is found when its closing colon is typed', () => {
    expect(closedShortcode('yay :tada:', 10)).toEqual({ start: 4, code: 'tada' });
    expect(closedShortcode(':+1:', 4)).toEqual({ start: 0, code: '+1' });
    expect(closedShortcode('at 10:30:', 9)).toBeNull();
    expect(closedShortcode('::', 2)).toBeNull();
  });
});
