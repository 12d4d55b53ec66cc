import { describe, expect, it } from 'vitest';
import type { CustomStatus, User } from '../api/types.generated';
import { profileChange, statusAction, type ProfileDraft } from './save';

const me: User = {
  id: 'u1',
  email: 'gwen@example.com',
  displayName: 'Gwen',
  handle: 'gwen',
  role: 'guest',
  status: 'active',
  provider: 'password',
  createdAt: '2026-01-01T00:00:00Z',
  customStatus: null,
  timeZone: 'Europe/Paris',
  avatar: null,
  theme: 'system',
};

const now = new Date('2026-05-06T12:00:00Z');

const draft = (change: Partial<ProfileDraft> = {}, status: Partial<ProfileDraft['status']> = {}): ProfileDraft => ({
  displayName: 'Gwen',
  timeZone: 'Europe/Paris',
  savedZone: 'Europe/Paris',
  shown: null,
  now,
  ...change,
  status: { emoji: '', text: '', clearAfter: 'never', ...status },
});

describe('profile change', () => {
  it('sends only what changed', () => {
    expect(profileChange(me, draft())).toBeNull();
    expect(profileChange(me, draft({ displayName: ' Gwen ' }))).toBeNull();
    expect(profileChange(me, draft({ displayName: 'Gwendolyn' }))).toEqual({ displayName: 'Gwendolyn' });
    expect(profileChange(me, draft({ timeZone: 'Asia/Tokyo' }))).toEqual({ timeZone: 'Asia/Tokyo' });
  });

  it('never sends the name of an account whose name is the provider’s', () => {
    expect(profileChange(me, draft({ displayName: null, timeZone: 'Asia/Tokyo' }))).toEqual({ timeZone: 'Asia/Tokyo' });
  });

  it('saves the browser’s zone when none was saved yet', () => {
    expect(profileChange(me, draft({ savedZone: null, timeZone: 'Europe/Paris' }))).toEqual({
      timeZone: 'Europe/Paris',
    });
    expect(profileChange(me, draft({ savedZone: null, timeZone: '' }))).toBeNull();
  });
});

describe('status action', () => {
  const shown: CustomStatus = { emoji: '🌴', text: 'Away', clearAt: '2026-05-06T14:00:00.000Z' };

  it('sets a new status with its clearing time', () => {
    expect(statusAction(draft({}, { emoji: '🌴', text: ' Away ', clearAfter: '30m' }))).toEqual({
      kind: 'set',
      body: { emoji: '🌴', text: 'Away', clearAt: '2026-05-06T12:30:00.000Z' },
    });
    expect(statusAction(draft({}, { text: 'Busy', clearAfter: 'never' }))).toEqual({
      kind: 'set',
      body: { emoji: '', text: 'Busy' },
    });
  });

  it('leaves an unchanged status alone, and keeps its time when asked', () => {
    expect(statusAction(draft({ shown }, { emoji: '🌴', text: 'Away', clearAfter: 'keep' }))).toEqual({ kind: 'none' });
    expect(statusAction(draft({ shown }, { emoji: '🤒', text: 'Away', clearAfter: 'keep' }))).toEqual({
      kind: 'set',
      body: { emoji: '🤒', text: 'Away', clearAt: shown.clearAt },
    });
    // Choosing "don't clear" for a status that would clear is a change.
    expect(statusAction(draft({ shown }, { emoji: '🌴', text: 'Away', clearAfter: 'never' }))).toEqual({
      kind: 'set',
      body: { emoji: '🌴', text: 'Away' },
    });
  });

  it('clears a status whose emoji and text were both emptied, and does nothing without one', () => {
    expect(statusAction(draft({ shown }, { emoji: '', text: '  ' }))).toEqual({ kind: 'clear' });
    expect(statusAction(draft({}, { emoji: '', text: '' }))).toEqual({ kind: 'none' });
  });
});
