/**
 * Links to one message: the parent's page with `?message=<id>` (and `&thread=<root>` for a thread
 * reply), which opens scrolled to the message and highlights it.
 */
export function messageHref(parentHref: string, messageId: string, threadRootId: string | null = null): string {
  const params = new URLSearchParams({ message: messageId });
  if (threadRootId) params.set('thread', threadRootId);
  return `${parentHref}?${params}`;
}

/** The same, absolute, for copying. */
export function messageUrl(
  origin: string,
  parentHref: string,
  messageId: string,
  threadRootId: string | null = null,
): string {
  return `${origin}${messageHref(parentHref, messageId, threadRootId)}`;
}
