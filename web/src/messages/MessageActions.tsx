import { useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/paths';
import type { Message } from '../api/types.generated';
import { useServices } from '../app/services';
import { deleteMessage, editMessage, setPinned } from './api';

type MessageActionsProps = {
  message: Message;
  parent: ParentRef;
  mine: boolean;
  onReply: () => void;
};

/** What one can do to a message: reply, edit and delete one's own, pin or unpin. */
export function MessageActions({ message, parent, mine, onReply }: MessageActionsProps) {
  const { api } = useServices();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (err: unknown) => setError(errorMessage(err));

  if (editing !== null) {
    const save = () => {
      editMessage(api, parent, message, editing).then(() => setEditing(null), fail);
    };
    return (
      <form
        className="message-edit"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <textarea
          className="message-edit-input"
          data-testid="edit-input"
          value={editing}
          onChange={(e) => setEditing(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              save();
            }
            if (e.key === 'Escape') setEditing(null);
          }}
          autoFocus
        />
        <button type="submit" className="button" data-testid="edit-save">
          Save
        </button>
        <button type="button" className="button" onClick={() => setEditing(null)}>
          Cancel
        </button>
        {error && <span className="reaction-error">{error}</span>}
      </form>
    );
  }

  return (
    <span className="message-action-buttons">
      <button type="button" className="reply-button" data-testid="reply-button" onClick={onReply}>
        Reply in thread
      </button>
      <button
        type="button"
        className="reply-button"
        data-testid="pin-button"
        onClick={() => setPinned(api, parent, message, !message.pinnedAt).catch(fail)}
      >
        {message.pinnedAt ? 'Unpin' : 'Pin'}
      </button>
      {mine && (
        <>
          <button
            type="button"
            className="reply-button"
            data-testid="edit-button"
            onClick={() => {
              setError(null);
              setEditing(message.body);
            }}
          >
            Edit
          </button>
          <button
            type="button"
            className="reply-button"
            data-testid="delete-button"
            onClick={() => {
              if (window.confirm('Delete this message for everyone?')) {
                deleteMessage(api, parent, message).catch(fail);
              }
            }}
          >
            Delete
          </button>
        </>
      )}
      {error && <span className="reaction-error">{error}</span>}
    </span>
  );
}
