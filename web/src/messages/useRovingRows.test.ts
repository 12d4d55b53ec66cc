import { describe, expect, it } from 'vitest';
import { listRows } from './listRows';
import { msg } from './testMessages';
import { activeRowIndex } from './useRovingRows';

describe('the list’s one Tab stop', () => {
  const rows = listRows([msg(1), msg(2), msg(3)], [], msg(2).id);
  // 0 top, 1 m1, 2 divider, 3 m2, 4 m3

  it('is on the newest message until another is focused', () => {
    expect(activeRowIndex(rows, null)).toBe(4);
    expect(activeRowIndex(rows, msg(1).id)).toBe(1);
  });

  it('goes back to the newest when its message is gone, and is nowhere without messages', () => {
    expect(activeRowIndex(rows, 'gone')).toBe(4);
    expect(activeRowIndex(rows, 'unread-divider')).toBe(4);
    expect(activeRowIndex(listRows([], [], null), null)).toBe(-1);
  });
});
