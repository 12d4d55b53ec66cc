import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useServices } from '../core/services';
import { saveDraft } from './api';
import { DRAFT_SAVE_DELAY_MS, draftKey, takesRemoteDraft, type DraftScope } from './drafts';
import { useDraftStore } from './DraftsProvider';

export type DraftText = {
  text: string;
  /** A change typed here: shown at once, saved after a pause. */
  setText: (text: string) => void;
  /** After a send: empties the box and clears the saved draft at once. */
  clear: () => void;
  /** The text came from a saved draft (this device's earlier visit, or another device). */
  restored: boolean;
};

/**
 * The composer's text for one scope, kept as a server-side draft: restored on open, saved a
 * second after typing stops (and when leaving), replaced by another device's newer edit.
 */
export function useDraft(scope: DraftScope | null): DraftText {
  const { api } = useServices();
  const { store } = useDraftStore();
  const key = scope ? draftKey(scope) : null;
  const initial = key ? store.get(key)?.body ?? '' : '';
  const [text, setTextState] = useState(initial);
  const [restored, setRestored] = useState(initial !== '');
  const local = useRef<{ text: string; editedAt: number | null }>({ text: initial, editedAt: null });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scopeRef = useRef(scope);
  useLayoutEffect(() => {
    scopeRef.current = scope;
  });

  const save = useCallback(() => {
    timer.current = null;
    const current = scopeRef.current;
    const { text: body, editedAt } = local.current;
    if (!current || editedAt === null) return;
    saveDraft(api, {
      parentID: current.parentID,
      parentType: current.parentType,
      ...(current.threadRootID ? { threadRootID: current.threadRootID } : {}),
      body,
      editedAt: new Date(editedAt).toISOString(),
    }).then(
      (saved) => {
        if (saved) store.set(saved);
      },
      () => {
        // 409 draft_stale: a newer edit is stored, and its event replaces this text. Otherwise
        // the next keystroke saves again.
      },
    );
  }, [api, store]);

  // Another device's edit (or the first load of drafts) replaces the text if it is newer.
  useEffect(() => {
    if (!key) return;
    return store.onChange((draft) => {
      if (draftKey(draft) !== key || !takesRemoteDraft(draft, local.current)) return;
      local.current = { text: draft.body, editedAt: Date.parse(draft.editedAt) };
      setTextState(draft.body);
      setRestored(draft.body !== '');
    });
  }, [key, store]);

  // Leaving with a save still waiting: save now.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        save();
      }
    },
    [save],
  );

  const setText = useCallback(
    (next: string) => {
      local.current = { text: next, editedAt: Date.now() };
      setTextState(next);
      setRestored(false);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(save, DRAFT_SAVE_DELAY_MS);
    },
    [save],
  );

  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    const hadDraft = local.current.editedAt !== null || restored;
    local.current = { text: '', editedAt: Date.now() };
    setTextState('');
    setRestored(false);
    if (hadDraft) save();
  }, [save, restored]);

  return { text, setText, clear, restored };
}
