import { describe, expect, it } from 'vitest';
import { LONG_PRESS_SLOP_PX, movedTooFar } from './useLongPress';

describe('a long press', () => {
  it('survives a finger’s tremble but not a scroll', () => {
    expect(movedTooFar({ x: 100, y: 100 }, { x: 103, y: 104 })).toBe(false);
    expect(movedTooFar({ x: 100, y: 100 }, { x: 100, y: 100 + LONG_PRESS_SLOP_PX + 1 })).toBe(true);
  });
});
