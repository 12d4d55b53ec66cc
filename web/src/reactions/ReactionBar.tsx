import type { Message } from '../api/types.generated';
import { reactionChips } from './reactions';
import type { ReactFn } from './useReact';

type ReactionBarProps = {
  message: Message;
  me: string;
  nameOf: (id: string) => string;
  react: ReactFn;
  error: string | null;
};

/** The reactions under a message: click one to add or take back yours; hover to see who. */
export function ReactionBar({ message, me, nameOf, react, error }: ReactionBarProps) {
  const chips = reactionChips(message, me, nameOf);
  if (chips.length === 0 && !error) return null;
  return (
    <div className="reactions">
      {chips.map((chip) => (
        <button
          key={chip.emoji}
          type="button"
          className={chip.mine ? 'reaction-chip is-mine' : 'reaction-chip'}
          data-testid="reaction-chip"
          data-emoji={chip.emoji}
          aria-pressed={chip.mine}
          title={`${chip.who} reacted with ${chip.emoji}`}
          onClick={() => react(chip.emoji, !chip.mine)}
        >
          <span aria-hidden="true">{chip.emoji}</span> {chip.count}
        </button>
      ))}
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
