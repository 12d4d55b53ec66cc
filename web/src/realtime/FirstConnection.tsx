import { useEffect, useState, type ReactNode } from 'react';
import { useRealtimeClient } from './RealtimeProvider';

/** How long the app waits for its live connection before it loads without it. */
export const FIRST_CONNECTION_WAIT_MS = 1_500;

/**
 * Shows `children` once the live connection first opened (or failed, or took longer than
 * FIRST_CONNECTION_WAIT_MS). What they fetch at start then comes after the connection opened, so
 * live events cover it and the catch-up of that first open is not needed: it fires before any of
 * them listens, and each concern is fetched once. Without this, everything fetched at start was
 * fetched again when the connection opened a moment later. A connection that opens after the wait
 * still brings the catch-up, as any reconnect does.
 *
 * The price: the first screen waits for the ticket and the socket's handshake (locally, on a
 * loaded machine, the median time to the first messages went from about 1.3 s to 2.0 s). The API
 * as it is leaves no better choice: an event sent between a fetch and the socket's registration
 * reaches nobody, so data fetched before the open must be fetched again. A server that queued the
 * user's events from the ticket on would let the app fetch right after the ticket instead.
 */
export function FirstConnection({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const client = useRealtimeClient();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (ready) return;
    const check = () => {
      const { status } = client.getState();
      // `reconnecting`: the first try failed; the app loads and catches up when it connects.
      if (status === 'connected' || status === 'reconnecting') setReady(true);
    };
    const off = client.subscribeState(check);
    check();
    const timer = setTimeout(() => setReady(true), FIRST_CONNECTION_WAIT_MS);
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [client, ready]);

  return ready ? children : fallback;
}
