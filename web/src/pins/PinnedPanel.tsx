import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import type { Message } from '../api/types.generated';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { Markdown } from '../markdown/Markdown';
import { fetchPins, setPinned } from '../messages/api';
import { formatMessageTime } from '../messages/formatTime';
import { messageHref } from '../messages/links';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { useHandleNames, useUserNames } from '../users/useUsers';
import { applyPinChange, sortPins } from './pins';
import { PanelClose } from '../ui/PanelClose';

type PinnedPanelProps = {
  parent: ParentRef;
  parentHref: string;
  onClose: () => void;
};

/** The messages pinned in a channel or conversation, newest pin first, kept live. */
export function PinnedPanel({ parent, parentHref, onClose }: PinnedPanelProps) {
  const { api } = useServices();
  const [pins, setPins] = useState<Message[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const nameOf = useUserNames((pins ?? []).flatMap((p) => [p.authorID, p.pinnedBy ?? p.authorID]));
  const { type, id } = parent;

  useEffect(() => {
    let cancelled = false;
    fetchPins(api, { type, id }).then(
      (loaded) => {
        if (cancelled) return;
        setPins(sortPins(loaded));
        setError(null);
      },
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, type, id, attempt]);

  // Pins, unpins, edits and deletes while the socket was down (or an event lost) reached nobody
  // here: the list is read again, and shown as it was meanwhile.
  useRealtimeOpen(() => setAttempt((n) => n + 1));

  useRealtimeEvent((event) => {
    if (event.type === 'message.updated' && event.data.parentID === id) {
      const message = event.data;
      setPins((current) => current && applyPinChange(current, message));
    }
    if (event.type === 'message.deleted' && event.data.parentID === id) {
      const gone = event.data.id;
      setPins((current) => current && current.filter((p) => p.id !== gone));
    }
  });

  const unpin = (message: Message) => {
    setPins((current) => current && current.filter((p) => p.id !== message.id));
    setPinned(api, parent, message, false).catch((err: unknown) => {
      setError(errorMessage(err));
      setPins((current) => current && applyPinChange(current, message));
    });
  };

  return (
    <aside className="side-panel pinned-panel" data-testid="pinned-panel" aria-label="Pinned messages">
      <header className="side-panel-header">
        <h2 className="side-panel-title">Pinned</h2>
        <PanelClose label="Close pinned messages" onClose={onClose} />
      </header>
      {error && <p className="error-text side-panel-note">{error}</p>}
      {!pins && !error && <p className="muted side-panel-note">Loading…</p>}
      {pins?.length === 0 && (
        <p className="muted side-panel-note" data-testid="pinned-empty">
          Nothing is pinned yet. Pin a message from its actions to keep it here.
        </p>
      )}
      {pins && pins.length > 0 && (
        <ol className="pinned-list">
          {pins.map((message) => (
            <PinnedItem
              key={message.id}
              message={message}
              nameOf={nameOf}
              href={messageHref(parentHref, message.id, message.threadRootID)}
              onUnpin={() => unpin(message)}
            />
          ))}
        </ol>
      )}
    </aside>
  );
}

type PinnedItemProps = {
  message: Message;
  nameOf: (id: string) => string;
  href: string;
  onUnpin: () => void;
};

function PinnedItem({ message, nameOf, href, onUnpin }: PinnedItemProps) {
  const me = useCurrentUser();
  const mentionName = useHandleNames(message.mentionIDs);
  return (
    <li className="pinned-message" data-testid="pinned-message" data-message-id={message.id}>
      <div className="message-meta">
        <span className="message-author">{nameOf(message.authorID)}</span>
        <time className="message-time" dateTime={message.createdAt}>
          {formatMessageTime(message.createdAt)}
        </time>
      </div>
      <div className="message-body">
        <Markdown body={message.body} mentionName={mentionName} myHandle={me.handle} />
      </div>
      <div className="pinned-actions">
        <span className="muted">Pinned by {message.pinnedBy ? nameOf(message.pinnedBy) : 'someone'}</span>
        <Link to={href} data-testid="pinned-jump">
          Jump to message
        </Link>
        <button type="button" className="link-button" data-testid="unpin-button" onClick={onUnpin}>
          Unpin
        </button>
      </div>
    </li>
  );
}
