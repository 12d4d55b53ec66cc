import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import { channelUrl, conversationUrl } from '../core/paths';
import type { ThreadSummary } from '../api/types.generated';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { useConversationTitles } from '../conversations/useConversationTitle';
import { Markdown } from '../markdown/Markdown';
import { formatFullTime, formatMessageTime } from '../messages/formatTime';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { useSidebar } from '../sidebar/SidebarProvider';
import { useHandleNames, useUserNames } from '../users/useUsers';
import { fetchFollowedThreads } from './api';
import { newReplies, sortThreads } from './threads';
import { DrawerButton } from '../shell/drawer';

/** The route `/threads`: the threads the reader follows, newest activity first, with what is new. */
export function ThreadsPage() {
  const { api } = useServices();
  const { sidebar } = useSidebar();
  const [threads, setThreads] = useState<ThreadSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const conversations = useMemo(() => sidebar?.conversations.map((c) => c.conversation) ?? [], [sidebar]);
  const conversationTitle = useConversationTitles(conversations);
  const nameOf = useUserNames((threads ?? []).flatMap((t) => [t.root.authorID, ...t.root.recentReplierIDs]));

  useEffect(() => {
    document.title = 'Threads · Parley';
    let cancelled = false;
    fetchFollowedThreads(api).then(
      (loaded) => {
        if (cancelled) return;
        setThreads(sortThreads(loaded));
        setError(null);
      },
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, attempt]);

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  // Replies, follows and edits while the socket was down (or an event lost): read the list again.
  useRealtimeOpen(refresh);
  useRealtimeEvent((event) => {
    if (event.type === 'thread.followed') refresh();
    if (event.type === 'message.updated' && threads?.some((t) => t.root.id === event.data.id)) {
      const root = event.data;
      setThreads((current) => current && sortThreads(current.map((t) => (t.root.id === root.id ? { ...t, root } : t))));
    }
  });

  const where = (t: ThreadSummary): { label: string; href: string } | null => {
    if (t.root.parentType === 'channel') {
      const item = sidebar?.channels.find((c) => c.channel.id === t.root.parentID);
      return item ? { label: `#${item.channel.name}`, href: channelUrl(item.channel.slug) } : null;
    }
    const item = conversations.find((c) => c.id === t.root.parentID);
    return item ? { label: conversationTitle(item), href: conversationUrl(item.id) } : null;
  };

  return (
    <section className="channel threads-page" aria-label="Threads">
      <header className="channel-header">
        <DrawerButton />
        <div className="channel-header-text">
          <h1 className="channel-title">Threads</h1>
          <p className="channel-description">Threads you follow: the ones you started or replied to, or chose to follow.</p>
        </div>
      </header>
      <div className="threads-body">
        {error && <p className="error-text">{error}</p>}
        {!threads && !error && <p className="muted">Loading…</p>}
        {threads?.length === 0 && (
          <p className="muted" data-testid="threads-empty">
            No threads yet. Reply to a message, or follow a thread, and it shows here.
          </p>
        )}
        <ol className="thread-summaries">
          {threads?.map((t) => {
            const place = where(t);
            return place && <ThreadRow key={t.root.id} summary={t} place={place} nameOf={nameOf} />;
          })}
        </ol>
      </div>
    </section>
  );
}

type ThreadRowProps = {
  summary: ThreadSummary;
  place: { label: string; href: string };
  nameOf: (id: string) => string;
};

function ThreadRow({ summary, place, nameOf }: ThreadRowProps) {
  const me = useCurrentUser();
  const { root } = summary;
  const mentionName = useHandleNames(root.mentionIDs);
  const unread = newReplies(summary);
  const lastAt = root.lastReplyAt ?? root.createdAt;
  return (
    <li className="thread-summary" data-testid="thread-summary" data-root-id={root.id}>
      <div className="thread-summary-head">
        <span className="thread-summary-place">{place.label}</span>
        <span className="message-author">{nameOf(root.authorID)}</span>
        <time className="message-time" dateTime={lastAt} title={formatFullTime(lastAt)}>
          {formatMessageTime(lastAt)}
        </time>
        {unread > 0 && (
          <span className="unread-badge" data-testid="thread-unread">
            {unread} new
          </span>
        )}
      </div>
      <div className="message-body">
        {root.deleted ? <em>This message was deleted.</em> : <Markdown body={root.body} mentionName={mentionName} myHandle={me.handle} />}
      </div>
      <Link to={`${place.href}?thread=${encodeURIComponent(root.id)}`} className="thread-summary-open" data-testid="thread-open">
        {root.replyCount === 1 ? '1 reply' : `${root.replyCount} replies`} · Open thread
      </Link>
    </li>
  );
}
