import type { Category } from '../api/types.generated';
import { NotifyLevelItems } from '../notifications/NotifyLevelItems';
import { Menu, MenuItem } from '../ui/Menu';
import { planFavoriteToggle, planRowMove, type MembershipChange } from './moves';
import type { SidebarRow, SidebarSection } from './sections';

type RowMenuProps = {
  row: SidebarRow;
  sections: readonly SidebarSection[];
  categories: readonly Category[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onChanges: (changes: MembershipChange[]) => void;
};

/** A row's options: favourite, mute, its notification level, and which category it is in. */
export function RowMenu({ row, sections, categories, open, onOpenChange, onChanges }: RowMenuProps) {
  const { membership } = row;
  const moveTo = (key: string) => {
    const section = sections.find((s) => s.key === key);
    const others = section?.rows.filter((r) => r.parentID !== row.parentID).length ?? 0;
    const plan = section && planRowMove(section, row, others);
    if (plan) onChanges(plan);
  };

  return (
    <Menu
      label={`Options for ${row.title}`}
      testId="row-menu-button"
      className="row-menu"
      open={open}
      onOpenChange={onOpenChange}
    >
      {(close) => (
        <>
          <MenuItem
            testId="favorite-toggle"
            onSelect={() => {
              onChanges(planFavoriteToggle(sections, row));
              close();
            }}
          >
            {membership.favorite ? 'Remove from favourites' : 'Add to favourites'}
          </MenuItem>
          <MenuItem
            testId="mute-toggle"
            onSelect={() => {
              onChanges([
                { parentType: row.parentType, parentID: row.parentID, patch: { muted: !membership.muted } },
              ]);
              close();
            }}
          >
            {membership.muted ? 'Unmute' : 'Mute'}
          </MenuItem>
          <NotifyLevelItems
            membership={membership}
            close={close}
            onChoose={(notifyLevel) =>
              onChanges([{ parentType: row.parentType, parentID: row.parentID, patch: { notifyLevel } }])
            }
          />
          {categories.length > 0 && <div className="menu-heading">Move to</div>}
          {categories
            .filter((c) => c.id !== membership.categoryID || membership.favorite)
            .map((category) => (
              <MenuItem
                key={category.id}
                testId="move-to-category"
                data={{ 'category-id': category.id }}
                onSelect={() => {
                  moveTo(`category:${category.id}`);
                  close();
                }}
              >
                {category.name}
              </MenuItem>
            ))}
          {membership.categoryID !== null && categories.some((c) => c.id === membership.categoryID) && (
            <MenuItem
              testId="move-to-category"
              data={{ 'category-id': '' }}
              onSelect={() => {
                onChanges([{ parentType: row.parentType, parentID: row.parentID, patch: { categoryID: null } }]);
                close();
              }}
            >
              {row.parentType === 'channel' ? 'Back to Channels' : 'Back to Direct messages'}
            </MenuItem>
          )}
        </>
      )}
    </Menu>
  );
}
