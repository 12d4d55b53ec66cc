import { useCallback, useRef, useState, type DragEvent } from 'react';
import type { Category } from '../api/types.generated';
import { planCategoryMove, planRowMove } from './moves';
import { indexAfterRemoval } from './positions';
import type { SidebarRow, SidebarSection } from './sections';
import { useSidebar } from './SidebarProvider';

/** The drag data types: other apps' drags (files, text) are not ours to take. */
const ROW_TYPE = 'application/x-parley-row';
const CATEGORY_TYPE = 'application/x-parley-category';

type Dragged = { kind: 'row'; row: SidebarRow } | { kind: 'category'; id: string };

/** Where a drop would land, for the indicator: before row/category `index` of a section (or at its end). */
export type DropIndicator =
  | { kind: 'row'; sectionKey: string; index: number }
  | { kind: 'category'; index: number };

export type SidebarDrag = {
  indicator: DropIndicator | null;
  rowDragStart: (e: DragEvent, row: SidebarRow) => void;
  /** Over a row: before or after it, by which half the pointer is in. */
  rowDragOver: (e: DragEvent, section: SidebarSection, rowIndex: number) => void;
  rowDrop: (e: DragEvent, section: SidebarSection, rowIndex: number) => void;
  /** Over the rest of a section: its end. */
  sectionDragOver: (e: DragEvent, section: SidebarSection) => void;
  sectionDrop: (e: DragEvent, section: SidebarSection) => void;
  categoryDragStart: (e: DragEvent, category: Category) => void;
  categoryDragOver: (e: DragEvent, categoryIndex: number) => void;
  categoryDrop: (e: DragEvent, categoryIndex: number) => void;
  dragEnd: () => void;
};

/** In the lower half of the element: the drop goes after it. */
function lowerHalf(e: DragEvent): boolean {
  const rect = e.currentTarget.getBoundingClientRect();
  return e.clientY > rect.top + rect.height / 2;
}

/**
 * Native HTML5 drag and drop for the sidebar: rows move inside and between sections, categories
 * move among themselves. Each drop saves positions midway between the new neighbours. Drops work
 * out their place from the drop event itself, not from the last dragover's state.
 */
export function useSidebarDrag(): SidebarDrag {
  const { applyChanges, moveCategories, sidebar } = useSidebar();
  const dragged = useRef<Dragged | null>(null);
  const [indicator, setIndicator] = useState<DropIndicator | null>(null);
  const categories = sidebar?.categories ?? [];

  const start = (e: DragEvent, item: Dragged, type: string, value: string) => {
    dragged.current = item;
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData(type, value);
    e.dataTransfer.setData('text/plain', value);
  };

  const dragEnd = useCallback(() => {
    dragged.current = null;
    setIndicator(null);
  }, []);

  /** The row drop at `index` of the section as shown, or null when the row cannot go there. */
  const rowPlan = (section: SidebarSection, index: number) => {
    const item = dragged.current;
    if (item?.kind !== 'row') return null;
    const ordered = section.rows.map((r) => ({ id: r.parentID, position: r.membership.position }));
    return planRowMove(section, item.row, indexAfterRemoval(ordered, item.row.parentID, index));
  };

  const over = (e: DragEvent, section: SidebarSection, index: number) => {
    if (!rowPlan(section, index)) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'move';
    setIndicator((was) =>
      was?.kind === 'row' && was.sectionKey === section.key && was.index === index
        ? was
        : { kind: 'row', sectionKey: section.key, index },
    );
  };

  const drop = (e: DragEvent, section: SidebarSection, index: number) => {
    const plan = rowPlan(section, index);
    if (!plan) return;
    e.preventDefault();
    e.stopPropagation();
    applyChanges(plan);
    dragEnd();
  };

  const categoryIndex = (e: DragEvent, index: number) => (lowerHalf(e) ? index + 1 : index);

  return {
    indicator,
    rowDragStart: (e, row) => start(e, { kind: 'row', row }, ROW_TYPE, row.parentID),
    rowDragOver: (e, section, rowIndex) => over(e, section, lowerHalf(e) ? rowIndex + 1 : rowIndex),
    rowDrop: (e, section, rowIndex) => drop(e, section, lowerHalf(e) ? rowIndex + 1 : rowIndex),
    sectionDragOver: (e, section) => over(e, section, section.rows.length),
    sectionDrop: (e, section) => drop(e, section, section.rows.length),
    categoryDragStart: (e, category) => start(e, { kind: 'category', id: category.id }, CATEGORY_TYPE, category.id),
    categoryDragOver: (e, index) => {
      if (dragged.current?.kind !== 'category') return;
      e.preventDefault();
      e.stopPropagation();
      e.dataTransfer.dropEffect = 'move';
      const at = categoryIndex(e, index);
      setIndicator((was) => (was?.kind === 'category' && was.index === at ? was : { kind: 'category', index: at }));
    },
    categoryDrop: (e, index) => {
      const item = dragged.current;
      if (item?.kind !== 'category') return;
      e.preventDefault();
      e.stopPropagation();
      const at = indexAfterRemoval(categories, item.id, categoryIndex(e, index));
      moveCategories(planCategoryMove(categories, item.id, at));
      dragEnd();
    },
    dragEnd,
  };
}
