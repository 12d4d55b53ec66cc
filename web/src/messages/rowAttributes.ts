/**
 * What the virtualised list puts on each row's element: its index (for measuring), the ref that
 * measures it, its key (for finding it again) and whether it is the list's one Tab stop.
 */
export type RowPlacement = {
  index: number;
  rowKey: string;
  measureRef: (el: HTMLLIElement | null) => void;
  /** The row the list's Tab stop is on (roving tab index); the others are reached with arrows. */
  tabStop: boolean;
};

/** The attributes for a row's `<li>`; none outside the virtualised list (the thread panel). */
export function rowAttributes(placement: RowPlacement | undefined) {
  if (!placement) return {};
  return {
    ref: placement.measureRef,
    'data-index': placement.index,
    'data-row-key': placement.rowKey,
    tabIndex: placement.tabStop ? 0 : -1,
  };
}

/** Whether two placements put a row in the same place (so a memoised row need not render again). */
export function samePlacement(a: RowPlacement | undefined, b: RowPlacement | undefined): boolean {
  if (!a || !b) return a === b;
  return a.index === b.index && a.rowKey === b.rowKey && a.measureRef === b.measureRef && a.tabStop === b.tabStop;
}

/** Props equal but for a placement that is equal field by field. */
export function samePropsAndPlacement<P extends { placement?: RowPlacement }>(a: P, b: P): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof P>;
  for (const key of keys) {
    if (key === 'placement') continue;
    if (a[key] !== b[key]) return false;
  }
  return samePlacement(a.placement, b.placement);
}
