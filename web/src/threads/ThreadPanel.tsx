import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ParentRef } from '../api/routes';
import { useCurrentUser } from '../auth/session';
import { DropOverlay, useFileDrop } from '../files/FileDrop';
import { useUploads } from '../files/useUploads';
import { Composer } from '../messages/Composer';
import { MessageItem } from '../messages/MessageItem';
import { lastEditable, MessageScopeProvider, type MessageScope } from '../messages/MessageScope';
import { useScrollAnchor } from '../messages/useScrollAnchor';
import { TypingIndicator } from '../typing/TypingIndicator';
import { useTyping } from '../typing/useTyping';
import { useUserNames } from '../users/useUsers';
import { useThread } from './useThread';
import { PanelClose } from '../ui/PanelClose';

type ThreadPanelProps = {
  parent: ParentRef;
  parentHref: string;
  rootId: string;
  canModerate: boolean;
  /** Offer @all and @here (channels and groups). */
  groupMentions: boolean;
  onClose: () => void;
};

/** A thread beside the conversation: its root, the replies, who is typing, and a composer. */
export function ThreadPanel({ parent, parentHref, rootId, canModerate, groupMentions, onClose }: ThreadPanelProps) {
  const me = useCurrentUser().id;
  const [params] = useSearchParams();
  const { thread, error, sendError, send, toggleFollow, update } = useThread(parent, rootId);
  const typing = useTyping(parent, rootId);
  const [editingId, setEditingId] = useState<string | null>(null);
  const uploads = useUploads();
  const canReply = thread !== null && !thread.root.deleted;
  const drop = useFileDrop(canReply ? uploads.add : null);
  const linked = params.get('message');
  const highlightId = linked && linked !== rootId ? linked : null;
  const list = useRef<HTMLOListElement>(null);

  const messages = useMemo(() => (thread ? [thread.root, ...thread.replies] : []), [thread]);
  const people = useMemo(
    () => messages.flatMap((m) => [m.authorID, ...Object.values(m.reactions).flatMap((u) => u ?? [])]),
    [messages],
  );
  const nameOf = useUserNames(people);

  // New replies come into view while the reader is at the bottom (always after their own); a
  // reader scrolled up is left there. A linked reply is brought into view once.
  const myNewest = thread?.replies.findLast((r) => r.authorID === me)?.id;
  const onScroll = useScrollAnchor(list, messages[0]?.id, messages[messages.length - 1]?.id, myNewest);
  const count = messages.length;
  const shownLink = useRef<string | null>(null);
  useEffect(() => {
    const el = list.current;
    if (!el || !highlightId || shownLink.current === highlightId) return;
    const target = el.querySelector(`[data-message-id="${CSS.escape(highlightId)}"]`);
    if (target) {
      shownLink.current = highlightId;
      target.scrollIntoView({ block: 'center' });
    }
  }, [count, highlightId]);

  const scope = useMemo(
    (): MessageScope => ({
      parent,
      parentHref,
      canModerate,
      inThread: true,
      editingId,
      setEditingId,
      openThread: () => undefined,
      markUnread: null,
      highlightId,
      onUpdated: update,
    }),
    [parent, parentHref, canModerate, editingId, highlightId, update],
  );

  return (
    <aside className="side-panel thread-panel" data-testid="thread-panel" aria-label="Thread" {...drop.handlers}>
      {drop.over && <DropOverlay target="the thread" />}
      <header className="side-panel-header">
        <h2 className="side-panel-title">Thread</h2>
        {thread && (
          <button
            type="button"
            className="button"
            data-testid="follow-toggle"
            aria-pressed={thread.following}
            title={thread.following ? 'Stop getting notified of replies' : 'Get notified of replies'}
            onClick={toggleFollow}
          >
            {thread.following ? 'Following' : 'Follow'}
          </button>
        )}
        <PanelClose label="Close the thread" onClose={onClose} />
      </header>
      {error && <p className="error-text side-panel-note">{error}</p>}
      {!thread && !error && <p className="muted side-panel-note">Loading…</p>}
      <MessageScopeProvider value={scope}>
        {thread && (
          <ol className="messages thread-messages" ref={list} onScroll={onScroll}>
            {messages.map((m, i) => (
              <Fragment key={m.id}>
                <MessageItem
                  message={m}
                  authorName={nameOf(m.authorID)}
                  nameOf={nameOf}
                  compact={false}
                  testId={i === 0 ? 'thread-root' : 'thread-reply'}
                />
                {i === 0 && (
                  <li className="thread-divider">
                    {thread.replies.length === 1 ? '1 reply' : `${thread.replies.length} replies`}
                  </li>
                )}
              </Fragment>
            ))}
          </ol>
        )}
        {canReply && (
          <>
            <TypingIndicator typists={typing.typists} />
            <Composer
              key={rootId}
              target="the thread"
              onSend={send}
              error={sendError}
              onTyping={typing.typed}
              draftScope={{ parentType: parent.type, parentID: parent.id, threadRootID: rootId }}
              groupMentions={groupMentions}
              uploads={uploads}
              onEditLast={() => {
                const last = lastEditable(thread.replies, me);
                if (last) setEditingId(last.id);
                return last !== null;
              }}
            />
          </>
        )}
      </MessageScopeProvider>
    </aside>
  );
}
