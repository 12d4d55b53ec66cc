// An in-app "are you sure?" for what cannot be undone (or is a big step): a clear title, what will
// happen, Cancel (focused first, so Enter or Escape alone never destroys) and a danger-styled
// button that does it.
import type { ReactNode } from 'react';
import { Modal } from './Modal';
import { useSubmit } from './useSubmit';

type ConfirmDialogProps = {
  /** A question naming the act: "Delete this message?". */
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  /** The act, on its button: "Delete", "Archive channel". */
  confirmLabel: string;
  /** Does it; the dialog closes when it succeeds and shows the error when it fails. */
  onConfirm: () => Promise<unknown> | void;
  onClose: () => void;
  testId?: string;
  /** A step that can be undone (unarchive) uses the primary colour instead of the danger one. */
  danger?: boolean;
};

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  testId = 'confirm-dialog',
  danger = true,
}: ConfirmDialogProps) {
  const submitting = useSubmit();
  const confirm = () =>
    submitting.run(async () => {
      await onConfirm();
      onClose();
    });

  return (
    <Modal title={title} onClose={onClose} testId={testId} className="confirm-dialog">
      <div className="confirm-text">{children}</div>
      {submitting.error && (
        <p className="field-error" role="alert" data-testid="confirm-error">
          {submitting.error}
        </p>
      )}
      <div className="form-buttons">
        <button type="button" className="button" data-testid="confirm-cancel" data-autofocus onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={danger ? 'button button-danger' : 'button button-primary'}
          data-testid="confirm-ok"
          disabled={submitting.busy}
          onClick={confirm}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
