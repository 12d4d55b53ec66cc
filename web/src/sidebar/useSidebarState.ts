import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState, type Dispatch } from 'react';
import { errorMessage } from '../api/errors';
import type { Sidebar } from '../api/types.generated';
import { useServices } from '../core/services';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { getSidebar } from './api';
import { hasParent, sidebarReducer, type SidebarAction } from './sidebarStore';

export type SidebarStateHook = {
  sidebar: Sidebar | null;
  /** Why the last load failed (the sidebar keeps what it had). */
  loadError: string | null;
  dispatch: Dispatch<SidebarAction>;
  /** The latest state, for callbacks. */
  current: () => Sidebar | null;
  reload: () => void;
};

/**
 * The sidebar's data: loaded at start and after every reconnect (events may have been missed),
 * kept current by live events, and loaded again when a message arrives for a channel or
 * conversation it does not have (a conversation becomes visible with its first message).
 */
export function useSidebarState(me: string): SidebarStateHook {
  const { api } = useServices();
  const [sidebar, dispatch] = useReducer(sidebarReducer, null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const latest = useRef(sidebar);
  useLayoutEffect(() => {
    latest.current = sidebar;
  });
  // Ask about each unknown parent once, not on every message in it.
  const askedAbout = useRef(new Set<string>());

  useEffect(() => {
    let cancelled = false;
    getSidebar(api).then(
      (loaded) => {
        if (cancelled) return;
        dispatch({ type: 'loaded', sidebar: loaded });
        setLoadError(null);
      },
      (err: unknown) => {
        if (!cancelled) setLoadError(errorMessage(err));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = useCallback(() => latest.current, []);

  useRealtimeEvent((event) => {
    dispatch({ type: 'event', event, me });
    if (event.type !== 'message.new') return;
    const state = latest.current;
    const { parentID } = event.data;
    if (!state || hasParent(state, parentID) || askedAbout.current.has(parentID)) return;
    askedAbout.current.add(parentID);
    reload();
  });

  // Every connection follows a gap, the first one too: what was posted between the first load
  // and the socket opening reached nobody here.
  useRealtimeOpen(reload);

  return { sidebar, loadError, dispatch, current, reload };
}
