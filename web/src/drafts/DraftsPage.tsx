import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Draft } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { useConversationTitles } from '../conversations/useConversationTitle';
import { channelUrl, conversationUrl } from '../core/paths';
import { Markdown } from '../markdown/Markdown';
import { formatFullTime, formatMessageTime } from '../messages/formatTime';
import { useSidebar } from '../sidebar/SidebarProvider';
import { useDraftStore } from './DraftsProvider';
import { draftKey } from './drafts';

/** The drafts as the store holds them, kept current as they change (here or on another device). */
function useAllDrafts(): { drafts: Draft[]; loaded: boolean } {
  const { store, loaded } = useDraftStore();
  const [drafts, setDrafts] = useState(() => store.all());
  useEffect(() => {
    setDrafts(store.all());
    return store.onChange(() => setDrafts(store.all()));
  }, [store, loaded]);
  return { drafts, loaded };
}

/** The route `/drafts`: every unsent draft, newest first, with where it is; each opens its place. */
export function DraftsPage() {
  const { drafts, loaded } = useAllDrafts();
  const { sidebar } = useSidebar();
  const conversations = useMemo(() => sidebar?.conversations.map((c) => c.conversation) ?? [], [sidebar]);
  const conversationTitle = useConversationTitles(conversations);

  useEffect(() => {
    document.title = 'Drafts · Parley';
  }, []);

  /** "#general" and its page, or null for a place the reader is no longer in. */
  const where = (draft: Draft): { label: string; href: string } | null => {
    const thread = draft.threadRootID ? `?thread=${encodeURIComponent(draft.threadRootID)}` : '';
    if (draft.parentType === 'channel') {
      const item = sidebar?.channels.find((c) => c.channel.id === draft.parentID);
      return item ? { label: `#${item.channel.name}`, href: `${channelUrl(item.channel.slug)}${thread}` } : null;
    }
    const item = conversations.find((c) => c.id === draft.parentID);
    return item ? { label: conversationTitle(item), href: `${conversationUrl(item.id)}${thread}` } : null;
  };

  const shown = drafts.flatMap((draft) => {
    const place = where(draft);
    return place ? [{ draft, place }] : [];
  });

  return (
    <section className="channel threads-page" aria-label="Drafts">
      <header className="channel-header">
        <div className="channel-header-text">
          <h1 className="channel-title">Drafts</h1>
          <p className="channel-description">What you started writing and have not sent, on any device.</p>
        </div>
      </header>
      <div className="threads-body">
        {!loaded && <p className="muted">Loading…</p>}
        {loaded && shown.length === 0 && (
          <p className="muted" data-testid="drafts-empty">
            No drafts. Text you type and do not send shows here.
          </p>
        )}
        <ol className="thread-summaries" data-testid="drafts-list">
          {shown.map(({ draft, place }) => (
            <DraftRow key={draftKey(draft)} draft={draft} place={place} />
          ))}
        </ol>
      </div>
    </section>
  );
}

function DraftRow({ draft, place }: { draft: Draft; place: { label: string; href: string } }) {
  const me = useCurrentUser();
  return (
    <li className="thread-summary" data-testid="draft-row" data-parent-id={draft.parentID}>
      <div className="thread-summary-head">
        <span className="thread-summary-place">
          {place.label}
          {draft.threadRootID && <span className="muted"> · in a thread</span>}
        </span>
        <time className="message-time" dateTime={draft.editedAt} title={formatFullTime(draft.editedAt)}>
          {formatMessageTime(draft.editedAt)}
        </time>
      </div>
      <div className="message-body">
        <Markdown body={draft.body} myHandle={me.handle} />
      </div>
      <Link to={place.href} className="thread-summary-open" data-testid="draft-open">
        Open {draft.threadRootID ? 'the thread' : place.label} to finish it
      </Link>
    </li>
  );
}
