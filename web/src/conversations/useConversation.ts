import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/errors';
import type { Conversation } from '../api/types.generated';
import { useServices } from '../core/services';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { getConversation } from './api';

export type ConversationResult =
  | { status: 'loading' }
  | { status: 'ready'; conversation: Conversation }
  | { status: 'notFound' }
  | { status: 'error'; message: string };

export type LiveConversation = {
  result: ConversationResult;
  replace: (conversation: Conversation) => void;
};

/** The conversation at `/d/:id`, kept current by `conversation.updated` events. */
export function useConversation(id: string): LiveConversation {
  const { api } = useServices();
  const [state, setState] = useState<{ id: string; result: ConversationResult } | null>(null);

  useEffect(() => {
    let cancelled = false;
    getConversation(api, id).then(
      (conversation) => {
        if (!cancelled) setState({ id, result: { status: 'ready', conversation } });
      },
      (err: unknown) => {
        if (cancelled) return;
        const notFound = err instanceof ApiError && (err.status === 404 || err.status === 403);
        setState({ id, result: notFound ? { status: 'notFound' } : { status: 'error', message: errorMessage(err) } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id]);

  const replace = useCallback((conversation: Conversation) => {
    setState((was) =>
      was?.result.status === 'ready' && was.result.conversation.id === conversation.id
        ? { id: was.id, result: { status: 'ready', conversation } }
        : was,
    );
  }, []);

  useRealtimeEvent((event) => {
    if (event.type === 'conversation.updated') replace(event.data);
  });

  // Changes made while the socket was down (or not yet up) came to nobody here: ask again.
  useRealtimeOpen(() => {
    if (state?.result.status === 'ready') getConversation(api, state.id).then(replace, () => undefined);
  });

  return { result: state?.id === id ? state.result : { status: 'loading' }, replace };
}
