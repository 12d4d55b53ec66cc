import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { ServerEvent } from '../api/types.generated';
import type { CatchUpReason, ConnectionState } from './RealtimeClient';
import { useRealtimeClient } from './RealtimeProvider';

export function useConnectionState(): ConnectionState {
  const client = useRealtimeClient();
  return useSyncExternalStore(client.subscribeState, client.getState);
}

/** Calls the latest `handler` for every server event, without resubscribing on each render. */
export function useRealtimeEvent(handler: (event: ServerEvent) => void): void {
  const client = useRealtimeClient();
  const latest = useLatest(handler);
  useEffect(() => client.onEvent((event) => latest.current(event)), [client, latest]);
}

/**
 * Calls the latest `handler` on every reconnect and every lost event: time to catch up. With
 * `first`, on the first connection's open too (which needs no catch-up, see `CatchUpReason`).
 */
export function useRealtimeOpen(
  handler: (reason: CatchUpReason) => void,
  { first = false }: { first?: boolean } = {},
): void {
  const client = useRealtimeClient();
  const latest = useLatest(handler);
  useEffect(
    () =>
      client.onOpen((reason) => {
        if (reason !== 'first' || first) latest.current(reason);
      }),
    [client, latest, first],
  );
}

function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
