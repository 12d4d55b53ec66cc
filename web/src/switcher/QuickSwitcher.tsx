import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import { useCurrentUser } from '../auth/session';
import { channelUrl } from '../core/paths';
import { useQuickMatches } from '../search/useQuickMatches';
import { useOpenPerson } from '../search/useOpenPerson';
import { rowsInOrder } from '../sidebar/navigation';
import { useSidebar } from '../sidebar/SidebarProvider';
import { useSections } from '../sidebar/useSections';
import { autoFocus } from '../ui/autoFocus';
import { Modal } from '../ui/Modal';
import { cleanQuery, rankItems, type SwitcherItem } from './rank';
import { SwitcherOption } from './SwitcherOption';

type QuickSwitcherProps = {
  /** Opened lately, newest first. */
  recent: readonly string[];
  onClose: () => void;
};

/**
 * Ctrl/Cmd-K: a box to jump to a channel, conversation or person by typing part of its name
 * (letters in order, not necessarily together). Arrows move, Enter opens, Esc closes.
 */
export function QuickSwitcher({ recent, onClose }: QuickSwitcherProps) {
  const me = useCurrentUser();
  const { openParent } = useSidebar();
  const navigate = useNavigate();
  const openPerson = useOpenPerson();
  const sections = useSections();
  const listId = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const q = cleanQuery(text);
  const { people, channels } = useQuickMatches(q, q);
  const rows = useMemo(() => (sections ? rowsInOrder(sections) : []), [sections]);
  const ranked = useMemo(
    () => rankItems(text, { rows, people, channels, recent, openID: openParent?.id ?? null, me: me.id }),
    [text, rows, people, channels, recent, openParent, me.id],
  );
  const current = ranked.length === 0 ? -1 : Math.min(active, ranked.length - 1);
  const optionId = (i: number) => `${listId}-${i}`;

  const choose = (item: SwitcherItem) => {
    switch (item.kind) {
      case 'row':
        onClose();
        void navigate(item.row.href);
        return;
      case 'channel':
        onClose();
        void navigate(channelUrl(item.channel.slug));
        return;
      case 'person':
        setError(null);
        openPerson(item.user).then(onClose, (err: unknown) => setError(errorMessage(err)));
        return;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0 && ranked.length > 0) {
      e.preventDefault();
      setActive((current + step + ranked.length) % ranked.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const picked = ranked[current];
      if (picked) choose(picked.item);
    }
  };

  return (
    <Modal title="Jump to" onClose={onClose} testId="quick-switcher" className="switcher" hideTitle>
      <input
        className="switcher-input"
        data-testid="switcher-input"
        type="text"
        role="combobox"
        aria-label="Jump to a channel, conversation or person"
        aria-expanded={ranked.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        placeholder="Jump to…"
        autoComplete="off"
        spellCheck="false"
        ref={autoFocus}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="switcher-list" id={listId} role="listbox" aria-label="Matches">
        {ranked.map((entry, i) => (
          <SwitcherOption
            key={entry.item.key}
            id={optionId(i)}
            entry={entry}
            active={i === current}
            onHover={() => setActive(i)}
            onPick={() => choose(entry.item)}
          />
        ))}
      </ul>
      {ranked.length === 0 && (
        <p className="switcher-empty muted" data-testid="switcher-empty">
          {q ? `Nothing matches “${q}”.` : 'No channels yet.'}
        </p>
      )}
      {error && (
        <p className="field-error switcher-error" role="alert">
          {error}
        </p>
      )}
      <p className="switcher-help muted" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> to move, <kbd>Enter</kbd> to open, <kbd>Esc</kbd> to close
      </p>
    </Modal>
  );
}
