import { FileBadge } from '../files/FileBadge';
import { formatBytes } from '../files/format';
import type { PendingMessage } from './messageStore';
import { rowAttributes, type RowPlacement } from './rowAttributes';

type PendingMessageItemProps = {
  pending: PendingMessage;
  authorName: string;
  onRetry: (clientNonce: string) => void;
  onDiscard: (clientNonce: string) => void;
  placement?: RowPlacement;
};

/** The user's own message before the server confirms it: dimmed while sending, or failed. */
export function PendingMessageItem({ pending, authorName, onRetry, onDiscard, placement }: PendingMessageItemProps) {
  const failed = pending.status === 'failed';
  return (
    <li
      {...rowAttributes(placement)}
      className={failed ? 'message is-pending is-failed' : 'message is-pending'}
      data-testid="pending-message"
      data-client-nonce={pending.clientNonce}
    >
      <div className="message-gutter" aria-hidden="true" />
      <div className="message-content">
        <div className="message-meta">
          <span className="message-author">{authorName}</span>
          <span className="message-time">{failed ? 'Not sent' : 'Sending…'}</span>
        </div>
        {pending.body && <p className="message-body">{pending.body}</p>}
        {pending.files.length > 0 && (
          <ul className="attachment-files is-pending">
            {pending.files.map((file) => (
              <li key={file.uploadID} className="file-chip">
                <FileBadge name={file.name} />
                <span className="file-chip-text">
                  <span className="file-chip-name">{file.name}</span>
                  <span className="file-chip-size">{formatBytes(file.size)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        {failed && (
          <div className="message-actions">
            {pending.error && <span className="message-error">{pending.error}</span>}
            <button type="button" className="link-button" onClick={() => onRetry(pending.clientNonce)}>
              Retry
            </button>
            <button type="button" className="link-button" onClick={() => onDiscard(pending.clientNonce)}>
              Discard
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
