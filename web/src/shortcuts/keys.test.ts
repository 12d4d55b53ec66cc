import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyPress } from './keys';

function press(key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

describe('shortcutFor', () => {
  it('opens the quick switcher with Ctrl-K or Cmd-K, even while typing', () => {
    expect(shortcutFor(press('k', { ctrlKey: true }), false)).toBe('switcher');
    expect(shortcutFor(press('K', { metaKey: true }), true)).toBe('switcher');
    expect(shortcutFor(press('k'), false)).toBeNull();
    expect(shortcutFor(press('k', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });

  it('opens the sheet with ? outside text fields, and with Ctrl-/ anywhere', () => {
    expect(shortcutFor(press('?', { shiftKey: true }), false)).toBe('sheet');
    expect(shortcutFor(press('?', { shiftKey: true }), true)).toBeNull();
    expect(shortcutFor(press('/', { ctrlKey: true }), true)).toBe('sheet');
    expect(shortcutFor(press('/', { metaKey: true }), false)).toBe('sheet');
  });

  it('leaves / alone (it focuses the search box)', () => {
    expect(shortcutFor(press('/'), false)).toBeNull();
  });

  it('moves through the sidebar with Alt and the arrows, unread ones with Shift too', () => {
    expect(shortcutFor(press('ArrowUp', { altKey: true }), true)).toBe('previousRow');
    expect(shortcutFor(press('ArrowDown', { altKey: true }), false)).toBe('nextRow');
    expect(shortcutFor(press('ArrowUp', { altKey: true, shiftKey: true }), false)).toBe('previousUnread');
    expect(shortcutFor(press('ArrowDown', { altKey: true, shiftKey: true }), true)).toBe('nextUnread');
    expect(shortcutFor(press('ArrowDown'), false)).toBeNull();
    expect(shortcutFor(press('ArrowDown', { altKey: true, ctrlKey: true }), false)).toBeNull();
  });
});
