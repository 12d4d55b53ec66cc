import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/paths';
import type { MessagePage } from '../api/types.generated';
import { useServices } from '../app/services';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { fetchMessages, sendMessage, type PageQuery } from './api';
import { catchUp } from './catchUp';
import { emptyMessages, messagesReducer, type MessagesState, type PageKind } from './messageStore';
import { newClientNonce } from './nonce';

export type ParentMessages = {
  state: MessagesState;
  /** Loading the first page; `loadError` says why it failed. */
  loading: boolean;
  loadError: string | null;
  loadingOlder: boolean;
  loadOlder: () => void;
  /** The latest send's error, for the composer; cleared by the next send. */
  sendError: string | null;
  send: (body: string) => void;
  retry: (clientNonce: string) => void;
  discard: (clientNonce: string) => void;
  reload: () => void;
};

/**
 * One channel's or conversation's messages: the first page, older pages on demand, live events,
 * catch-up after each reconnect, and sends with an optimistic copy. Mount it once per parent (key
 * by its id).
 */
export function useMessages(parentType: ParentRef['type'], parentId: string): ParentMessages {
  const { api } = useServices();
  const [state, dispatch] = useReducer(messagesReducer, emptyMessages);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [loadAttempt, setLoadAttempt] = useState(0);

  // Async work reads the latest state through refs, not through stale closures.
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const loaded = useRef(false);
  const busyOlder = useRef(false);
  const catchingUp = useRef(false);

  const fetchPage = useCallback(
    (query: PageQuery) => fetchMessages(api, { type: parentType, id: parentId }, query),
    [api, parentType, parentId],
  );
  const applyPage = useCallback(
    (kind: PageKind, page: MessagePage) => dispatch({ type: 'page', kind, page }),
    [],
  );

  useEffect(() => {
    let cancelled = false;
    fetchPage({}).then(
      (page) => {
        if (cancelled) return;
        applyPage('newest', page);
        loaded.current = true;
        setLoadError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (cancelled) return;
        setLoadError(errorMessage(err));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fetchPage, applyPage, loadAttempt]);

  const reload = useCallback(() => {
    setLoadError(null);
    setLoading(true);
    setLoadAttempt((n) => n + 1);
  }, []);

  useRealtimeEvent((event) => {
    if (
      (event.type === 'message.new' || event.type === 'message.updated') &&
      event.data.parentType === parentType &&
      event.data.parentID === parentId
    ) {
      dispatch({ type: event.type === 'message.new' ? 'received' : 'updated', message: event.data });
    } else if (
      event.type === 'message.deleted' &&
      event.data.parentType === parentType &&
      event.data.parentID === parentId &&
      !event.data.threadRootID
    ) {
      dispatch({ type: 'deleted', id: event.data.id });
    }
  });

  // Whatever was posted while the socket was down arrives now, over REST.
  useRealtimeOpen(() => {
    if (!loaded.current) {
      if (loadError) reload();
      return;
    }
    if (catchingUp.current) return;
    catchingUp.current = true;
    catchUp(stateRef.current.newerCursor, fetchPage, applyPage)
      .catch(() => {
        // The next reconnect tries again; live events keep flowing meanwhile.
      })
      .finally(() => {
        catchingUp.current = false;
      });
  });

  const loadOlder = useCallback(() => {
    const { olderCursor, hasMoreOlder } = stateRef.current;
    if (!loaded.current || !hasMoreOlder || !olderCursor || busyOlder.current) return;
    busyOlder.current = true;
    setLoadingOlder(true);
    fetchPage({ before: olderCursor })
      .then((page) => applyPage('older', page))
      .catch(() => {
        // Scrolling to the top again retries.
      })
      .finally(() => {
        busyOlder.current = false;
        setLoadingOlder(false);
      });
  }, [fetchPage, applyPage]);

  const post = useCallback(
    (clientNonce: string, body: string) => {
      sendMessage(api, { type: parentType, id: parentId }, { body, clientNonce }).then(
        (message) => dispatch({ type: 'received', message }),
        (err: unknown) => {
          const error = errorMessage(err);
          dispatch({ type: 'sendFailed', clientNonce, error });
          setSendError(error);
        },
      );
    },
    [api, parentType, parentId],
  );

  const send = useCallback(
    (body: string) => {
      const clientNonce = newClientNonce();
      setSendError(null);
      dispatch({
        type: 'sending',
        pending: { clientNonce, body, createdAt: new Date().toISOString(), status: 'sending', error: null },
      });
      post(clientNonce, body);
    },
    [post],
  );

  // A retry reuses the nonce, so the server stores the message at most once.
  const retry = useCallback(
    (clientNonce: string) => {
      const pending = stateRef.current.pending.find((p) => p.clientNonce === clientNonce);
      if (!pending) return;
      setSendError(null);
      dispatch({ type: 'retrying', clientNonce });
      post(clientNonce, pending.body);
    },
    [post],
  );

  const discard = useCallback((clientNonce: string) => {
    dispatch({ type: 'discard', clientNonce });
    setSendError(null);
  }, []);

  return {
    state,
    loading,
    loadError,
    loadingOlder,
    loadOlder,
    sendError,
    send,
    retry,
    discard,
    reload,
  };
}
