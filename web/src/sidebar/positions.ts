/** The gap between neighbours when positions are handed out afresh. */
export const POSITION_STEP = 1024;

/**
 * A position strictly between two neighbours (either may be missing: the start or end of a
 * list), or null when there is no room between them (equal, or too close for a double).
 */
export function positionBetween(before: number | null, after: number | null): number | null {
  if (before === null && after === null) return POSITION_STEP;
  if (before === null) return (after as number) - POSITION_STEP;
  if (after === null) return before + POSITION_STEP;
  const middle = before + (after - before) / 2;
  return middle > before && middle < after ? middle : null;
}

export type Positioned = { id: string; position: number };

/**
 * Where an item goes when it is put at `index` among the other items of `ordered` (the list as
 * shown, which may or may not contain the item already): the new positions to save. Usually one, midway between the new
 * neighbours; when there is no room between them (e.g. untouched rows all at 0), the whole list
 * is numbered afresh and every position that changed is returned, the moved item's first.
 */
export function placeItem(ordered: readonly Positioned[], movedId: string, index: number): Positioned[] {
  const others = ordered.filter((item) => item.id !== movedId);
  const at = Math.max(0, Math.min(index, others.length));
  const before = others[at - 1]?.position ?? null;
  const after = others[at]?.position ?? null;
  const position = positionBetween(before, after);
  if (position !== null) return [{ id: movedId, position }];

  const ids = [...others.slice(0, at).map((o) => o.id), movedId, ...others.slice(at).map((o) => o.id)];
  const current = new Map(ordered.map((item) => [item.id, item.position]));
  const updates: Positioned[] = [{ id: movedId, position: (at + 1) * POSITION_STEP }];
  ids.forEach((id, i) => {
    const fresh = (i + 1) * POSITION_STEP;
    if (id !== movedId && current.get(id) !== fresh) updates.push({ id, position: fresh });
  });
  return updates;
}

/** The index an item dropped at `index` (in the list as shown, still containing it) lands at once it is taken out. */
export function indexAfterRemoval(ordered: readonly Positioned[], movedId: string, index: number): number {
  const from = ordered.findIndex((item) => item.id === movedId);
  return from !== -1 && from < index ? index - 1 : index;
}
