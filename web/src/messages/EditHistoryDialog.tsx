import { useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import type { Message, MessageVersion } from '../api/types.generated';
import { useServices } from '../core/services';
import { Markdown } from '../markdown/Markdown';
import { Modal } from '../ui/Modal';
import { useHandleNames } from '../users/useUsers';
import { fetchEditHistory } from './api';
import { formatFullTime, formatMessageTime } from './formatTime';

type EditHistoryDialogProps = {
  parent: ParentRef;
  message: Message;
  onClose: () => void;
};

type Loaded = { status: 'loading' } | { status: 'ready'; items: MessageVersion[] } | { status: 'error'; message: string };

/** A message's bodies, newest first: the one it has now, then those it had before each edit. */
export function EditHistoryDialog({ parent, message, onClose }: EditHistoryDialogProps) {
  const { api } = useServices();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const mentionName = useHandleNames(message.mentionIDs);

  const { type, id } = parent;
  const { id: messageId, threadRootID, editedAt } = message;
  useEffect(() => {
    let cancelled = false;
    fetchEditHistory(api, { type, id }, messageId, threadRootID).then(
      (history) => !cancelled && setLoaded({ status: 'ready', items: history.items }),
      (err: unknown) => !cancelled && setLoaded({ status: 'error', message: errorMessage(err) }),
    );
    return () => {
      cancelled = true;
    };
    // Another edit (a new `editedAt`) while it is open: read again.
  }, [api, type, id, messageId, threadRootID, editedAt]);

  const now = { body: message.body, writtenAt: message.editedAt ?? message.createdAt };
  return (
    <Modal title="Edit history" onClose={onClose} testId="edit-history">
      {loaded.status === 'loading' && <p className="muted">Loading…</p>}
      {loaded.status === 'error' && (
        <p className="error-text" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded.status === 'ready' && (
        <ol className="edit-history" aria-label="Versions, newest first">
          {[now, ...loaded.items].map((version, i) => (
            <li key={`${version.writtenAt}-${i}`} className="edit-version" data-testid="edit-version">
              <p className="edit-version-meta">
                <strong>{i === 0 ? 'Now' : i === loaded.items.length ? 'Original' : 'Earlier'}</strong>{' '}
                <time dateTime={version.writtenAt} title={formatFullTime(version.writtenAt)}>
                  {formatMessageTime(version.writtenAt)}
                </time>
              </p>
              <div className="message-body" data-testid="edit-version-body">
                <Markdown body={version.body} mentionName={mentionName} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {loaded.status === 'ready' && loaded.items.length === 0 && (
        <p className="muted">No earlier version is kept.</p>
      )}
    </Modal>
  );
}
