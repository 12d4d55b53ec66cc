// A dialog holding one form: its fields, the error of the last save, Cancel and the submit button.
import type { ReactNode } from 'react';
import { Modal } from './Modal';
import type { Submit } from './useSubmit';

type FormDialogProps = {
  title: string;
  testId: string;
  onClose: () => void;
  /** Called on submit (the page is never reloaded); usually checks the fields, then `submitting.run`. */
  onSubmit: () => void;
  /** The form's `useSubmit`: the submit button waits while it is busy; its error shows above the buttons. */
  submitting: Pick<Submit, 'busy' | 'error'>;
  submitLabel: string;
  submitTestId: string;
  /** Another reason the submit button is off (a problem in the fields, nobody picked yet). */
  submitDisabled?: boolean;
  submitClassName?: string;
  errorTestId?: string;
  cancelLabel?: string;
  /** More buttons, before Cancel. */
  extraButtons?: ReactNode;
  children: ReactNode;
};

export function FormDialog({
  title,
  testId,
  onClose,
  onSubmit,
  submitting,
  submitLabel,
  submitTestId,
  submitDisabled = false,
  submitClassName = 'button button-primary',
  errorTestId,
  cancelLabel = 'Cancel',
  extraButtons,
  children,
}: FormDialogProps) {
  return (
    <Modal title={title} onClose={onClose} testId={testId}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {submitting.error && (
          <p className="field-error" role="alert" data-testid={errorTestId}>
            {submitting.error}
          </p>
        )}
        <div className="form-buttons">
          {extraButtons}
          <button type="button" className="button" onClick={onClose}>
            {cancelLabel}
          </button>
          <button
            type="submit"
            className={submitClassName}
            data-testid={submitTestId}
            disabled={submitting.busy || submitDisabled}
          >
            {submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
