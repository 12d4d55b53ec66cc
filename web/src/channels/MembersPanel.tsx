import { useMemo, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Channel, ChannelRole, Member, Membership, UserView } from '../api/types.generated';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { PresenceDot } from '../presence/PresenceDot';
import { PersonName } from '../profile/ProfileCard';
import { Avatar } from '../users/Avatar';
import { UserPicker } from '../users/UserPicker';
import { useUserNames } from '../users/useUsers';
import { addMember, changeMemberRole, removeMember } from './api';
import { assignableRoles, canAddMember, canRemoveMember } from './permissions';
import type { ChannelMembers } from './useMembers';
import { PanelClose } from '../ui/PanelClose';

type MembersPanelProps = {
  channel: Channel;
  membership: Membership | null;
  members: ChannelMembers;
  onClose: () => void;
};

const ROLE_LABELS: Record<ChannelRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };
const ROLE_ORDER: Record<ChannelRole, number> = { owner: 0, admin: 1, member: 2 };

/** The channel's members: add people, change roles, remove people, as far as the user may. */
export function MembersPanel({ channel, membership, members, onClose }: MembersPanelProps) {
  const { api } = useServices();
  const user = useCurrentUser();
  const channelRole = membership?.role ?? null;
  const ids = useMemo(() => members.members.map((m) => m.userID), [members.members]);
  const nameOf = useUserNames(ids);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<UserView[]>([]);
  const [busy, setBusy] = useState(false);
  const memberIds = useMemo(() => new Set(ids), [ids]);
  const sorted = [...members.members].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || nameOf(a.userID).localeCompare(nameOf(b.userID)),
  );
  const mayAdd = !channel.archived && canAddMember(user.role, channelRole, 'member');

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const add = () =>
    act(async () => {
      // One at a time, so a refusal names who was not added.
      for (const person of adding) {
        members.upsert(await addMember(api, channel.id, person.id));
        setAdding((left) => left.filter((p) => p.id !== person.id));
      }
    });

  return (
    <aside className="side-panel" data-testid="members-panel" aria-label="Members">
      <header className="side-panel-header">
        <h2 className="side-panel-title">Members</h2>
        <PanelClose label="Close members" onClose={onClose} />
      </header>
      {members.error && <p className="error-text">{members.error}</p>}
      {error && (
        <p className="error-text" role="alert" data-testid="members-error">
          {error}
        </p>
      )}
      {mayAdd && (
        <div className="members-add">
          <UserPicker label="Add people" selected={adding} onChange={setAdding} exclude={memberIds} />
          {adding.length > 0 && (
            <button
              type="button"
              className="button button-primary"
              data-testid="members-add-submit"
              disabled={busy}
              onClick={() => void add()}
            >
              Add {adding.length === 1 ? adding[0]?.displayName : `${adding.length} people`}
            </button>
          )}
        </div>
      )}
      {members.loading && <p className="muted">Loading members…</p>}
      <ul className="member-list">
        {sorted.map((member) => (
          <MemberRow
            key={member.userID}
            member={member}
            name={nameOf(member.userID)}
            isMe={member.userID === user.id}
            roles={assignableRoles(user.role, channelRole, member.role)}
            mayRemove={member.userID !== user.id && canRemoveMember(user.role, channelRole, member.role)}
            busy={busy}
            onRole={(role) =>
              void act(async () => members.upsert(await changeMemberRole(api, channel.id, member.userID, role)))
            }
            onRemove={() =>
              void act(async () => {
                await removeMember(api, channel.id, member.userID);
                members.remove(member.userID);
              })
            }
          />
        ))}
      </ul>
      {members.more && <p className="muted">And more.</p>}
    </aside>
  );
}

type MemberRowProps = {
  member: Member;
  name: string;
  isMe: boolean;
  /** The roles this member may be given (their own included); one means no choice. */
  roles: ChannelRole[];
  mayRemove: boolean;
  busy: boolean;
  onRole: (role: ChannelRole) => void;
  onRemove: () => void;
};

function MemberRow({ member, name, isMe, roles, mayRemove, busy, onRole, onRemove }: MemberRowProps) {
  return (
    <li className="member-row" data-testid="member-row" data-user-id={member.userID} data-role={member.role}>
      <span className="avatar-with-presence">
        <Avatar userId={member.userID} name={name} />
        <PresenceDot userId={member.userID} />
      </span>
      <span className="member-name">
        <PersonName userId={member.userID} name={name} testId="member-name" />
        {isMe && <span className="muted"> (you)</span>}
      </span>
      {roles.length > 1 ? (
        <select
          className="member-role"
          data-testid="member-role-select"
          aria-label={`Role of ${name}`}
          value={member.role}
          disabled={busy}
          onChange={(e) => onRole(e.target.value as ChannelRole)}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      ) : (
        <span className="member-role muted">{ROLE_LABELS[member.role]}</span>
      )}
      {mayRemove && (
        <button
          type="button"
          className="link-button"
          data-testid="member-remove"
          aria-label={`Remove ${name}`}
          disabled={busy}
          onClick={onRemove}
        >
          Remove
        </button>
      )}
    </li>
  );
}
