import { useEffect } from 'react';
import type { Theme } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';

/** The choices, in the order the profile shows them. */
export const THEMES: { id: Theme; label: string }[] = [
  { id: 'system', label: 'Same as the device' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

/** Puts `theme` on the page: the colours follow `data-theme`, or the device when there is none. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** While someone is signed in, the page wears their theme; signed out, the device's. */
export function useOwnTheme(): void {
  const theme = useCurrentUser().theme;
  useEffect(() => {
    applyTheme(theme);
    return () => applyTheme('system');
  }, [theme]);
}
