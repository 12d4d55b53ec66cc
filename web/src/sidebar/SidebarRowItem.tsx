import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import type { Category } from '../api/types.generated';
import { PresenceDot } from '../presence/PresenceDot';
import { StatusEmoji } from '../profile/StatusEmoji';
import { PlaceIcon } from '../ui/PlaceIcon';
import type { MembershipChange } from './moves';
import { RowMenu } from './RowMenu';
import type { SidebarRow, SidebarSection } from './sections';
import { unreadBadge } from './unread';
import type { SidebarDrag } from './useSidebarDrag';

type SidebarRowItemProps = {
  row: SidebarRow;
  section: SidebarSection;
  index: number;
  sections: readonly SidebarSection[];
  categories: readonly Category[];
  drag: SidebarDrag;
  onChanges: (changes: MembershipChange[]) => void;
};


/** One channel or conversation: a link, its unread count, and its menu (also on right click). */
export function SidebarRowItem({ row, section, index, sections, categories, drag, onChanges }: SidebarRowItemProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const { indicator } = drag;
  const dropHere = indicator?.kind === 'row' && indicator.sectionKey === section.key;
  const unread = row.unread > 0;
  const className = [
    'sidebar-row',
    row.membership.muted && 'is-muted',
    unread && 'is-unread',
    dropHere && indicator.index === index && 'drop-before',
    dropHere && indicator.index === index + 1 && index === section.rows.length - 1 && 'drop-after',
  ]
    .filter(Boolean)
    .join(' ');
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    ['channel-link', isActive && 'is-active', unread && !row.membership.muted && 'is-unread']
      .filter(Boolean)
      .join(' ');

  return (
    <li
      className={className}
      data-testid="sidebar-row"
      data-parent-id={row.parentID}
      data-parent-type={row.parentType}
      data-title={row.title}
      data-unread={row.unread}
      data-muted={row.membership.muted || undefined}
      data-favorite={row.membership.favorite || undefined}
      draggable
      onDragStart={(e) => drag.rowDragStart(e, row)}
      onDragOver={(e) => drag.rowDragOver(e, section, index)}
      onDrop={(e) => drag.rowDrop(e, section, index)}
      onDragEnd={drag.dragEnd}
      onContextMenu={(e) => {
        e.preventDefault();
        setMenuOpen(true);
      }}
    >
      <NavLink
        to={row.href}
        className={linkClass}
        data-testid={row.parentType === 'channel' ? 'channel-link' : 'conversation-link'}
        data-slug={row.slug ?? undefined}
        data-unread={unread || undefined}
        draggable={false}
      >
        <span className="channel-hash" aria-hidden="true">
          <PlaceIcon kind={row.icon} />
        </span>
        <span className="row-title">{row.title}</span>
        {row.peerID && <StatusEmoji userId={row.peerID} />}
        {row.peerID && (
          <span className="presence-inline">
            <PresenceDot userId={row.peerID} />
          </span>
        )}
        {row.archived && <span className="visually-hidden"> (archived)</span>}
        {row.membership.mentionCount > 0 && (
          <span
            className="mention-badge"
            data-testid="mention-badge"
            aria-label={`${row.membership.mentionCount} mentions`}
          >
            @{unreadBadge(row.membership.mentionCount)}
          </span>
        )}
        {unread && !row.membership.muted && row.membership.mentionCount === 0 && (
          <span className="unread-badge" data-testid="unread-badge" aria-label={`${row.unread} unread`}>
            {unreadBadge(row.unread)}
          </span>
        )}
      </NavLink>
      <RowMenu
        row={row}
        sections={sections}
        categories={categories}
        open={menuOpen}
        onOpenChange={setMenuOpen}
        onChanges={onChanges}
      />
    </li>
  );
}
