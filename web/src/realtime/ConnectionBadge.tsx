import { useEffect, useState } from 'react';
import { useConnectionState } from './hooks';
import { useRealtimeClient } from './RealtimeProvider';
import type { ConnectionState } from './RealtimeClient';

type BadgeState = 'connected' | 'connecting' | 'reconnecting';

function badgeState(state: ConnectionState): BadgeState {
  if (state.status === 'connected') return 'connected';
  if (state.status === 'reconnecting') return 'reconnecting';
  return 'connecting';
}

/** A small, always visible answer to "am I getting messages live?". */
export function ConnectionBadge() {
  const client = useRealtimeClient();
  const state = useConnectionState();
  const retryAt = state.status === 'reconnecting' ? state.retryAt : null;
  const secondsLeft = useSecondsUntil(retryAt);
  const online = useOnline();

  let label: string;
  if (state.status === 'connected') label = 'Connected';
  else if (state.status === 'reconnecting') {
    label = online ? `Reconnecting in ${secondsLeft} s…` : 'Offline';
  } else if (state.status === 'connecting' && state.attempt > 0) label = 'Reconnecting…';
  else label = 'Connecting…';

  return (
    <div className="connection" data-testid="connection-state" data-state={badgeState(state)}>
      <span className="connection-dot" aria-hidden="true" />
      <span role="status">{label}</span>
      {state.status === 'reconnecting' && online && (
        <button type="button" className="link-button" onClick={() => client.retryNow()}>
          Retry now
        </button>
      )}
    </div>
  );
}

/** Whole seconds until `deadline` (ms since the epoch), ticking each second; 0 without one. */
function useSecondsUntil(deadline: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline === null ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
