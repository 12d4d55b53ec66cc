import type { Message } from '../api/types.generated';
import { continuesGroup } from './grouping';
import type { PendingMessage } from './messageStore';

/**
 * One row of the message list, as the virtualised list places it: the top (the channel's
 * beginning, or "loading older"), the "New messages" line, a message, or an unconfirmed send.
 */
export type ListRow =
  | { kind: 'top'; key: string }
  | { kind: 'divider'; key: string }
  | { kind: 'message'; key: string; message: Message; compact: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage };

export const TOP_KEY = 'top';
export const DIVIDER_KEY = 'unread-divider';

/** A confirmed message keeps the key of its optimistic copy, so React reuses the row. */
export function itemKey(item: Message | PendingMessage): string {
  if (item.clientNonce) return `nonce:${item.clientNonce}`;
  return 'id' in item ? item.id : '';
}

/** The rows in order: the top, the messages (the line before `dividerBefore`), then the sends. */
export function listRows(
  messages: readonly Message[],
  pending: readonly PendingMessage[],
  dividerBefore: string | null,
): ListRow[] {
  const rows: ListRow[] = [{ kind: 'top', key: TOP_KEY }];
  messages.forEach((message, i) => {
    const previous = messages[i - 1];
    const divider = message.id === dividerBefore;
    if (divider) rows.push({ kind: 'divider', key: DIVIDER_KEY });
    const compact = !divider && !message.system && !previous?.system && continuesGroup(previous, message);
    rows.push({ kind: 'message', key: itemKey(message), message, compact });
  });
  for (const p of pending) rows.push({ kind: 'pending', key: itemKey(p), pending: p });
  return rows;
}

/** A first guess of a row's height in pixels, until it is measured. */
export function estimateRowSize(row: ListRow | undefined): number {
  if (!row) return 48;
  switch (row.kind) {
    case 'top':
      return 48;
    case 'divider':
      return 24;
    case 'pending':
      return 56;
    case 'message':
      if (row.message.system) return 30;
      return (row.compact ? 26 : 56) + (row.message.body.length > 120 ? 24 : 0);
  }
}

/** Whether a row is one the reader moves between with the arrow keys (a message or a send). */
export function isFocusableRow(row: ListRow | undefined): boolean {
  return row?.kind === 'message' || row?.kind === 'pending';
}

/**
 * The row the arrow keys move to from `from`: the next (`step` 1) or previous (-1) message row,
 * or the first or last (`edge`). `from` itself when there is none further that way.
 */
export function nextFocusableRow(rows: readonly ListRow[], from: number, move: 'next' | 'previous' | 'first' | 'last'): number {
  const step = move === 'next' || move === 'first' ? 1 : -1;
  let i = move === 'first' ? 0 : move === 'last' ? rows.length - 1 : from + step;
  for (; i >= 0 && i < rows.length; i += step) {
    if (isFocusableRow(rows[i])) return i;
  }
  return from;
}

/** The index of the row showing message `id`, or -1. */
export function rowIndexOfMessage(rows: readonly ListRow[], id: string): number {
  return rows.findIndex((r) => r.kind === 'message' && r.message.id === id);
}
