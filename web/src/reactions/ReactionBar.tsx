import { useState } from 'react';
import type { ParentRef } from '../api/paths';
import type { Message } from '../api/types.generated';
import { useServices } from '../app/services';
import { errorMessage } from '../api/errors';
import { setReaction } from '../messages/api';
import { QUICK_REACTIONS, reactionChips } from './reactions';

type ReactionBarProps = {
  message: Message;
  parent: ParentRef;
  me: string;
  nameOf: (id: string) => string;
};

/** The reactions under a message (click one to add or take back yours) and quick reactions. */
export function ReactionBar({ message, parent, me, nameOf }: ReactionBarProps) {
  const { api } = useServices();
  const [error, setError] = useState<string | null>(null);
  const chips = reactionChips(message, me, nameOf);
  const toggle = (emoji: string, on: boolean) => {
    setError(null);
    setReaction(api, parent, message, emoji, on).catch((err: unknown) => setError(errorMessage(err)));
  };
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
          onClick={() => toggle(chip.emoji, !chip.mine)}
        >
          <span aria-hidden="true">{chip.emoji}</span> {chip.count}
        </button>
      ))}
      <span className="quick-reactions" data-testid="message-actions">
        {QUICK_REACTIONS.filter((emoji) => !chips.some((c) => c.emoji === emoji && c.mine)).map((emoji) => (
          <button
            key={emoji}
            type="button"
            className="reaction-button"
            data-testid="reaction-button"
            data-emoji={emoji}
            aria-label={`React with ${emoji}`}
            onClick={() => toggle(emoji, true)}
          >
            {emoji}
          </button>
        ))}
      </span>
      {error && (
        <span className="reaction-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
