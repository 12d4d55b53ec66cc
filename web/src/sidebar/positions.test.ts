import { describe, expect, it } from 'vitest';
import { indexAfterRemoval, placeItem, positionBetween, POSITION_STEP } from './positions';

const items = (...positions: number[]) => positions.map((position, i) => ({ id: `r${i}`, position }));

describe('positionBetween', () => {
  it('goes midway between two neighbours', () => {
    expect(positionBetween(1, 2)).toBe(1.5);
    expect(positionBetween(-3, 5)).toBe(1);
  });

  it('steps past the single neighbour at either end, and starts at one step', () => {
    expect(positionBetween(null, 10)).toBe(10 - POSITION_STEP);
    expect(positionBetween(10, null)).toBe(10 + POSITION_STEP);
    expect(positionBetween(null, null)).toBe(POSITION_STEP);
  });

  it('has no room between equal neighbours or doubles too close to split', () => {
    expect(positionBetween(0, 0)).toBeNull();
    expect(positionBetween(1, 1 + Number.EPSILON)).toBeNull();
  });
});

describe('placeItem', () => {
  it('moves one item between its new neighbours', () => {
    // r2 moves to the top, then between r0 and r1.
    expect(placeItem(items(1, 2, 3), 'r2', 0)).toEqual([{ id: 'r2', position: 1 - POSITION_STEP }]);
    expect(placeItem(items(1, 2, 3), 'r2', 1)).toEqual([{ id: 'r2', position: 1.5 }]);
  });

  it('places an item from elsewhere at the end', () => {
    expect(placeItem(items(1, 2), 'new', 2)).toEqual([{ id: 'new', position: 2 + POSITION_STEP }]);
    expect(placeItem([], 'new', 0)).toEqual([{ id: 'new', position: POSITION_STEP }]);
  });

  it('numbers the list afresh when the neighbours are equal', () => {
    // Never-dragged rows are all at 0: put r2 between r0 and r1.
    expect(placeItem(items(0, 0, 0), 'r2', 1)).toEqual([
      { id: 'r2', position: 2 * POSITION_STEP },
      { id: 'r0', position: POSITION_STEP },
      { id: 'r1', position: 3 * POSITION_STEP },
    ]);
  });

  it('keeps positions that are already right when numbering afresh', () => {
    const updates = placeItem(
      [
        { id: 'a', position: POSITION_STEP },
        { id: 'b', position: 5000 },
        { id: 'c', position: 5000 },
      ],
      'x',
      2,
    );
    expect(updates).toEqual([
      { id: 'x', position: 3 * POSITION_STEP },
      { id: 'b', position: 2 * POSITION_STEP },
      { id: 'c', position: 4 * POSITION_STEP },
    ]);
  });
});

describe('indexAfterRemoval', () => {
  it('shifts drops below the item up by one', () => {
    const list = items(1, 2, 3, 4);
    expect(indexAfterRemoval(list, 'r0', 3)).toBe(2);
    expect(indexAfterRemoval(list, 'r3', 1)).toBe(1);
    expect(indexAfterRemoval(list, 'other', 2)).toBe(2);
  });
});
