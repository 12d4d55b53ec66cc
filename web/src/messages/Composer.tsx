import { SendHorizontal } from 'lucide-react';
import { useLayoutEffect, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { closedShortcode } from '../completion/completion';
import { CompletionMenu } from '../completion/CompletionMenu';
import { useCompletion, type CompletionItem } from '../completion/useCompletion';
import type { DraftScope } from '../drafts/drafts';
import { useDraft } from '../drafts/useDraft';
import { emojiForShortcode } from '../emoji/emoji';
import { useEmojiData } from '../emoji/emojiData';
import { AttachButton } from '../files/AttachButton';
import { canSendWith, sendBlocker, sentFiles, type SentFile } from '../files/uploadQueue';
import { UploadChips } from '../files/UploadChips';
import type { ComposerUploads } from '../files/useUploads';
import { MESSAGE_BODY_MAX_CHARS } from '../limits';
import { useCaret } from '../ui/useCaret';
import { useEmojifiedSend } from './useEmojifiedSend';

type ComposerProps = {
  /** Who the message goes to: "#general", "Ann". */
  target: string;
  /**
   * Sends the text and the finished files. A promise (thread replies) keeps the files in the
   * composer until the message is in, and puts the text back if it failed.
   */
  onSend: (body: string, files: SentFile[]) => void | Promise<void>;
  /** The last send's error, shown under the input. */
  error: string | null;
  disabledReason?: string | null;
  /** Called on each keystroke that leaves text in the box (to tell others someone types). */
  onTyping?: () => void;
  /** Where the text is kept as a draft (restored on return, synced across devices). */
  draftScope?: DraftScope | null;
  /** ArrowUp in an empty box: edit the last own message; false when there is none. */
  onEditLast?: () => boolean;
  /** Offer @all and @here (channels and groups). */
  groupMentions?: boolean;
  /** The files to go with the message (attach, paste, drop); held by the pane, which takes drops. */
  uploads?: ComposerUploads;
};

/** The text to send: without trailing whitespace or leading blank lines (indentation stays). */
export function messageBody(text: string): string {
  return text.replace(/^\s*\n/, '').trimEnd();
}

/**
 * Files pasted into the box: a screenshot copied to the clipboard. When the clipboard holds text
 * as well (a spreadsheet's cells come with a picture of them), the text is what was meant.
 */
export function pastedFiles(data: Pick<DataTransfer, 'files' | 'types'>): File[] {
  if (Array.from(data.types).includes('text/plain')) return [];
  return Array.from(data.files);
}

/**
 * Enter sends; Shift+Enter (or Enter while composing with an IME) adds a line. `@` and `:`
 * offer people and emoji; ArrowUp in an empty box edits the last message. Files come with the
 * paperclip, by pasting, or dropped on the pane.
 */
export function Composer(props: ComposerProps) {
  const { target, onSend, error, disabledReason, onTyping, draftScope = null, onEditLast, groupMentions = false, uploads } = props;
  const draft = useDraft(draftScope);
  const { text } = draft;
  const latestText = useRef(text);
  useLayoutEffect(() => {
    latestText.current = text;
  });
  // A thread reply with files on its way: its files stay, unchangeable, until it is in.
  const [sendingFiles, setSendingFiles] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const pendingCaret = useRef<number | null>(null);
  useCaret(input, setCaret);
  // A new channel's composer takes the keyboard, as the reader came to write (what React's
  // autoFocus did: ui/autoFocus.ts).
  useLayoutEffect(() => {
    input.current?.focus();
  }, []);
  const completion = useCompletion(text, caret, groupMentions);
  const emoji = useEmojiData(text.includes(':'));
  const emojified = useEmojifiedSend();
  const body = messageBody(text);
  const length = [...body].length;
  const over = length - MESSAGE_BODY_MAX_CHARS;
  const summary = uploads?.summary ?? { running: 0, failed: 0, uploadIDs: [] };
  const canSend = !disabledReason && !sendingFiles && over <= 0 && canSendWith(body.trim().length > 0, summary);
  const hasFiles = (uploads?.uploads.length ?? 0) > 0;
  const blocker = (body.trim() !== '' || hasFiles) && !sendingFiles ? sendBlocker(summary) : null;

  // A completion moved the caret: put it there once the new text is in the box.
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    if (at === null || !input.current) return;
    pendingCaret.current = null;
    input.current.setSelectionRange(at, at);
  });

  const change = (next: string, at: number) => {
    draft.setText(next);
    setCaret(at);
    if (next.trim()) onTyping?.();
  };

  const choose = (item: CompletionItem) => {
    const next = completion.pick(item);
    pendingCaret.current = next.caret;
    change(next.text, next.caret);
    input.current?.focus();
  };

  const onChange = (value: string, at: number) => {
    // `:tada:` typed out in full becomes 🎉.
    const closed = value[at - 1] === ':' ? closedShortcode(value, at) : null;
    const found = closed && emoji ? emojiForShortcode(emoji, closed.code) : null;
    if (closed && found) {
      const next = value.slice(0, closed.start) + found + value.slice(at);
      pendingCaret.current = closed.start + found.length;
      change(next, pendingCaret.current);
      return;
    }
    change(value, at);
  };

  const submit = () => {
    if (!canSend) return;
    const files = uploads ? sentFiles(uploads.uploads) : [];
    draft.clear();
    setCaret(0);
    // Files hold the composer from here (sent twice, the second would be refused).
    if (files.length > 0) setSendingFiles(true);
    emojified(body, (text) => dispatch(text, files));
  };
  const dispatch = (text: string, files: SentFile[]) => {
    const keys = files.map((f) => f.key);
    const holding = keys.length > 0;
    const sending = onSend(text, files);
    if (!sending) {
      uploads?.sent(keys);
      if (holding) setSendingFiles(false);
      return;
    }
    // Only files hold the composer; text alone does not, so replies typed in quick succession
    // all go.
    void sending
      .then(
        () => uploads?.sent(keys),
        () => {
          // Not sent (the error shows below): the text comes back unless something new was typed.
          if (latestText.current === '') draft.setText(body);
        },
      )
      .finally(() => holding && setSendingFiles(false));
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    if (!uploads) return;
    const files = pastedFiles(e.clipboardData);
    if (files.length === 0) return;
    e.preventDefault();
    uploads.add(files);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (completion.onKeyDown(e, choose)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    } else if (e.key === 'ArrowUp' && text === '' && onEditLast?.()) {
      e.preventDefault();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <div className="composer-box">
        <CompletionMenu items={completion.items} active={completion.active} onHover={completion.setActive} onPick={choose} />
        {uploads && (
          <UploadChips
            uploads={uploads.uploads}
            // The chip and its button go: the keyboard goes back to the text.
            onRemove={(key) => {
              uploads.remove(key);
              input.current?.focus();
            }}
            onRetry={uploads.retry}
            locked={sendingFiles}
          />
        )}
        <div className="composer-row">
          {uploads && <AttachButton onFiles={uploads.add} disabled={Boolean(disabledReason)} />}
          <textarea
            ref={input}
            className="composer-input"
            data-testid="composer-input"
            aria-label={`Message ${target}`}
            placeholder={disabledReason ?? `Message ${target}`}
            disabled={Boolean(disabledReason)}
            rows={1}
            value={text}
            onChange={(e) => onChange(e.target.value, e.target.selectionStart)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
          />
          <button
            type="submit"
            className="button button-primary icon-button composer-send"
            data-testid="composer-send"
            aria-label="Send"
            title="Send (Enter)"
            disabled={!canSend}
          >
            <SendHorizontal size={18} aria-hidden="true" />
          </button>
        </div>
      </div>
      <div className="composer-footer">
        {error && (
          <p className="composer-error" role="alert" data-testid="composer-error">
            {error}
          </p>
        )}
        {uploads?.notice && (
          <p className="composer-error" role="alert" data-testid="upload-refused">
            {uploads.notice}{' '}
            <button type="button" className="link-button" onClick={uploads.dismissNotice}>
              Dismiss
            </button>
          </p>
        )}
        {blocker && (
          <p className="composer-hint" data-testid="upload-blocker">
            {blocker}
          </p>
        )}
        {over > 0 && (
          <p className="composer-error">
            {over} {over === 1 ? 'character' : 'characters'} over the {MESSAGE_BODY_MAX_CHARS} limit
          </p>
        )}
        {!error && !blocker && !uploads?.notice && over <= 0 && draft.restored && (
          <p className="composer-hint" data-testid="draft-restored">
            Draft restored
          </p>
        )}
        {!error && !blocker && !uploads?.notice && over <= 0 && !draft.restored && (
          <p className="composer-hint">
            <kbd>Enter</kbd> to send, <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line, <kbd>↑</kbd> to edit your last
            message
          </p>
        )}
      </div>
    </form>
  );
}
