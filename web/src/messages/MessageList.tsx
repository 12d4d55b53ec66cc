import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Message } from '../api/types.generated';
import { useUserNames } from '../users/useUsers';
import { DIVIDER_KEY, estimateRowSize, itemKey, listRows, type ListRow } from './listRows';
import type { MessagesState } from './messageStore';
import { MessageItem } from './MessageItem';
import { useMessageScope } from './MessageScope';
import { PendingMessageItem } from './PendingMessageItem';
import type { RowPlacement } from './rowAttributes';
import { SystemMessageItem } from './SystemMessageItem';
import { useListTargets } from './useListTargets';
import { useLongPress } from './useLongPress';
import { useRovingRows } from './useRovingRows';
import { useScrollAnchor } from './useScrollAnchor';

/** Start loading the next page this close to either end, before the reader reaches it. */
const LOAD_WITHIN_PX = 300;
/** Rows rendered beyond each edge of the view, so a quick scroll shows no blank. */
const OVERSCAN_ROWS = 8;

type MessageListProps = {
  /** What the messages are in, for screen readers: "#general", "Ann and Bob". */
  label: string;
  /** Shown above the first message once the reader reaches it. */
  beginning: ReactNode;
  state: MessagesState;
  myName: string;
  /** The first unread message, with the "New messages" line above it. */
  dividerBefore: string | null;
  /** The bar shown while the "New messages" line is above the view; `jump` brings the line in. */
  unreadBar?: (jump: () => void) => ReactNode;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onLoadNewer: () => void;
  onJumpToNewest: () => void;
  onRetry: (clientNonce: string) => void;
  onDiscard: (clientNonce: string) => void;
};

/**
 * Everyone a list shows by name: authors, people system lines are about, reactions, repliers,
 * people mentioned. Asked for here, for every loaded message at once, so that a page of messages
 * is one lookup: a row rendered later (the list renders only the rows in view) would otherwise
 * ask for its mentions on its own.
 */
function peopleIn(messages: readonly Message[]): string[] {
  return messages.flatMap((m) => [
    m.authorID,
    ...(m.system?.targetID ? [m.system.targetID] : []),
    ...Object.values(m.reactions).flatMap((users) => users ?? []),
    ...m.recentReplierIDs,
    ...(m.pinnedBy ? [m.pinnedBy] : []),
    ...m.mentionIDs,
  ]);
}

/**
 * A channel's or conversation's messages, oldest at the top. Only the rows near the view are in
 * the page (virtualised with @tanstack/react-virtual, each row measured as it renders), so ten
 * thousand loaded messages cost what thirty do. Older and newer pages load near either end, with
 * the reader's place kept; one Tab stop for the list (arrows move between messages); a long
 * press on touch opens a message's actions.
 */
