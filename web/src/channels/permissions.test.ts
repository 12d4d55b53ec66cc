import { describe, expect, it } from 'vitest';
import type { Channel } from '../api/types.generated';
import {
  assignableRoles,
  canAddMember,
  canArchive,
  canBrowseDirectory,
  canChangeRole,
  canCreateChannel,
  canJoin,
  canLeave,
  canRemoveMember,
  canUpdate,
  GENERAL_CHANNEL_ID,
} from './permissions';

const channel = (extra: Partial<Channel> = {}): Channel => ({
  id: '01HCHANNEL0000000000000000',
  name: 'news',
  slug: 'news',
  description: '',
  type: 'public',
  createdBy: 'u1',
  archived: false,
  createdAt: '2024-01-01T00:00:00Z',
  lastSeq: 0,
  lastMessageAt: null,
  ...extra,
});
const general = channel({ id: GENERAL_CHANNEL_ID, name: 'general', slug: 'general' });

describe('channel permissions', () => {
  it('keeps guests out of creating, browsing and joining beyond #general', () => {
    expect(canCreateChannel('guest')).toBe(false);
    expect(canBrowseDirectory('guest')).toBe(false);
    expect(canCreateChannel('member')).toBe(true);
    expect(canJoin('guest', channel())).toBe(false);
    expect(canJoin('guest', general)).toBe(true);
  });

  it('does not let anyone join private or archived channels', () => {
    expect(canJoin('admin', channel({ type: 'private' }))).toBe(false);
    expect(canJoin('member', channel({ archived: true }))).toBe(false);
  });

  it('lets channel admins edit, and owners (or system admins) archive, never #general', () => {
    expect(canUpdate('member', 'admin')).toBe(true);
    expect(canUpdate('member', 'member')).toBe(false);
    expect(canUpdate('admin', null)).toBe(true);
    expect(canArchive('member', 'owner', channel())).toBe(true);
    expect(canArchive('member', 'admin', channel())).toBe(false);
    expect(canArchive('admin', 'owner', general)).toBe(false);
  });

  it('lets members leave anything but #general', () => {
    expect(canLeave('member', channel())).toBe(true);
    expect(canLeave(null, channel())).toBe(false);
    expect(canLeave('owner', general)).toBe(false);
  });

  it('grants at most the adder’s own power, and takes an owner to remove or make owners', () => {
    expect(canAddMember('member', 'member', 'member')).toBe(true);
    expect(canAddMember('guest', 'member', 'member')).toBe(false);
    expect(canAddMember('guest', 'owner', 'owner')).toBe(false);
    expect(canAddMember('member', 'member', 'admin')).toBe(false);
    expect(canRemoveMember('member', 'admin', 'member')).toBe(true);
    expect(canRemoveMember('member', 'admin', 'owner')).toBe(false);
    expect(canChangeRole('member', 'admin', 'member', 'owner')).toBe(false);
    expect(canChangeRole('member', 'owner', 'owner', 'admin')).toBe(true);
  });

  it('lists the roles a member may be moved to', () => {
    expect(assignableRoles('member', 'admin', 'member')).toEqual(['member', 'admin']);
    expect(assignableRoles('member', 'owner', 'member')).toEqual(['member', 'admin', 'owner']);
    expect(assignableRoles('member', 'admin', 'owner')).toEqual(['owner']);
  });
});
