import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import type { Message, ServerEvent } from '../api/types.generated';
import { useServices } from '../core/services';
import type { SentFile } from '../files/uploadQueue';
import { newClientNonce } from '../messages/nonce';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { fetchThread, markThreadRead, sendReply, setFollowing } from './api';
import {
  addReply,
  addReplies,
  fetchWholeThread,
  fromPage,
  threadAfterEvent,
  updateMessage,
  type ThreadState,
} from './threadStore';

export type OpenThread = {
  thread: ThreadState | null;
  error: string | null;
  sendError: string | null;
  /** Resolves once the reply is in; rejects (after showing why) when it could not be sent. */
  send: (body: string, files?: SentFile[]) => Promise<void>;
  toggleFollow: () => void;
  update: (message: Message) => void;
};

/** One thread, live: its root and all its replies (every page), follow state and replying. */
export function useThread(parent: ParentRef, rootId: string): OpenThread {
  const { api } = useServices();
  const [thread, setThread] = useState<ThreadState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const { type, id } = parent;
  const latest = useRef(thread);
  useLayoutEffect(() => {
    latest.current = thread;
  });

  const load = useCallback(
    async (isCancelled: () => boolean) => {
      const ref = { type, id };
      let page = await fetchThread(api, ref, rootId);
      if (isCancelled()) return;
      setThread(fromPage(page));
      // Long threads come in pages: fetch on until the newest reply.
      while (page.nextCursor && page.replies.length > 0) {
        page = await fetchThread(api, ref, rootId, page.nextCursor);
        if (isCancelled()) return;
        const replies = page.replies;
        setThread((t) => t && addReplies(t, replies));
      }
    },
    [api, type, id, rootId],
  );

  useEffect(() => {
    let cancelled = false;
    load(() => cancelled).catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [load]);

  // After a reconnect or a lost event: the thread as the server has it now (replies written,
  // edited, reacted to or deleted meanwhile), then again the live events that came while it was
  // fetched, since its pages may have been read before them. Asked again while on its way, it
  // reads again once done.
  const catchingUp = useRef(false);
  const catchUpAgain = useRef(false);
  const liveDuringCatchUp = useRef<ServerEvent[]>([]);
  useRealtimeOpen(() => {
    if (!latest.current) return;
    if (catchingUp.current) {
      catchUpAgain.current = true;
      return;
    }
    catchingUp.current = true;
    const ref = { type, id };
    void (async () => {
      do {
        catchUpAgain.current = false;
        liveDuringCatchUp.current = [];
        try {
          const fresh = await fetchWholeThread((after) => fetchThread(api, ref, rootId, after));
          const since = liveDuringCatchUp.current;
          // (Unless another thread was opened meanwhile.)
          setThread((t) => (t?.root.id === fresh.root.id ? since.reduce(threadAfterEvent, fresh) : t));
        } catch {
          // The next reconnect or lost event tries again; live events keep flowing meanwhile.
        }
      } while (catchUpAgain.current);
      catchingUp.current = false;
      liveDuringCatchUp.current = [];
    })();
  });

  useRealtimeEvent((event) => {
    setThread((t) => t && threadAfterEvent(t, event));
    if (catchingUp.current) liveDuringCatchUp.current.push(event);
  });

  // The Threads view shows what is new after the last reply seen here.
  const newestSeq = thread?.replies[thread.replies.length - 1]?.seq ?? null;
  useEffect(() => {
    if (newestSeq === null || document.visibilityState !== 'visible') return;
    markThreadRead(api, { type, id }, rootId, newestSeq).catch(() => undefined);
  }, [api, type, id, rootId, newestSeq]);

  const send = useCallback(
    (body: string, files: SentFile[] = []) => {
      setSendError(null);
      const ids = files.map((f) => f.uploadID);
      return sendReply(api, { type, id }, rootId, body, newClientNonce(), ids).then(
        (reply) => setThread((t) => t && addReply({ ...t, following: true }, reply)),
        (err: unknown) => {
          setSendError(errorMessage(err));
          throw err;
        },
      );
    },
    [api, type, id, rootId],
  );

  const toggleFollow = useCallback(() => {
    const current = latest.current;
    if (!current) return;
    const following = !current.following;
    setThread((t) => t && { ...t, following });
    setFollowing(api, { type, id }, rootId, following).catch((err: unknown) => {
      setThread((t) => t && { ...t, following: !following });
      setError(errorMessage(err));
    });
  }, [api, type, id, rootId]);

  const update = useCallback((message: Message) => setThread((t) => t && updateMessage(t, message)), []);

  return { thread, error, sendError, send, toggleFollow, update };
}
