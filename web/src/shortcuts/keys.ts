// Which app-wide shortcut a key press is, if any (the handler in useShortcuts acts on it).

export type ShortcutAction = 'switcher' | 'sheet' | 'previousRow' | 'nextRow' | 'previousUnread' | 'nextUnread';

export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/**
 * The shortcut `e` is. `inTextField`: the key goes into text there, so `?` is a question mark;
 * the shortcuts with Ctrl, Cmd or Alt work in text too (the composer included), as in other chat
 * apps.
 */
export function shortcutFor(e: KeyPress, inTextField: boolean): ShortcutAction | null {
  const command = e.ctrlKey || e.metaKey;
  if (command && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') return 'switcher';
  if (command && !e.altKey && e.key === '/') return 'sheet';
  if (e.key === '?' && !command && !e.altKey && !inTextField) return 'sheet';
  if (e.altKey && !command && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
    const down = e.key === 'ArrowDown';
    if (e.shiftKey) return down ? 'nextUnread' : 'previousUnread';
    return down ? 'nextRow' : 'previousRow';
  }
  return null;
}
