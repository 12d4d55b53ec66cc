import { describe, expect, it } from 'vitest';
import type { Channel, SidebarChannel } from '../api/types.generated';
import { GENERAL_CHANNEL_ID } from '../channels/permissions';
import { emailProblem, invitableChannels } from './invitable';

function row(id: string, name: string, archived = false): SidebarChannel {
  const channel: Channel = {
    id,
    name,
    slug: name,
    description: '',
    type: 'public',
    createdBy: 'u',
    archived,
    createdAt: '2026-01-01T00:00:00Z',
    lastSeq: 0,
    lastMessageAt: null,
  };
  return {
    channel,
    membership: {} as SidebarChannel['membership'],
  };
}

describe('invitableChannels', () => {
  it('leaves out #general and archived channels, and sorts by name', () => {
    const rows = [row('3', 'zeta'), row(GENERAL_CHANNEL_ID, 'general'), row('2', 'old', true), row('1', 'alpha')];
    expect(invitableChannels(rows).map((c) => c.name)).toEqual(['alpha', 'zeta']);
  });
});

describe('emailProblem', () => {
  it('wants one @ and no spaces', () => {
    expect(emailProblem('')).not.toBeNull();
    expect(emailProblem('gwen')).not.toBeNull();
    expect(emailProblem('gwen smith@example.com')).not.toBeNull();
    expect(emailProblem(' gwen@example.com ')).toBeNull();
  });
});
