import { NavLink } from 'react-router-dom';
import type { MyChannel } from '../api/types.generated';
import { ConnectionBadge } from '../realtime/ConnectionBadge';
import { CurrentUser } from '../shell/CurrentUser';

type SidebarProps = {
  channels: MyChannel[] | null;
  error: string | null;
  unread: ReadonlySet<string>;
};

export function Sidebar({ channels, error, unread }: SidebarProps) {
  return (
    <nav className="sidebar" aria-label="Workspace">
      <header className="sidebar-header">
        <span className="workspace-name">Parley</span>
        <ConnectionBadge />
      </header>
      <h2 className="sidebar-heading">Channels</h2>
      {error && <p className="sidebar-error">{error}</p>}
      {!channels && !error && <p className="sidebar-muted">Loading…</p>}
      <ul className="channel-list">
        {channels?.map((channel) => (
          <li key={channel.channelID}>
            <ChannelLink channel={channel} unread={unread.has(channel.channelID)} />
          </li>
        ))}
      </ul>
      <CurrentUser />
    </nav>
  );
}

function ChannelLink({ channel, unread }: { channel: MyChannel; unread: boolean }) {
  const className = ({ isActive }: { isActive: boolean }) =>
    ['channel-link', isActive && 'is-active', unread && 'is-unread'].filter(Boolean).join(' ');
  return (
    <NavLink
      to={`/c/${channel.slug}`}
      className={className}
      data-testid="channel-link"
      data-slug={channel.slug}
      data-unread={unread || undefined}
    >
      <span className="channel-hash" aria-hidden="true">
        #
      </span>
      {channel.name}
      {unread && <span className="visually-hidden"> (unread)</span>}
    </NavLink>
  );
}
