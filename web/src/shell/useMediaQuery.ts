import { useCallback, useSyncExternalStore } from 'react';

/** The phone layout (sidebar as a drawer, panels over the whole screen): keep in step with shell.css. */
export const NARROW_QUERY = '(max-width: 699px)';

/** Whether the media query matches now, following changes (a rotated phone, a resized window). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** Whether the phone layout is on. */
export function useNarrow(): boolean {
  return useMediaQuery(NARROW_QUERY);
}
