import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { MESSAGE_BODY_MAX_CHARS } from '../limits';

type ComposerProps = {
  /** Who the message goes to: "#general", "Ann". */
  target: string;
  onSend: (body: string) => void;
  /** The last send's error, shown under the input. */
  error: string | null;
  disabledReason?: string | null;
  /** Called on each keystroke that leaves text in the box (to tell others someone types). */
  onTyping?: () => void;
};

/** The text to send: without trailing whitespace or leading blank lines (indentation stays). */
export function messageBody(text: string): string {
  return text.replace(/^\s*\n/, '').trimEnd();
}

/** Enter sends; Shift+Enter (or Enter while composing with an IME) adds a line. */
export function Composer({ target, onSend, error, disabledReason, onTyping }: ComposerProps) {
  const [text, setText] = useState('');
  const body = messageBody(text);
  const length = [...body].length;
  const over = length - MESSAGE_BODY_MAX_CHARS;
  const canSend = !disabledReason && body.trim().length > 0 && over <= 0;

  const submit = () => {
    if (!canSend) return;
    onSend(body);
    setText('');
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <div className="composer-box">
        <textarea
          className="composer-input"
          data-testid="composer-input"
          aria-label={`Message ${target}`}
          placeholder={disabledReason ?? `Message ${target}`}
          disabled={Boolean(disabledReason)}
          rows={1}
          // A new channel's composer takes the keyboard, as the reader came to write.
          autoFocus
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim()) onTyping?.();
          }}
          onKeyDown={onKeyDown}
        />
        <button
          type="submit"
          className="button button-primary composer-send"
          data-testid="composer-send"
          disabled={!canSend}
        >
          Send
        </button>
      </div>
      <div className="composer-footer">
        {error && (
          <p className="composer-error" role="alert" data-testid="composer-error">
            {error}
          </p>
        )}
        {over > 0 && (
          <p className="composer-error">
            {over} {over === 1 ? 'character' : 'characters'} over the {MESSAGE_BODY_MAX_CHARS} limit
          </p>
        )}
        {!error && over <= 0 && (
          <p className="composer-hint">
            <kbd>Enter</kbd> to send, <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
          </p>
        )}
      </div>
    </form>
  );
}
