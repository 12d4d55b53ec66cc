import type { FailureCode } from '../api/errors';
import type { Message } from '../api/types.generated';
import { REACTIONS_MAX_DISTINCT } from '../limits';

/** The quick reactions offered on every message. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀', '🙏'] as const;

export type ReactionChip = {
  emoji: string;
  count: number;
  mine: boolean;
  /** Who reacted, for the tooltip: "Ann, Bob and you". */
  who: string;
};

/** "Ann", "Ann and Bob", "Ann, Bob and Cy". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The chips under a message, in the server's (emoji) order; emoji nobody uses any more are left out. */
export function reactionChips(
  message: Message,
  me: string,
  nameOf: (id: string) => string,
): ReactionChip[] {
  return Object.entries(message.reactions)
    .filter((entry): entry is [string, string[]] => (entry[1]?.length ?? 0) > 0)
    .map(([emoji, users]) => {
      const others = users.filter((u) => u !== me).map(nameOf);
      const mine = users.includes(me);
      return {
        emoji,
        count: users.length,
        mine,
        who: listNames(mine ? [...others, 'you'] : others),
      };
    });
}


/** A failed reaction, in words. */
export function reactionError(code: FailureCode, fallback: string): string {
  if (code === 'too_many_reactions') return `A message can have at most ${REACTIONS_MAX_DISTINCT} different reactions.`;
  return fallback;
}

/**
 * The message's reactions after the reader toggles `emoji` (`on`: add theirs), as the server
 * will answer: used to show the change before the answer arrives.
 */
export function toggleReaction(
  reactions: Message['reactions'],
  emoji: string,
  me: string,
  on: boolean,
): Message['reactions'] {
  const users = reactions[emoji] ?? [];
  const has = users.includes(me);
  if (on === has) return reactions;
  const next = { ...reactions };
  const left = on ? [...users, me] : users.filter((u) => u !== me);
  if (left.length > 0) next[emoji] = left;
  else delete next[emoji];
  return next;
}
