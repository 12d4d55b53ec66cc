import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import { ApiError } from '../api/errors';
import type { Message, MessagePage } from '../api/types.generated';
import { useServices } from '../core/services';
import type { SentFile } from '../files/uploadQueue';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { MESSAGE_PAGE_MAX } from '../limits';
import { fetchMessages, sendMessage, type PageQuery } from './api';
import { refetchWindow } from './catchUp';
import {
  emptyMessages,
  messagesReducer,
  type LiveMessageAction,
  type MessagesState,
  type PageKind,
} from './messageStore';
import { newClientNonce } from './nonce';
import { loadBackToReadPoint } from './readPoint';

export type ParentMessages = {
  state: MessagesState;
  /** Loading the first page; `loadError` says why it failed. */
  loading: boolean;
  loadError: string | null;
  loadingOlder: boolean;
  loadOlder: () => void;
  /** After opening around a linked message: the pages up to the newest. */
  loadNewer: () => void;
  /** Straight to the newest page, leaving the window around a linked message. */
  jumpToNewest: () => void;
  /** A newer copy of a loaded message (an action's answer, ahead of its event). */
  update: (message: Message) => void;
  /** The latest send's error, for the composer; cleared by the next send. */
  sendError: string | null;
  send: (body: string, files?: SentFile[]) => void;
  retry: (clientNonce: string) => void;
  discard: (clientNonce: string) => void;
  reload: () => void;
};

/**
 * One channel's or conversation's messages: the first page, older pages on demand, live events,
 * catch-up after each reconnect, and sends with an optimistic copy. Mount it once per parent (key
 * by its id). With `focusId` (a link to one message) it opens on the page around that message,
 * and moves there again when the link changes. Otherwise it opens at the newest messages and
 * loads back to the reader's read point (`readPoint`, the last read sequence number; undefined
 * while not known yet, null to skip), so that the first unread message is there to show.
 */
