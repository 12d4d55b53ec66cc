import type { Category } from '../api/types.generated';
import { Menu, MenuItem } from '../ui/Menu';
import { CategoryHeader } from './CategoryHeader';
import type { MembershipChange } from './moves';
import { SidebarRowItem } from './SidebarRowItem';
import type { SidebarSection } from './sections';
import { useSidebar } from './SidebarProvider';
import type { SidebarDrag } from './useSidebarDrag';

type SidebarSectionViewProps = {
  section: SidebarSection;
  sections: readonly SidebarSection[];
  categories: readonly Category[];
  drag: SidebarDrag;
  onChanges: (changes: MembershipChange[]) => void;
};

const EMPTY_TEXT: Record<SidebarSection['kind'], string> = {
  favorites: 'Drag rows here, or favourite them from their menu.',
  category: 'Empty: drag rows here.',
  channels: 'No channels.',
  direct: 'No conversations yet.',
};

/** One sidebar section: its heading (a category's can be dragged and has a menu) and its rows. */
export function SidebarSectionView({ section, sections, categories, drag, onChanges }: SidebarSectionViewProps) {
  const { indicator } = drag;
  const targeted = indicator?.kind === 'row' && indicator.sectionKey === section.key;
  const categoryIndex = section.category ? categories.findIndex((c) => c.id === section.category?.id) : -1;

  return (
    <section
      className={targeted ? 'sidebar-section is-drop-target' : 'sidebar-section'}
      data-testid="sidebar-section"
      data-section={section.key}
      data-kind={section.kind}
      aria-label={section.title}
      onDragOver={(e) => drag.sectionDragOver(e, section)}
      onDrop={(e) => drag.sectionDrop(e, section)}
    >
      {section.category ? (
        <CategoryHeader category={section.category} index={categoryIndex} count={categories.length} drag={drag} />
      ) : (
        <h2 className="sidebar-heading section-heading">
          <span className="category-name">{section.title}</span>
          <SectionMenu title={section.title} />
        </h2>
      )}
      <ul className="channel-list">
        {section.rows.map((row, index) => (
          <SidebarRowItem
            key={row.parentID}
            row={row}
            section={section}
            index={index}
            sections={sections}
            categories={categories}
            drag={drag}
            onChanges={onChanges}
          />
        ))}
        {section.rows.length === 0 && <li className="sidebar-empty">{EMPTY_TEXT[section.kind]}</li>}
      </ul>
    </section>
  );
}

/** A plain section's menu: reading everything at once (Shift-Escape does the same). */
function SectionMenu({ title }: { title: string }) {
  const { markAllRead } = useSidebar();
  return (
    <Menu label={`Options for ${title}`} testId="section-menu-button" className="row-menu">
      {(close) => (
        <MenuItem
          testId="mark-all-read"
          onSelect={() => {
            close();
            markAllRead();
          }}
        >
          Mark all as read <kbd className="menu-shortcut">Shift Esc</kbd>
        </MenuItem>
      )}
    </Menu>
  );
}
