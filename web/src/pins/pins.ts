import type { Message } from '../api/types.generated';

/** Pinned messages, newest pin first. */
export function sortPins(pins: Message[]): Message[] {
  return [...pins].sort((a, b) => (b.pinnedAt ?? '').localeCompare(a.pinnedAt ?? '') || (a.id < b.id ? 1 : -1));
}

/** The pinned list after a message changed: added when pinned, dropped when unpinned or deleted. */
export function applyPinChange(pins: Message[], message: Message): Message[] {
  const others = pins.filter((p) => p.id !== message.id);
  if (!message.pinnedAt || message.deleted) return others.length === pins.length ? pins : others;
  return sortPins([...others, message]);
}