export function useMessages(
  parentType: ParentRef['type'],
  parentId: string,
  focusId: string | null = null,
  readPoint: number | null | undefined = null,
): ParentMessages {
  const { api } = useServices();
  const [state, dispatch] = useReducer(messagesReducer, emptyMessages);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [loadAttempt, setLoadAttempt] = useState(0);
  // The newest page, once in, while the pages back to the read point are being loaded.
  const [reaching, setReaching] = useState<MessagePage | null>(null);

  // Async work reads the latest state through refs, not through stale closures.
  const stateRef = useRef(state);
  const readPointRef = useRef(readPoint);
  useLayoutEffect(() => {
    stateRef.current = state;
    readPointRef.current = readPoint;
  });
  const loaded = useRef(false);
  const busyOlder = useRef(false);
  const busyNewer = useRef(false);
  // Read once per load: a later change of focus moves within what is open (see below).
  const initialFocus = useRef(focusId);
  const catchingUp = useRef(false);
  const catchUpAgain = useRef(false);
  /** The live events applied while a catch-up is being fetched, to apply again on its answer. */
  const liveDuringCatchUp = useRef<LiveMessageAction[]>([]);

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
    const focus = initialFocus.current;
    const first = focus
      ? fetchPage({ around: focus }).then(
          (page) => ({ kind: 'around' as const, page }),
          // A link to a message that is gone opens the newest messages instead.
          (err: unknown) => {
            if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
              return fetchPage({}).then((page) => ({ kind: 'newest' as const, page }));
            }
            throw err;
          },
        )
      : fetchPage({}).then((page) => ({ kind: 'newest' as const, page }));
    first.then(
      ({ kind, page }) => {
        if (cancelled) return;
        applyPage(kind, page);
        loaded.current = true;
        setLoadError(null);
        if (kind === 'newest') setReaching(page);
        else setLoading(false);
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

  // Opened at the newest messages: back to the read point (once it is known), then shown.
  const readPointKnown = readPoint !== undefined;
  useEffect(() => {
    if (!reaching || !readPointKnown) return;
    let cancelled = false;
    const lastReadSeq = readPointRef.current;
    busyOlder.current = true;
    const done = () => {
      busyOlder.current = false;
      if (cancelled) return;
      setReaching(null);
      setLoading(false);
    };
    if (lastReadSeq === null || lastReadSeq === undefined) {
      done();
      return;
    }
    loadBackToReadPoint(
      reaching,
      lastReadSeq,
      (cursor) => fetchPage({ before: cursor, limit: MESSAGE_PAGE_MAX }),
      (page) => {
        if (!cancelled) applyPage('older', page);
        return !cancelled;
      },
    )
      // What came in shows; scrolling up loads the rest.
      .catch(() => undefined)
      .finally(done);
    return () => {
      cancelled = true;
    };
  }, [reaching, readPointKnown, fetchPage, applyPage]);

  // A link to another message while open: load around it unless it is already shown.
  useEffect(() => {
    if (!focusId || focusId === initialFocus.current || !loaded.current) return;
    initialFocus.current = focusId;
    if (stateRef.current.messages.some((m) => m.id === focusId)) return;
    fetchPage({ around: focusId }).then(
      (page) => applyPage('around', page),
      () => {
        // The message may be gone; what is shown stays.
      },
    );
  }, [focusId, fetchPage, applyPage]);

  const reload = useCallback(() => {
    setLoadError(null);
    setLoading(true);
    setLoadAttempt((n) => n + 1);
  }, []);

  useRealtimeEvent((event) => {
    let action: LiveMessageAction;
    if (
      (event.type === 'message.new' || event.type === 'message.updated') &&
      event.data.parentType === parentType &&
      event.data.parentID === parentId
    ) {
      action = { type: event.type === 'message.new' ? 'received' : 'updated', message: event.data };
    } else if (
      event.type === 'message.deleted' &&
      event.data.parentType === parentType &&
      event.data.parentID === parentId &&
      !event.data.threadRootID
    ) {
      action = { type: 'deleted', id: event.data.id };
    } else {
      return;
    }
    dispatch(action);
    if (catchingUp.current) liveDuringCatchUp.current.push(action);
  });

  // After a reconnect or a missed event: what was posted, edited, reacted to or deleted
  // meanwhile arrives now, over REST. Asked again while on its way (another reconnect, another
  // lost event), it reads again once done: what it had read may already be stale.
  useRealtimeOpen(() => {
    if (!loaded.current) {
      if (loadError) reload();
      return;
    }
    if (catchingUp.current) {
      catchUpAgain.current = true;
      return;
    }
    catchingUp.current = true;
    void (async () => {
      do {
        catchUpAgain.current = false;
        liveDuringCatchUp.current = [];
        try {
          const page = await refetchWindow(stateRef.current, fetchPage);
          dispatch({ type: 'refreshed', page, since: liveDuringCatchUp.current });
        } catch {
          // The next reconnect or gap tries again; live events keep flowing meanwhile.
        }
      } while (catchUpAgain.current);
      catchingUp.current = false;
      liveDuringCatchUp.current = [];
    })();
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

  const loadNewer = useCallback(() => {
    const { newerCursor, hasMoreNewer } = stateRef.current;
    if (!loaded.current || !hasMoreNewer || !newerCursor || busyNewer.current) return;
    busyNewer.current = true;
    fetchPage({ after: newerCursor })
      .then((page) => applyPage('newer', page))
      .catch(() => {
        // Scrolling to the bottom again retries.
      })
      .finally(() => {
        busyNewer.current = false;
      });
  }, [fetchPage, applyPage]);

  const jumpToNewest = useCallback(() => {
    fetchPage({}).then(
      (page) => applyPage('newest', page),
      () => {
        // The button stays; pressing it again retries.
      },
    );
  }, [fetchPage, applyPage]);

  const update = useCallback((message: Message) => dispatch({ type: 'updated', message }), []);

  const post = useCallback(
    (clientNonce: string, body: string, files: SentFile[]) => {
      // Reading an older window: go to the newest messages, where the sent one will show.
      const ready = stateRef.current.hasMoreNewer
        ? fetchPage({}).then((page) => applyPage('newest', page))
        : Promise.resolve();
      ready
        .catch(() => undefined)
        .then(() => {
          const attachmentIDs = files.length > 0 ? files.map((f) => f.uploadID) : undefined;
          return sendMessage(api, { type: parentType, id: parentId }, { body, clientNonce, attachmentIDs });
        })
        .then(
        (message) => dispatch({ type: 'received', message }),
        (err: unknown) => {
          const error = errorMessage(err);
          dispatch({ type: 'sendFailed', clientNonce, error });
          setSendError(error);
        },
      );
    },
    [api, parentType, parentId, fetchPage, applyPage],
  );

  const send = useCallback(
    (body: string, files: SentFile[] = []) => {
      const clientNonce = newClientNonce();
      setSendError(null);
      dispatch({
        type: 'sending',
        pending: { clientNonce, body, files, createdAt: new Date().toISOString(), status: 'sending', error: null },
      });
      post(clientNonce, body, files);
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
      post(clientNonce, pending.body, pending.files);
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
    loadNewer,
    jumpToNewest,
    update,
    sendError,
    send,
    retry,
    discard,
    reload,
  };
}
