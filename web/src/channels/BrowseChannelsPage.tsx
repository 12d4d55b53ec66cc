import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import { channelUrl } from '../core/paths';
import type { Channel } from '../api/types.generated';
import { HOME_PATH } from '../core/paths';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { DIRECTORY_SEARCH_MAX_CHARS } from '../limits';
import { useSidebar } from '../sidebar/SidebarProvider';
import { autoFocus } from '../ui/autoFocus';
import { usePagedSearch } from '../lib/usePagedSearch';
import { joinChannel, listDirectory } from './api';
import { canBrowseDirectory } from './permissions';
import { DrawerButton } from '../shell/drawer';

/** `/browse`: the public channels, searchable, to open or join. Not for guests. */
export function BrowseChannelsPage() {
  const user = useCurrentUser();
  if (!canBrowseDirectory(user.role)) return <Navigate to={HOME_PATH} replace />;
  return <Browse />;
}

function Browse() {
  const [q, setQ] = useState('');
  const directory = usePagedSearch(q, listDirectory);
  const { sidebar } = useSidebar();
  const joined = new Set(sidebar?.channels.map((c) => c.channel.id));

  useEffect(() => {
    document.title = 'Browse channels · Parley';
  }, []);

  return (
    <section className="browse" aria-label="Browse channels">
      <header className="channel-header">
        <DrawerButton />
        <h1 className="channel-title">Browse channels</h1>
      </header>
      <div className="browse-body">
        <input
          className="text-input browse-search"
          type="search"
          data-testid="directory-search"
          aria-label="Search channels"
          placeholder="Search channels by name"
          maxLength={DIRECTORY_SEARCH_MAX_CHARS}
          ref={autoFocus}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        {directory.error && (
          <p className="error-text" role="alert">
            {directory.error}
          </p>
        )}
        <ul className="directory" data-testid="directory-list" aria-busy={directory.loading}>
          {directory.items.map((channel) => (
            <DirectoryRow key={channel.id} channel={channel} joined={joined.has(channel.id)} />
          ))}
        </ul>
        {!directory.loading && directory.items.length === 0 && !directory.error && (
          <p className="muted" data-testid="directory-empty">
            {q ? `No public channel matches “${q}”.` : 'There are no public channels yet.'}
          </p>
        )}
        {directory.loading && <p className="muted">Loading…</p>}
        {directory.hasMore && !directory.loading && (
          <button type="button" className="button" data-testid="directory-load-more" onClick={directory.loadMore}>
            Load more
          </button>
        )}
      </div>
    </section>
  );
}

function DirectoryRow({ channel, joined }: { channel: Channel; joined: boolean }) {
  const { api } = useServices();
  const { addChannel } = useSidebar();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const join = () => {
    setBusy(true);
    setError(null);
    joinChannel(api, channel.id).then(
      (item) => {
        addChannel(item);
        setBusy(false);
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      },
    );
  };

  return (
    <li
      className="directory-row"
      data-testid="directory-row"
      data-channel-id={channel.id}
      data-slug={channel.slug}
      onClick={() => void navigate(channelUrl(channel.slug))}
    >
      <div className="directory-text">
        <Link
          to={channelUrl(channel.slug)}
          className="directory-name"
          data-testid="directory-open"
          onClick={(e) => e.stopPropagation()}
        >
          #{channel.name}
        </Link>
        {channel.description && <p className="directory-description">{channel.description}</p>}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </div>
      {joined ? (
        <span className="tag" data-testid="joined-tag">
          Joined
        </span>
      ) : (
        <button
          type="button"
          className="button button-primary"
          data-testid="join-button"
          disabled={busy}
          onClick={(e) => {
            e.stopPropagation();
            join();
          }}
        >
          Join
        </button>
      )}
    </li>
  );
}
