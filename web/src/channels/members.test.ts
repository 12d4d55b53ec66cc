import { describe, expect, it } from 'vitest';
import type { Member, MembersChanged } from '../api/types.generated';
import { membersAfterChange } from './members';

const NOW = '2024-05-01T00:00:00Z';
const ann: Member = { userID: 'ann', role: 'owner', joinedAt: '2024-01-01T00:00:00Z' };
const bob: Member = { userID: 'bob', role: 'member', joinedAt: '2024-01-02T00:00:00Z' };

const change = (userID: string, action: MembersChanged['action'], role: MembersChanged['role'] = null): MembersChanged => ({
  parentID: 'c1',
  parentType: 'channel',
  userID,
  action,
  role,
});

describe('membersAfterChange', () => {
  it('adds people who joined or were added', () => {
    expect(membersAfterChange([ann], change('bob', 'added', 'member'), NOW)).toEqual([
      ann,
      { userID: 'bob', role: 'member', joinedAt: NOW },
    ]);
    expect(membersAfterChange([ann], change('cy', 'joined'), NOW)[1]).toMatchObject({ userID: 'cy', role: 'member' });
  });

  it('drops people who left or were removed', () => {
    expect(membersAfterChange([ann, bob], change('bob', 'removed'), NOW)).toEqual([ann]);
    expect(membersAfterChange([ann, bob], change('bob', 'left'), NOW)).toEqual([ann]);
  });

  it('changes roles, and changes nothing it already knows', () => {
    expect(membersAfterChange([ann, bob], change('bob', 'role', 'admin'), NOW)[1]).toMatchObject({ role: 'admin' });
    const members = [ann, bob];
    expect(membersAfterChange(members, change('bob', 'added', 'member'), NOW)).toBe(members);
    expect(membersAfterChange(members, change('zed', 'left'), NOW)).toBe(members);
  });
});