export function MessageList(props: MessageListProps) {
  const { label, beginning, state, myName, dividerBefore, unreadBar, loadingOlder } = props;
  const { onLoadOlder, onLoadNewer, onJumpToNewest, onRetry, onDiscard } = props;
  const { messages, pending, hasMoreOlder, hasMoreNewer } = state;
  const { highlightId } = useMessageScope();
  const ref = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const people = useMemo(() => peopleIn(messages), [messages]);
  const nameOf = useUserNames(people);
  const rows = useMemo(() => listRows(messages, pending, dividerBefore), [messages, pending, dividerBefore]);

  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count: rows.length,
    getScrollElement: () => ref.current,
    estimateSize: (index) => estimateRowSize(rows[index]),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: OVERSCAN_ROWS,
  });
  const scrollToIndex = useCallback(
    (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    [virtualizer],
  );

  const first = messages[0] ?? pending[0];
  const last = pending[pending.length - 1] ?? messages[messages.length - 1];
  const firstKey = first && itemKey(first);
  const lastKey = last && itemKey(last);
  const newestSending = pending.findLast((p) => p.status === 'sending');
  const onScrollAnchor = useScrollAnchor(ref, firstKey, lastKey, newestSending?.clientNonce);
  const { dividerIndex, dividerAbove, jumpToDivider } = useListTargets(ref, virtualizer, rows, highlightId);
  const roving = useRovingRows(listRef, rows, scrollToIndex);
  const longPress = useLongPress(useCallback((row: HTMLElement) => row.focus(), []));

  // After "jump to the newest", the list lands at the bottom once the newest page is in.
  const jumping = useRef(false);
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

  // Still at the top when an older page has come in (the reader scrolls faster than pages come,
  // or the place could not be kept): load on, as scrolling there would. At the very top no scroll
  // event comes, so without this the list would wait there for good. Once per new first message,
  // so a failed load waits for the reader's next scroll instead of trying in a loop.
  const askedAtTop = useRef<string | undefined>(undefined);
  useEffect(() => {
    const el = ref.current;
    if (!el || loadingOlder || !hasMoreOlder || el.scrollTop >= LOAD_WITHIN_PX) return;
    if (askedAtTop.current === firstKey) return;
    askedAtTop.current = firstKey;
    onLoadOlder();
  }, [firstKey, loadingOlder, hasMoreOlder, onLoadOlder]);

  const onScroll = () => {
    onScrollAnchor();
    const el = ref.current;
    if (!el) return;
    if (hasMoreOlder && el.scrollTop < LOAD_WITHIN_PX) onLoadOlder();
    if (hasMoreNewer && el.scrollHeight - el.scrollTop - el.clientHeight < LOAD_WITHIN_PX) onLoadNewer();
  };

  const items = virtualizer.getVirtualItems();
  const total = virtualizer.getTotalSize();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = Math.max(0, total - (items[items.length - 1]?.end ?? 0));
  const place = (index: number, row: ListRow): RowPlacement => ({
    index,
    rowKey: row.key,
    measureRef: virtualizer.measureElement,
    tabStop: index === roving.activeIndex,
  });

  return (
    <div className="message-list-frame">
      {dividerAbove && dividerIndex >= 0 && unreadBar?.(jumpToDivider)}
      <div
        className="message-list"
        ref={ref}
        onScroll={onScroll}
        data-testid="message-list"
        data-loaded={messages.length}
        role="log"
        aria-label={`Messages in ${label}`}
      >
        <ol
          className="messages"
          ref={listRef}
          style={{ paddingTop, paddingBottom }}
          aria-label={`Messages in ${label}; arrow keys move between them`}
          onKeyDown={roving.onKeyDown}
          onFocus={roving.onFocus}
          {...longPress}
        >
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            switch (row.kind) {
              case 'top':
                return (
                  <li key={row.key} ref={virtualizer.measureElement} data-index={item.index} className="message-list-top">
                    {hasMoreOlder ? (
                      loadingOlder && <span className="muted">Loading older messages…</span>
                    ) : (
                      <p className="channel-start">{beginning}</p>
                    )}
                  </li>
                );
              case 'divider':
                return (
                  <li
                    key={DIVIDER_KEY}
                    ref={virtualizer.measureElement}
                    data-index={item.index}
                    className="unread-divider"
                    data-testid="unread-divider"
                  >
                    <span>New messages</span>
                  </li>
                );
              case 'message':
                return row.message.system ? (
                  <SystemMessageItem
                    key={row.key}
                    message={row.message}
                    note={row.message.system}
                    nameOf={nameOf}
                    placement={place(item.index, row)}
                  />
                ) : (
                  <MessageItem
                    key={row.key}
                    message={row.message}
                    authorName={nameOf(row.message.authorID)}
                    nameOf={nameOf}
                    compact={row.compact}
                    placement={place(item.index, row)}
                  />
                );
              case 'pending':
                return (
                  <PendingMessageItem
                    key={row.key}
                    pending={row.pending}
                    authorName={myName}
                    onRetry={onRetry}
                    onDiscard={onDiscard}
                    placement={place(item.index, row)}
                  />
                );
            }
          })}
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
    </div>
  );
}
