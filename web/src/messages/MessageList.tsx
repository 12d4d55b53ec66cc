import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode, type RefObject } from 'react';
import type { Message } from '../api/types.generated';
import { useUserNames } from '../users/useUsers';
import { continuesGroup } from './grouping';
import type { MessagesState, PendingMessage } from './messageStore';
import { MessageItem } from './MessageItem';
import { useMessageScope } from './MessageScope';
import { PendingMessageItem } from './PendingMessageItem';
import { SystemMessageItem } from './SystemMessageItem';
import { useScrollAnchor } from './useScrollAnchor';

/** Start loading the next page this close to either end, before the reader reaches it. */
const LOAD_WITHIN_PX = 300;

type MessageListProps = {
  /** What the messages are in, for screen readers: "#general", "Ann and Bob". */
  label: string;
  /** Shown above the first message once the reader reaches it. */
  beginning: ReactNode;
  state: MessagesState;
  myName: string;
  /** The first unread message, with the "New messages" line above it. */
  dividerBefore: string | null;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onLoadNewer: () => void;
  onJumpToNewest: () => void;
  onRetry: (clientNonce: string) => void;
  onDiscard: (clientNonce: string) => void;
};

/** A confirmed message keeps the key of its optimistic copy, so React reuses the row. */
function itemKey(item: Message | PendingMessage): string {
  if (item.clientNonce) return `nonce:${item.clientNonce}`;
  return 'id' in item ? item.id : '';
}

/** Everyone a list shows by name: authors, people system lines are about, reactions, repliers. */
function peopleIn(messages: readonly Message[]): string[] {
  return messages.flatMap((m) => [
    m.authorID,
    ...(m.system?.targetID ? [m.system.targetID] : []),
    ...Object.values(m.reactions).flatMap((users) => users ?? []),
    ...m.recentReplierIDs,
    ...(m.pinnedBy ? [m.pinnedBy] : []),
  ]);
}

export function MessageList(props: MessageListProps) {
  const { label, beginning, state, myName, dividerBefore, loadingOlder } = props;
  const { onLoadOlder, onLoadNewer, onJumpToNewest, onRetry, onDiscard } = props;
  const { messages, pending, hasMoreOlder, hasMoreNewer } = state;
  const { highlightId } = useMessageScope();
  const ref = useRef<HTMLDivElement>(null);
  const people = useMemo(() => peopleIn(messages), [messages]);
  const nameOf = useUserNames(people);

  const first = messages[0] ?? pending[0];
  const last = pending[pending.length - 1] ?? messages[messages.length - 1];
  const newestSending = pending.findLast((p) => p.status === 'sending');
  const onScrollAnchor = useScrollAnchor(ref, first && itemKey(first), last && itemKey(last), newestSending?.clientNonce);
  useScrollToTarget(ref, highlightId, dividerBefore, messages.length > 0);

  // After "jump to the newest", the list lands at the bottom once the newest page is in.
  const jumping = useRef(false);
  const lastKey = last && itemKey(last);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !jumping.current || hasMoreNewer) return;
    jumping.current = false;
    el.scrollTop = el.scrollHeight;
  }, [lastKey, hasMoreNewer]);

  // Too few messages to scroll: nothing will ever scroll to an end, so load on.
  useEffect(() => {
    const el = ref.current;
    if (!el || el.scrollHeight > el.clientHeight) return;
    if (hasMoreOlder) onLoadOlder();
    else if (hasMoreNewer) onLoadNewer();
  }, [messages, hasMoreOlder, hasMoreNewer, onLoadOlder, onLoadNewer]);

  const onScroll = () => {
    onScrollAnchor();
    const el = ref.current;
    if (!el) return;
    if (hasMoreOlder && el.scrollTop < LOAD_WITHIN_PX) onLoadOlder();
    if (hasMoreNewer && el.scrollHeight - el.scrollTop - el.clientHeight < LOAD_WITHIN_PX) onLoadNewer();
  };

  return (
    <div
      className="message-list"
      ref={ref}
      onScroll={onScroll}
      data-testid="message-list"
      role="log"
      aria-label={`Messages in ${label}`}
    >
      <div className="message-list-top">
        {hasMoreOlder ? (
          loadingOlder && <span className="muted">Loading older messages…</span>
        ) : (
          <p className="channel-start">{beginning}</p>
        )}
      </div>
      <ol className="messages">
        {messages.map((message, i) => {
          const previous = messages[i - 1];
          const divider = message.id === dividerBefore;
          return (
            <Fragment key={itemKey(message)}>
              {divider && (
                <li className="unread-divider" data-testid="unread-divider" role="separator">
                  <span>New messages</span>
                </li>
              )}
              {message.system ? (
                <SystemMessageItem message={message} note={message.system} nameOf={nameOf} />
              ) : (
                <MessageItem
                  message={message}
                  authorName={nameOf(message.authorID)}
                  nameOf={nameOf}
                  compact={!divider && !previous?.system && continuesGroup(previous, message)}
                />
              )}
            </Fragment>
          );
        })}
        {pending.map((p) => (
          <PendingMessageItem key={itemKey(p)} pending={p} authorName={myName} onRetry={onRetry} onDiscard={onDiscard} />
        ))}
      </ol>
      {hasMoreNewer && (
        <div className="message-list-bottom">
          <button
            type="button"
            className="button"
            data-testid="jump-to-newest"
            onClick={() => {
              jumping.current = true;
              onJumpToNewest();
            }}
          >
            Jump to the newest messages ↓
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * Brings the linked message (each time the link changes) or, when opening with unread messages,
 * the "New messages" line into view, after the scroll anchor has put the list at the bottom.
 */
function useScrollToTarget(
  ref: RefObject<HTMLDivElement | null>,
  highlightId: string | null,
  dividerBefore: string | null,
  loaded: boolean,
) {
  const done = useRef<{ highlight: string | null; divider: boolean }>({ highlight: null, divider: false });
  useLayoutEffect(() => {
    const list = ref.current;
    if (!list || !loaded) return;
    if (highlightId && done.current.highlight !== highlightId) {
      const el = list.querySelector(`[data-message-id="${CSS.escape(highlightId)}"]`);
      if (el) {
        el.scrollIntoView({ block: 'center' });
        done.current = { highlight: highlightId, divider: true };
      }
      return;
    }
    if (dividerBefore && !done.current.divider) {
      done.current.divider = true;
      const el = list.querySelector('[data-testid="unread-divider"]');
      // Only when the line is above what shows: a short unread run is already in view.
      if (el && el.getBoundingClientRect().top < list.getBoundingClientRect().top) el.scrollIntoView({ block: 'start' });
    }
  }, [ref, highlightId, dividerBefore, loaded]);
}
