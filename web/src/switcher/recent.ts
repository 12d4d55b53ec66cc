// The channels and conversations opened lately, newest first, kept in this browser per user: the
// quick switcher lists them first.

export const RECENT_MAX = 20;

/** The list after opening `id`: it moves to the front, once, and the oldest beyond the limit go. */
export function pushRecent(list: readonly string[], id: string, max: number = RECENT_MAX): string[] {
  return [id, ...list.filter((x) => x !== id)].slice(0, max);
}

function storageKey(userId: string): string {
  return `parley.recent.${userId}`;
}

/** The stored list; an absent, unreadable or malformed one reads as empty. */
export function loadRecent(storage: Pick<Storage, 'getItem'> | null, userId: string): string[] {
  try {
    const raw = storage?.getItem(storageKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

export function saveRecent(storage: Pick<Storage, 'setItem'> | null, userId: string, list: readonly string[]): void {
  try {
    storage?.setItem(storageKey(userId), JSON.stringify(list));
  } catch {
    // Storage full or refused (private mode): the list lives only in memory this time.
  }
}
