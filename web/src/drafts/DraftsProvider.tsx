import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Draft } from '../api/types.generated';
import { useServices } from '../core/services';
import { Emitter } from '../lib/emitter';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { fetchDrafts } from './api';
import { draftKey } from './drafts';

/** The signed-in user's drafts as last heard from the server, by scope. */
export class DraftStore {
  private readonly drafts = new Map<string, Draft>();
  private readonly changes = new Emitter<Draft>();
  loaded = false;

  get(key: string): Draft | undefined {
    return this.drafts.get(key);
  }

  /** A draft from the server; an empty body means it was cleared (sent, or emptied). */
  set(draft: Draft): void {
    const key = draftKey(draft);
    const known = this.drafts.get(key);
    if (known && Date.parse(known.editedAt) > Date.parse(draft.editedAt)) return;
    this.drafts.set(key, draft);
    this.changes.emit(draft);
  }

  /** Everything the server holds, replacing what was known (after a load or a reconnect). */
  load(drafts: Draft[]): void {
    this.loaded = true;
    for (const draft of drafts) this.set(draft);
  }

  /** Every draft with text, newest edit first. */
  all(): Draft[] {
    return [...this.drafts.values()]
      .filter((d) => d.body.trim() !== '')
      .sort((a, b) => Date.parse(b.editedAt) - Date.parse(a.editedAt));
  }

  onChange(listener: (draft: Draft) => void): () => void {
    return this.changes.on(listener);
  }
}

const DraftsContext = createContext<{ store: DraftStore; loaded: boolean } | null>(null);

/** Loads the drafts once signed in, again after each reconnect, and hears of other devices' edits. */
export function DraftsProvider({ children }: { children: ReactNode }) {
  const { api } = useServices();
  const [store] = useState(() => new DraftStore());
  const [loaded, setLoaded] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    fetchDrafts(api).then(
      (drafts) => {
        if (cancelled) return;
        store.load(drafts);
        setLoaded(true);
      },
      () => {
        // Composers start empty; the next reconnect tries again.
        if (!cancelled) setLoaded(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, store, attempt]);

  // Edits made elsewhere while the socket was down arrive now.
  useRealtimeOpen(() => {
    if (store.loaded) setAttempt((n) => n + 1);
  });
  useRealtimeEvent((event) => {
    if (event.type === 'draft.updated') store.set(event.data);
  });

  return <DraftsContext.Provider value={{ store, loaded }}>{children}</DraftsContext.Provider>;
}

export function useDraftStore(): { store: DraftStore; loaded: boolean } {
  const value = useContext(DraftsContext);
  if (!value) throw new Error('useDraftStore outside DraftsProvider');
  return value;
}
