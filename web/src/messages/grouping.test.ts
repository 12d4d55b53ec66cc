import { describe, expect, it } from 'vitest';
import { continuesGroup } from './grouping';

const at = (authorID: string, minute: number, second = 0) => ({
  authorID,
  createdAt: new Date(Date.UTC(2024, 0, 1, 12, minute, second)).toISOString(),
});

describe('continuesGroup', () => {
  it('groups the same author within five minutes', () => {
    expect(continuesGroup(at('alice', 0), at('alice', 4, 59))).toBe(true);
  });

  it('starts a new group for another author, after a pause, or at the top', () => {
    expect(continuesGroup(at('alice', 0), at('bob', 1))).toBe(false);
    expect(continuesGroup(at('alice', 0), at('alice', 5))).toBe(false);
    expect(continuesGroup(undefined, at('alice', 0))).toBe(false);
  });
});
