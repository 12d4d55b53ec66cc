import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useServices } from '../core/services';
import { wsUrlResolver } from './api';
import { RealtimeClient } from './RealtimeClient';

const RealtimeContext = createContext<RealtimeClient | null>(null);

/** Holds one live connection while someone is signed in. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { api } = useServices();
  const [client] = useState(
    () => new RealtimeClient({ getUrl: wsUrlResolver(api, () => window.location.href) }),
  );

  useEffect(() => {
    client.start();
    // Back online, or back in front of the person after the browser slowed this tab's timers:
    // check the connection now rather than wait for the next ping or the backoff.
    const check = () => client.checkNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    window.addEventListener('online', check);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', check);
      document.removeEventListener('visibilitychange', onVisible);
      client.stop();
    };
  }, [client]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

export function useRealtimeClient(): RealtimeClient {
  const client = useContext(RealtimeContext);
  if (!client) throw new Error('useRealtimeClient outside RealtimeProvider');
  return client;
}
