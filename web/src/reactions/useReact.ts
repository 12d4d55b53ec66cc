import { useCallback, useLayoutEffect, useRef } from 'react';
import { ApiError, errorMessage } from '../api/errors';
import type { Message } from '../api/types.generated';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { normaliseEmoji } from '../emoji/emoji';
import { setReaction } from '../messages/api';
import { useMessageScope } from '../messages/MessageScope';
import { reactionError, toggleReaction } from './reactions';

export type ReactFn = (emoji: string, on: boolean) => void;

/**
 * Adds (`on`) or takes back the reader's reaction, shown at once and then replaced by the
 * server's answer (and by `message.updated` for everyone). On failure only the reader's change
 * is undone, on the copy shown by then (others' reactions that arrived meanwhile stay), and
 * `onError` gets what went wrong.
 */
export function useReact(message: Message, onError: (error: string | null) => void): ReactFn {
  const { api } = useServices();
  const me = useCurrentUser().id;
  const { parent, onUpdated } = useMessageScope();
  const latest = useRef(message);
  useLayoutEffect(() => {
    latest.current = message;
  }, [message]);
  return useCallback(
    (raw: string, on: boolean) => {
      const emoji = normaliseEmoji(raw);
      onError(null);
      onUpdated({ ...message, reactions: toggleReaction(message.reactions, emoji, me, on) });
      setReaction(api, parent, message, emoji, on).then(
        (answer) => {
          if (answer) onUpdated(answer);
        },
        (err: unknown) => {
          const now = latest.current;
          onUpdated({ ...now, reactions: toggleReaction(now.reactions, emoji, me, !on) });
          onError(err instanceof ApiError ? reactionError(err.code, errorMessage(err)) : errorMessage(err));
        },
      );
    },
    [api, me, parent, message, onUpdated, onError],
  );
}
