import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import type { Message } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { DropOverlay, useFileDrop } from '../files/FileDrop';
import type { SentFile } from '../files/uploadQueue';
import { useUploads } from '../files/useUploads';
import { MentionNotice } from '../mentions/MentionNotice';
import { useMembership, useMarkRead } from '../sidebar/hooks';
import { useSidebar } from '../sidebar/SidebarProvider';
import { useOpenThread } from '../threads/useOpenThread';
import { TypingIndicator } from '../typing/TypingIndicator';
import { useTyping } from '../typing/useTyping';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { lastEditable, MessageScopeProvider, type MessageScope } from './MessageScope';
import { UnreadBar } from './UnreadBar';
import { unreadBarText, unreadCountAt } from './unreadBarText';
import { unreadDividerBefore, type ReadMark } from './unreadDivider';
import { newestSeqOf } from './messageStore';
import { useMessages } from './useMessages';
import { useEscapeToRead } from './useEscapeToRead';

type MessagePaneProps = {
  parent: ParentRef;
  /** The parent's page: `/c/general`, `/d/{id}`. */
  parentHref: string;
  /** "#general", "Ann and Bob". */
  label: string;
  beginning: ReactNode;
  /** A channel admin or owner, who may delete others' messages. */
  canModerate: boolean;
  /** Offer @all and @here, and to add people mentioned who are not in it (channels and groups). */
  groupMentions: boolean;
  /** Instead of the composer (an archived channel). */
  readOnlyNotice?: ReactNode;
};

/**
 * A channel's or conversation's messages and composer: opened at the read point (with a "New
 * messages" line) or at a linked message, marked read as it is seen, with typing, drafts, edits.
 */
export function MessagePane(props: MessagePaneProps) {
  const { parent, parentHref, label, beginning, canModerate, groupMentions, readOnlyNotice } = props;
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const thread = useOpenThread();
  const linked = params.get('message');
  // A link to a thread reply opens the thread, and the list around its root.
  const focusId = thread.rootId && linked ? thread.rootId : linked;
  const membership = useMembership(parent.id);
  const { markUnread, loadError: sidebarError } = useSidebar();
  // Opened without a link: loaded back to the read point (once the sidebar says where it is).
  const readPoint = membership === undefined && !sidebarError ? undefined : (membership?.lastReadSeq ?? null);
  const messages = useMessages(parent.type, parent.id, focusId, readPoint);
  const typing = useTyping(parent);
  const [editingId, setEditingId] = useState<string | null>(null);
  const uploads = useUploads();
  // Files dropped anywhere on the conversation go with the next message (not where nobody writes).
  const drop = useFileDrop(readOnlyNotice ? null : uploads.add);
  const [unreadError, setUnreadError] = useState<string | null>(null);

  const { state } = messages;
  const newestSeq = useMemo(() => newestSeqOf(state.messages), [state.messages]);
  // The read point as it was on opening (or as marked unread), taken once the first messages
  // are in and before they are marked read: the line stays put while the reader catches up.
  const [readMark, setReadMark] = useState<ReadMark | null>(null);
  if (readMark === null && membership && !messages.loading) {
    setReadMark({ lastReadSeq: membership.lastReadSeq, newestSeq });
  }
  // After "mark unread", reading stops moving the read point until the reader sends or leaves.
  const [holdRead, setHoldRead] = useState(false);
  useMarkRead(parent, readMark && newestSeq > 0 ? newestSeq : null, !holdRead);
  const dividerBefore = unreadDividerBefore(state.messages, readMark, user.id);
  const newestRef = useRef(newestSeq);
  useLayoutEffect(() => {
    newestRef.current = newestSeq;
  });

  // Escape or the bar's "Mark as read": the line and the bar go, and reading moves on again.
  const markRead = useCallback(() => {
    const seq = newestRef.current;
    setHoldRead(false);
    setReadMark({ lastReadSeq: seq, newestSeq: seq });
  }, []);
  useEscapeToRead(markRead, false);
  const firstUnread = dividerBefore ? state.messages.find((m) => m.id === dividerBefore) : undefined;
  const unreadText = unreadBarText(unreadCountAt(state.messages, readMark, user.id), firstUnread?.createdAt ?? null);

  const onMarkUnread = useCallback(
    (message: Message) => {
      setUnreadError(null);
      setHoldRead(true);
      markUnread(parent, message.id).then(
        (updated) => setReadMark({ lastReadSeq: updated.lastReadSeq, newestSeq: newestRef.current }),
        (err: unknown) => {
          setHoldRead(false);
          setUnreadError(errorMessage(err));
        },
      );
    },
    [markUnread, parent],
  );

  const scope = useMemo(
    (): MessageScope => ({
      parent,
      parentHref,
      canModerate,
      inThread: false,
      editingId,
      setEditingId,
      openThread: thread.open,
      markUnread: onMarkUnread,
      highlightId: thread.rootId && linked ? thread.rootId : linked,
      onUpdated: messages.update,
    }),
    [parent, parentHref, canModerate, editingId, thread.open, thread.rootId, onMarkUnread, linked, messages.update],
  );

  const send = (body: string, files: SentFile[]) => {
    setHoldRead(false);
    messages.send(body, files);
  };
  const editLast = () => {
    const last = lastEditable(state.messages, user.id);
    if (last) setEditingId(last.id);
    return last !== null;
  };

  return (
    <MessageScopeProvider value={scope}>
      <div className="message-pane" {...drop.handlers}>
        {drop.over && <DropOverlay target={label} />}
        {messages.loadError ? (
          <div className="main-message">
            <p className="error-text">{messages.loadError}</p>
            <button type="button" className="button" onClick={messages.reload}>
              Try again
            </button>
          </div>
        ) : messages.loading ? (
          <p className="main-message muted">Loading messages…</p>
        ) : (
          <MessageList
            label={label}
            beginning={beginning}
            state={state}
            myName={user.displayName}
            dividerBefore={dividerBefore}
            unreadBar={(jump) => <UnreadBar text={unreadText} onJump={jump} onMarkRead={markRead} />}
            loadingOlder={messages.loadingOlder}
            onLoadOlder={messages.loadOlder}
            onLoadNewer={messages.loadNewer}
            onJumpToNewest={messages.jumpToNewest}
            onRetry={messages.retry}
            onDiscard={messages.discard}
          />
        )}
        {unreadError && (
          <p className="inline-error pane-error" role="alert">
            {unreadError}
          </p>
        )}
        {readOnlyNotice ?? (
          <>
            <TypingIndicator typists={typing.typists} />
            <MentionNotice parent={parent} canAdd={groupMentions} />
            <Composer
              key={parent.id}
              target={label}
              onSend={send}
              error={messages.sendError}
              onTyping={typing.typed}
              draftScope={{ parentType: parent.type, parentID: parent.id, threadRootID: null }}
              onEditLast={editLast}
              groupMentions={groupMentions}
              uploads={uploads}
            />
          </>
        )}
      </div>
    </MessageScopeProvider>
  );
}
