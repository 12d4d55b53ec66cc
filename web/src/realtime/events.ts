import type { ClientFrame, ServerEvent } from '../api/types.generated';

const KNOWN_TYPES: ReadonlySet<string> = new Set<ServerEvent['type']>([
  'message.new',
  'message.updated',
  'message.deleted',
  'typing',
  'presence.changed',
  'presence.subscribed',
  'notification.new',
  'draft.updated',
  'mention.outsiders',
  'thread.followed',
  'channel.updated',
  'conversation.updated',
  'members.changed',
  'sidebar.channel',
  'sidebar.conversation',
  'sidebar.removed',
  'sidebar.membership',
  'sidebar.categories',
  'user.updated',
  'pong',
  'reconnect',
  'error',
]);

/** One frame from the server: the event, and its number on this connection when pushed. */
export type ServerFrame = { event: ServerEvent; seq: number | null };

/**
 * Reads one WebSocket text frame. Returns null for anything that is not a well-formed event of a
 * known type, so a newer server's new event types are ignored rather than crash the client.
 */
export function parseFrame(raw: unknown): ServerFrame | null {
  if (typeof raw !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, data, seq } = value as { type?: unknown; data?: unknown; seq?: unknown };
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) return null;
  // An object, or a list for `sidebar.categories` (arrays are objects too).
  if (typeof data !== 'object' || data === null) return null;
  const number = typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : null;
  return { event: { type, data } as ServerEvent, seq: number };
}

export const PING_FRAME: string = JSON.stringify({ type: 'ping' } satisfies ClientFrame);
