// The busy and error state of a form's save, shared by the dialogs.
import { useState } from 'react';
import { errorMessage } from '../api/errors';

export type Submit = {
  /** While a save runs: its button waits, and another save does not start. */
  busy: boolean;
  /** The last failure's text, fit to show (the server's `ApiError` message); null when none. */
  error: string | null;
  /** What the last save threw (an `ApiError` mostly), for a form that places it by its code. */
  failure: unknown;
  /** Runs `save` unless one is running; a failure is kept for `error` and the form stays open. */
  run: (save: () => Promise<unknown>) => void;
};

/** One save at a time for a form: busy while it runs, and the error it ended with. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<{ cause: unknown } | null>(null);

  const run = (save: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setFailed(null);
    save().then(
      () => setBusy(false),
      (cause: unknown) => {
        setFailed({ cause });
        setBusy(false);
      },
    );
  };

  return { busy, error: failed && errorMessage(failed.cause), failure: failed?.cause ?? null, run };
}
