import { useEffect, useMemo, useRef } from 'react';
import type { Message } from '../api/types.generated';
import { useUserNames } from '../users/useUsers';
import { continuesGroup } from './grouping';
import type { MessagesState, PendingMessage } from './messageStore';
import { MessageItem } from './MessageItem';
import { PendingMessageItem } from './PendingMessageItem';
import { useScrollAnchor } from './useScrollAnchor';

/** Start loading the older page this close to the top, before the reader reaches it. */
const LOAD_OLDER_WITHIN_PX = 300;

type MessageListProps = {
  channelName: string;
  state: MessagesState;
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
  const { channelName, state, myName, loadingOlder, onLoadOlder, onRetry, onDiscard } = props;
  const { messages, pending, hasMoreOlder } = state;
  const ref = useRef<HTMLDivElement>(null);

  const authorIds = useMemo(() => messages.map((m) => m.authorID), [messages]);
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
      aria-label={`Messages in #${channelName}`}
    >
      <div className="message-list-top">
        {hasMoreOlder ? (
          loadingOlder && <span className="muted">Loading older messages…</span>
        ) : (
          <p className="channel-start">
            This is the very beginning of <strong>#{channelName}</strong>.
          </p>
        )}
      </div>
      <ol className="messages">
        {messages.map((message, i) => (
          <MessageItem
            key={itemKey(message)}
            message={message}
            authorName={nameOf(message.authorID)}
            compact={continuesGroup(messages[i - 1], message)}
          />
        ))}
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
