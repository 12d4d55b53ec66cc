import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useServices } from '../app/services';
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
    // Back online: no point waiting out the backoff.
    const onOnline = () => client.retryNow();
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
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
