import { useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import type { Message } from '../api/types.generated';
import { useServices } from '../core/services';
import { MESSAGE_BODY_MAX_CHARS } from '../limits';
import { autoFocus } from '../ui/autoFocus';
import { emojifyForSend } from '../emoji/shortcodes';
import { editMessage } from './api';
import { messageBody } from './Composer';

type EditMessageFormProps = {
  message: Message;
  parent: ParentRef;
  onDone: () => void;
};

/** A message's text, editable in place: Enter saves, Escape cancels. */
export function EditMessageForm({ message, parent, onDone }: EditMessageFormProps) {
  const { api } = useServices();
  const [text, setText] = useState(message.body);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const body = messageBody(text);
  const tooLong = [...body].length > MESSAGE_BODY_MAX_CHARS;

  const save = () => {
    if (saving || tooLong || !body.trim()) return;
    if (body === message.body) {
      onDone();
      return;
    }
    setSaving(true);
    setError(null);
    // The edited message also arrives as an event, which updates every list it is in.
    emojifyForSend(body)
      .then((text) => (text === message.body ? undefined : editMessage(api, parent, message, text)))
      .then(onDone, (err: unknown) => {
        setError(errorMessage(err));
        setSaving(false);
      });
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
        aria-label="Edit message"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          }
          if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
        ref={autoFocus}
        onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
      />
      <div className="message-edit-buttons">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" data-testid="edit-save" disabled={saving || tooLong}>
          Save
        </button>
        {error && (
          <span className="inline-error" role="alert">
            {error}
          </span>
        )}
        {tooLong && <span className="inline-error">Too long to save</span>}
      </div>
    </form>
  );
}
