import type { Message } from '../api/types.generated';

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
