import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { ParentRef } from '../api/paths';
import type { Message } from '../api/types.generated';
import { useUserNames } from '../users/useUsers';
import { continuesGroup } from './grouping';
import type { MessagesState, PendingMessage } from './messageStore';
import { MessageItem } from './MessageItem';
import { PendingMessageItem } from './PendingMessageItem';
import { SystemMessageItem } from './SystemMessageItem';
import { useScrollAnchor } from './useScrollAnchor';

/** Start loading the older page this close to the top, before the reader reaches it. */
const LOAD_OLDER_WITHIN_PX = 300;

type MessageListProps = {
  /** What the messages are in, for screen readers: "#general", "Ann and Bob". */
  label: string;
  /** Shown above the first message once the reader reaches it. */
  beginning: ReactNode;
  state: MessagesState;
  /** Where the messages are, for acting on them (reactions). */
  parent: ParentRef;
  myName: string;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (clientNonce: string) => void;
  onDiscard: (clientNonce: string) => void;
};

/** A confirmed message keeps the key of its optimistic copy, so React reuses the row. */
function itemKey(item: Message | PendingMessage): string {
  if (item.clientNonce) return `nonce:${item.clientNonce}`;
  return 'id' in item ? item.id : '';
}

export function MessageList(props: MessageListProps) {
  const { label, beginning, state, parent, myName, loadingOlder, onLoadOlder, onRetry, onDiscard } = props;
  const { messages, pending, hasMoreOlder } = state;
  const ref = useRef<HTMLDivElement>(null);

  // Authors, the people system messages are about, and who reacted.
  const authorIds = useMemo(
    () =>
      messages.flatMap((m) => [
        m.authorID,
        ...(m.system?.targetID ? [m.system.targetID] : []),
        ...Object.values(m.reactions).flatMap((users) => users ?? []),
      ]),
    [messages],
  );
  const nameOf = useUserNames(authorIds);

  const first = messages[0] ?? pending[0];
  const last = pending[pending.length - 1] ?? messages[messages.length - 1];
  const newestSending = pending.findLast((p) => p.status === 'sending');
  const onScrollAnchor = useScrollAnchor(
    ref,
    first && itemKey(first),
    last && itemKey(last),
    newestSending?.clientNonce,
  );

  // Too few messages to scroll: nothing will ever scroll to the top, so load on.
  useEffect(() => {
    const el = ref.current;
    if (el && hasMoreOlder && el.scrollHeight <= el.clientHeight) onLoadOlder();
  }, [messages, hasMoreOlder, onLoadOlder]);

  const onScroll = () => {
    onScrollAnchor();
    const el = ref.current;
    if (el && hasMoreOlder && el.scrollTop < LOAD_OLDER_WITHIN_PX) onLoadOlder();
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
          if (message.system) {
            return (
              <SystemMessageItem key={itemKey(message)} message={message} note={message.system} nameOf={nameOf} />
            );
          }
          const previous = messages[i - 1];
          return (
            <MessageItem
              key={itemKey(message)}
              message={message}
              authorName={nameOf(message.authorID)}
              parent={parent}
              nameOf={nameOf}
              compact={!previous?.system && continuesGroup(previous, message)}
            />
          );
        })}
        {pending.map((p) => (
          <PendingMessageItem
            key={itemKey(p)}
            pending={p}
            authorName={myName}
            onRetry={onRetry}
            onDiscard={onDiscard}
          />
        ))}
      </ol>
    </div>
  );
}
