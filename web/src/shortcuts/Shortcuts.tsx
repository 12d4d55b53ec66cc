import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { isTextField } from '../search/SearchBox';
import { adjacentRow, adjacentUnread, rowsInOrder } from '../sidebar/navigation';
import { useSidebar } from '../sidebar/SidebarProvider';
import { useSections } from '../sidebar/useSections';
import { useRecent } from '../switcher/useRecent';
import { isDialogOpen } from '../ui/focusTrap';
import { shortcutFor, type ShortcutAction } from './keys';

type Open = 'switcher' | 'sheet' | null;

// Loaded on first use: most sessions never open them.
const QuickSwitcher = lazy(() => import('../switcher/QuickSwitcher').then((m) => ({ default: m.QuickSwitcher })));
const ShortcutSheet = lazy(() => import('./ShortcutSheet').then((m) => ({ default: m.ShortcutSheet })));

/**
 * The app-wide shortcuts (see keys.ts): the quick switcher, the shortcut sheet, and moving through
 * the sidebar. While another dialog is open they stand aside (Ctrl-K still closes the switcher).
 */
export function Shortcuts({ onOpen }: { onOpen?: () => void }) {
  const navigate = useNavigate();
  const sections = useSections();
  const { openParent } = useSidebar();
  const recent = useRecent();
  const [open, setOpen] = useState<Open>(null);

  const act = (action: ShortcutAction): boolean => {
    if (action === 'switcher' && open === 'switcher') {
      setOpen(null);
      return true;
    }
    if (isDialogOpen()) return false;
    if (action === 'switcher' || action === 'sheet') {
      onOpen?.();
      setOpen(action);
      return true;
    }
    const rows = sections ? rowsInOrder(sections) : [];
    const openID = openParent?.id ?? null;
    const step = action === 'nextRow' || action === 'nextUnread' ? 1 : -1;
    const unread = action === 'nextUnread' || action === 'previousUnread';
    const target = unread ? adjacentUnread(rows, openID, step) : adjacentRow(rows, openID, step);
    if (target) void navigate(target.href);
    // Handled even at the end of the list: the caret in the composer does not jump instead.
    return true;
  };
  const latest = useRef(act);
  useLayoutEffect(() => {
    latest.current = act;
  });

  useEffect(() => {
    // Caught on the way down, before the page's own keys: Alt-Up in the message box moves to
    // another channel instead of editing the last message.
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const action = shortcutFor(e, isTextField(e.target));
      if (action && latest.current(action)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <Suspense fallback={null}>
      {open === 'switcher' && <QuickSwitcher recent={recent} onClose={() => setOpen(null)} />}
      {open === 'sheet' && <ShortcutSheet onClose={() => setOpen(null)} />}
    </Suspense>
  );
}
