import { useEffect, useRef, type ReactNode } from 'react';
import { unreadBadge } from '../sidebar/unread';
import { PlaceIcon } from '../ui/PlaceIcon';
import { Avatar } from '../users/Avatar';
import type { RankedItem, SwitcherItem } from './rank';

type SwitcherOptionProps = {
  id: string;
  entry: RankedItem;
  active: boolean;
  onHover: () => void;
  onPick: () => void;
};

/** One match in the quick switcher: its icon, its name with the typed letters marked, a hint. */
export function SwitcherOption({ id, entry, active, onHover, onPick }: SwitcherOptionProps) {
  const { item, indices } = entry;
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <li
      ref={ref}
      id={id}
      role="option"
      aria-selected={active}
      className={active ? 'switcher-option is-active' : 'switcher-option'}
      data-testid="switcher-option"
      data-kind={item.kind}
      data-title={item.title}
      onMouseMove={onHover}
      // Keeps focus in the box: the click opens the match.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPick}
    >
      <span className="switcher-icon" aria-hidden="true">
        {icon(item)}
      </span>
      <span className="switcher-title">{marked(item.title, indices)}</span>
      <Hint item={item} />
    </li>
  );
}

function icon(item: SwitcherItem): ReactNode {
  switch (item.kind) {
    case 'row':
      return <PlaceIcon kind={item.row.icon} />;
    case 'channel':
      return <PlaceIcon kind={item.channel.type} />;
    case 'person':
      return <Avatar userId={item.user.id} name={item.user.displayName} avatar={item.user.avatar} />;
  }
}

function Hint({ item }: { item: SwitcherItem }) {
  if (item.kind === 'person') return <span className="switcher-hint">@{item.user.handle} · Direct message</span>;
  if (item.kind === 'channel') return <span className="switcher-hint">Not joined</span>;
  const { row } = item;
  if (row.membership.mentionCount > 0) {
    return (
      <span className="mention-badge" aria-label={`${row.membership.mentionCount} mentions`}>
        @{unreadBadge(row.membership.mentionCount)}
      </span>
    );
  }
  if (row.unread > 0 && !row.membership.muted) {
    return (
      <span className="unread-badge" aria-label={`${row.unread} unread`}>
        {unreadBadge(row.unread)}
      </span>
    );
  }
  return row.archived ? <span className="switcher-hint">Archived</span> : null;
}

/** The title with the matched letters in <mark>. */
function marked(title: string, indices: readonly number[]): ReactNode {
  if (indices.length === 0) return title;
  const at = new Set(indices);
  const parts: ReactNode[] = [];
  let run = '';
  let runMarked = false;
  const flush = (key: number) => {
    if (run) parts.push(runMarked ? <mark key={key}>{run}</mark> : run);
    run = '';
  };
  // By code unit, as the matcher counts (a character made of two stays whole: both halves are in
  // the same run, as no typed letter matches half of one).
  title.split('').forEach((char, i) => {
    const isMarked = at.has(i);
    if (isMarked !== runMarked) {
      flush(i);
      runMarked = isMarked;
    }
    run += char;
  });
  flush(title.length);
  return parts;
}
