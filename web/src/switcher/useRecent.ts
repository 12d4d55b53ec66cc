import { useEffect, useState } from 'react';
import { useCurrentUser } from '../auth/session';
import { useSidebar } from '../sidebar/SidebarProvider';
import { loadRecent, pushRecent, saveRecent } from './recent';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // Refused (storage blocked): the list lives only in memory.
  }
}

/** The channels and conversations opened lately (newest first), following what is on screen. */
export function useRecent(): readonly string[] {
  const me = useCurrentUser().id;
  const { openParent } = useSidebar();
  const [recent, setRecent] = useState(() => loadRecent(browserStorage(), me));
  const openID = openParent?.id ?? null;

  useEffect(() => {
    if (openID) setRecent((list) => (list[0] === openID ? list : pushRecent(list, openID)));
  }, [openID]);

  useEffect(() => saveRecent(browserStorage(), me, recent), [me, recent]);

  return recent;
}
