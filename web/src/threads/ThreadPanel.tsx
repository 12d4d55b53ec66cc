import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/paths';
import { useServices } from '../app/services';
import { useCurrentUser } from '../auth/session';
import { Markdown } from '../markdown/Markdown';
import { Composer } from '../messages/Composer';
import { newClientNonce } from '../messages/nonce';
import { useRealtimeEvent } from '../realtime/hooks';
import { ReactionBar } from '../reactions/ReactionBar';
import { useUserNames } from '../users/useUsers';
import { fetchThread, sendReply, setFollowing } from './api';
import { addReply, deleteReply, fromPage, updateMessage, type ThreadState } from './threadStore';

type ThreadPanelProps = {
  parent: ParentRef;
  rootId: string;
  onClose: () => void;
};

/** A thread beside the conversation: its root, the replies, and a composer for replying. */
export function ThreadPanel({ parent, rootId, onClose }: ThreadPanelProps) {
  const { api } = useServices();
  const me = useCurrentUser().id;
  const [thread, setThread] = useState<ThreadState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetchThread(api, parent, rootId).then(
      (page) => !cancelled && setThread(fromPage(page)),
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, parent, rootId]);

  useRealtimeEvent((event) => {
    if (event.type === 'message.new') setThread((t) => t && addReply(t, event.data));
    if (event.type === 'message.updated') setThread((t) => t && updateMessage(t, event.data));
    if (event.type === 'message.deleted' && event.data.threadRootID === rootId) {
      setThread((t) => t && deleteReply(t, event.data.id));
    }
  });

  const send = useCallback(
    (body: string) => {
      setSendError(null);
      sendReply(api, parent, rootId, body, newClientNonce()).then(
        (reply) => setThread((t) => t && addReply(t, reply)),
        (err: unknown) => setSendError(errorMessage(err)),
      );
    },
    [api, parent, rootId],
  );

  const toggleFollow = () => {
    if (!thread) return;
    const following = !thread.following;
    setFollowing(api, parent, rootId, following).then(
      () => setThread((t) => t && { ...t, following }),
      (err: unknown) => setError(errorMessage(err)),
    );
  };

  const people = thread ? [thread.root.authorID, ...thread.replies.map((r) => r.authorID)] : [];
  const nameOf = useUserNames(people);

  return (
    <aside className="side-panel thread-panel" data-testid="thread-panel" aria-label="Thread">
      <header className="side-panel-header">
        <h2>Thread</h2>
        {thread && (
          <button type="button" className="button" data-testid="follow-toggle" onClick={toggleFollow}>
            {thread.following ? 'Unfollow' : 'Follow'}
          </button>
        )}
        <button type="button" className="button" onClick={onClose} aria-label="Close the thread">
          ×
        </button>
      </header>
      {error && <p className="error-text">{error}</p>}
      {!thread && !error && <p className="muted">Loading…</p>}
      {thread && (
        <ol className="thread-messages">
          {[thread.root, ...thread.replies].map((m, i) => (
            <li key={m.id} className="thread-message" data-testid={i === 0 ? 'thread-root' : 'thread-reply'}>
              <strong className="message-author">{nameOf(m.authorID)}</strong>
              {m.deleted ? (
                <p className="message-body is-deleted">This message was deleted.</p>
              ) : (
                <div className="message-body">
                  <Markdown body={m.body} />
                </div>
              )}
              {!m.deleted && <ReactionBar message={m} parent={parent} me={me} nameOf={nameOf} />}
            </li>
          ))}
        </ol>
      )}
      {thread && !thread.root.deleted && <Composer target="the thread" onSend={send} error={sendError} />}
    </aside>
  );
}
