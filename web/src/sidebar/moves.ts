import type { Category, ParentType, UpdateMembership } from '../api/types.generated';
import { placeItem, type Positioned } from './positions';
import { isOrdered, type SidebarRow, type SidebarSection } from './sections';

/** One PATCH of a membership. */
export type MembershipChange = { parentType: ParentType; parentID: string; patch: UpdateMembership };

/**
 * What to save when `row` is put at `index` (counted among the section's other rows) of
 * `section`: by drag and drop, or the row menu (which puts it at the end). Favourites and
 * categories keep the order the user gives them; Channels and Direct messages sort themselves,
 * and take only channels and conversations respectively. Null when the row cannot go there;
 * empty when nothing changes.
 */
export function planRowMove(section: SidebarSection, row: SidebarRow, index: number): MembershipChange[] | null {
  const m = row.membership;
  const patch: UpdateMembership = {};
  switch (section.kind) {
    case 'channels':
    case 'direct':
      if ((section.kind === 'channels') !== (row.parentType === 'channel')) return null;
      if (m.favorite) patch.favorite = false;
      if (m.categoryID !== null) patch.categoryID = null;
      break;
    case 'favorites':
      if (!m.favorite) patch.favorite = true;
      break;
    case 'category': {
      const id = section.category?.id ?? null;
      if (m.favorite) patch.favorite = false;
      if (m.categoryID !== id) patch.categoryID = id;
      break;
    }
  }
  const changes: MembershipChange[] = [];
  if (isOrdered(section.kind)) {
    const ordered = section.rows.map((r): Positioned => ({ id: r.parentID, position: r.membership.position }));
    const [moved, ...renumbered] = placeItem(ordered, row.parentID, index);
    if (moved && moved.position !== m.position) patch.position = moved.position;
    const byId = new Map(section.rows.map((r) => [r.parentID, r]));
    for (const update of renumbered) {
      const other = byId.get(update.id);
      if (other) {
        changes.push({ parentType: other.parentType, parentID: other.parentID, patch: { position: update.position } });
      }
    }
  }
  if (Object.keys(patch).length > 0) changes.unshift({ parentType: row.parentType, parentID: row.parentID, patch });
  return changes;
}

/** Favourite a row (to the end of Favourites), or take it back out. */
export function planFavoriteToggle(sections: readonly SidebarSection[], row: SidebarRow): MembershipChange[] {
  if (row.membership.favorite) {
    return [{ parentType: row.parentType, parentID: row.parentID, patch: { favorite: false } }];
  }
  const favorites = sections.find((s) => s.kind === 'favorites');
  if (!favorites) return [{ parentType: row.parentType, parentID: row.parentID, patch: { favorite: true } }];
  return planRowMove(favorites, row, favorites.rows.length) ?? [];
}

/** What to save when a category is put at `index` among the others: its new position, and more if numbered afresh. */
export function planCategoryMove(categories: readonly Category[], categoryId: string, index: number): Positioned[] {
  const current = categories.find((c) => c.id === categoryId);
  const updates = placeItem(categories, categoryId, index);
  return updates.filter((u) => u.id !== categoryId || u.position !== current?.position);
}
