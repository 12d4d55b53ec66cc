import type { ParentType } from './types.generated';

/** A channel or a conversation: what messages, memberships and read points belong to. */
export type ParentRef = { type: ParentType; id: string };

/** The REST resource of a channel or conversation, e.g. `/api/v1/channels/{id}`. */
export function parentPath(parent: ParentRef): string {
  const collection = parent.type === 'channel' ? 'channels' : 'conversations';
  return `/api/v1/${collection}/${encodeURIComponent(parent.id)}`;
}

/** Query string parameters, leaving out empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
