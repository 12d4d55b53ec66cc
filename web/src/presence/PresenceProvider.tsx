import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Presence, PresenceStatus } from '../api/types.generated';
import { useServices } from '../app/services';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { useRealtimeClient } from '../realtime/RealtimeProvider';
import { PresenceStore } from './presenceStore';

const PresenceContext = createContext<PresenceStore | null>(null);

/**
 * Keeps presence for the signed-in app: updates from `presence.changed`, and tells the server
 * when this tab is hidden (away) or visible again (online).
 */
export function PresenceProvider({ children }: { children: ReactNode }) {
  const store = useMemo(() => new PresenceStore(), []);
  const client = useRealtimeClient();

  useRealtimeEvent((event) => {
    if (event.type === 'presence.changed') store.set(event.data.userID, event.data.status);
  });

  const report = () =>
    client.sendFrame({ type: 'presence', status: document.visibilityState === 'hidden' ? 'away' : 'online' });
  useRealtimeOpen(() => {
    if (document.visibilityState === 'hidden') report();
  });
  useEffect(() => {
    const onChange = () => report();
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  });

  return <PresenceContext.Provider value={store}>{children}</PresenceContext.Provider>;
}

/** The presence of `id`, fetched once when first asked about; `undefined` until known. */
export function usePresence(id: string): PresenceStatus | undefined {
  const store = useContext(PresenceContext);
  const { api } = useServices();
  if (!store) throw new Error('usePresence outside PresenceProvider');
  useSyncExternalStore(store.subscribe, store.snapshot);
  useEffect(() => {
    if (store.unknown([id]).length === 0) return;
    api.get<Presence[]>(`/api/v1/presence?ids=${encodeURIComponent(id)}`).then(
      (answers) => answers.forEach((p) => store.set(p.userID, p.status)),
      () => {
        // Unknown presence shows no dot; the next event brings it.
      },
    );
  }, [api, store, id]);
  return store.get(id);
}
