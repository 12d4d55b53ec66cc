import type { Conversation } from '../api/types.generated';

/**
 * What a conversation is called: a group's name if it has one, "Notes to self" for notes, else
 * the other participants' names.
 */
export function conversationTitle(conversation: Conversation, me: string, nameOf: (id: string) => string): string {
  const name = conversation.name?.trim();
  if (conversation.kind === 'group' && name) return name;
  if (conversation.kind === 'notes') return 'Notes to self';
  const others = conversation.participantIDs.filter((id) => id !== me);
  if (others.length === 0) return 'Notes to self';
  return listNames(others.map(nameOf));
}

/** "Ann", "Ann and Bob", "Ann, Bob and Cy". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
