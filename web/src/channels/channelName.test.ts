import { describe, expect, it } from 'vitest';
import { channelNameProblem, descriptionProblem, normaliseNameInput } from './channelName';

describe('channel names', () => {
  it('turns what is typed into slug form', () => {
    expect(normaliseNameInput('Team News_2024')).toBe('team-news-2024');
  });

  it('accepts slugs up to 32 characters', () => {
    for (const good of ['general', 'team-news', 'a1-b2', 'x'.repeat(32)]) {
      expect(channelNameProblem(good)).toBeNull();
    }
  });

  it('explains what is wrong with other names', () => {
    expect(channelNameProblem('')).toMatch(/needs a name/);
    expect(channelNameProblem('x'.repeat(33))).toMatch(/at most 32/);
    for (const bad of ['-news', 'news-', 'team--news', 'Team', 'café']) {
      expect(channelNameProblem(bad)).toMatch(/lower-case/);
    }
  });

  it('bounds descriptions', () => {
    expect(descriptionProblem('d'.repeat(255))).toBeNull();
    expect(descriptionProblem('d'.repeat(256))).toMatch(/at most 255/);
  });
});
