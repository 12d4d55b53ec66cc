import { useEffect, useState, type ReactNode } from 'react';
import type { ConnectionState } from './RealtimeClient';
import { useRealtimeClient } from './RealtimeProvider';

/** How long the app waits for its first ticket before it loads without it. */
export const FIRST_TICKET_WAIT_MS = 1_500;

/** Whether what is fetched now comes after the first ticket (or the first try failed). */
function pastTicket(state: ConnectionState): boolean {
  if (state.status === 'connecting') return state.ticketed === true;
  // `reconnecting`: the first try failed; the app loads and catches up when it connects.
  return state.status !== 'stopped';
}

/**
 * Shows `children` once the live connection has its first ticket (or failed, or the ticket took
 * longer than FIRST_TICKET_WAIT_MS). The server holds the user's events from the ticket on, and
 * the socket the ticket opens takes them at its first ping, so what children fetch from then on
 * misses no event and needs no catch-up when the socket opens: each concern is fetched once, and
 * the fetches run while the socket's handshake does. Children let in before the ticket (the
 * wait ran out, or the ticket failed) make the first open catch up, as any reconnect does.
 */
export function FirstConnection({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const client = useRealtimeClient();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (ready) return;
    const letIn = () => {
      // Nothing once the first ticket came; before it, the first open will catch up.
      client.expectCatchUp();
      setReady(true);
    };
    const check = () => {
      if (pastTicket(client.getState())) letIn();
    };
    const off = client.subscribeState(check);
    check();
    const timer = setTimeout(letIn, FIRST_TICKET_WAIT_MS);
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [client, ready]);

  return ready ? children : fallback;
}
