// Who may do what to a channel: the same rules as shared/domain/src/permissions.rs, used to hide
// what the user cannot do. The server checks again; a 403 is still shown as a message.
import type { Channel, ChannelRole, Role } from '../api/types.generated';

/** #general's fixed id: it cannot be archived or left. */
export const GENERAL_CHANNEL_ID = '00000000000000000000000001';

const POWER: Record<ChannelRole, number> = { member: 0, admin: 1, owner: 2 };

/** A system admin, or at least `needed` in the channel (`null`: not a member). */
function atLeast(role: Role, channelRole: ChannelRole | null, needed: ChannelRole): boolean {
  return role === 'admin' || (channelRole !== null && POWER[channelRole] >= POWER[needed]);
}

export function isGeneral(channel: Pick<Channel, 'id'>): boolean {
  return channel.id === GENERAL_CHANNEL_ID;
}

export function canCreateChannel(role: Role): boolean {
  return role !== 'guest';
}

export function canBrowseDirectory(role: Role): boolean {
  return role !== 'guest';
}

export function canJoin(role: Role, channel: Channel): boolean {
  return channel.type === 'public' && !channel.archived && (role !== 'guest' || isGeneral(channel));
}

/** Rename and describe. */
export function canUpdate(role: Role, channelRole: ChannelRole | null): boolean {
  return atLeast(role, channelRole, 'admin');
}

export function canArchive(role: Role, channelRole: ChannelRole | null, channel: Channel): boolean {
  return !isGeneral(channel) && atLeast(role, channelRole, 'owner');
}

export function canLeave(channelRole: ChannelRole | null, channel: Channel): boolean {
  return channelRole !== null && !isGeneral(channel);
}

/** Guests add nobody, whatever their place in the channel (a member made guest may own one). */
export function canAddMember(role: Role, channelRole: ChannelRole | null, granted: ChannelRole): boolean {
  if (role === 'guest') return false;
  return atLeast(role, channelRole, granted);
}

export function canRemoveMember(role: Role, channelRole: ChannelRole | null, target: ChannelRole): boolean {
  return atLeast(role, channelRole, target === 'owner' ? 'owner' : 'admin');
}

export function canChangeRole(
  role: Role,
  channelRole: ChannelRole | null,
  from: ChannelRole,
  to: ChannelRole,
): boolean {
  return atLeast(role, channelRole, from === 'owner' || to === 'owner' ? 'owner' : 'admin');
}

/** The roles the user may move a member between, from `from` (itself included). */
export function assignableRoles(role: Role, channelRole: ChannelRole | null, from: ChannelRole): ChannelRole[] {
  return (['member', 'admin', 'owner'] as const).filter(
    (to) => to === from || canChangeRole(role, channelRole, from, to),
  );
}
