import { describe, expect, it } from 'vitest';
import { THEMES, applyTheme } from './theme';

/** Just enough of an element for `applyTheme`: a dataset. */
function root(): HTMLElement {
  return { dataset: {} } as HTMLElement;
}

describe('applyTheme', () => {
  it('marks a chosen theme and leaves the device to decide otherwise', () => {
    const el = root();
    applyTheme('dark', el);
    expect(el.dataset.theme).toBe('dark');
    applyTheme('light', el);
    expect(el.dataset.theme).toBe('light');
    applyTheme('system', el);
    expect(el.dataset.theme).toBeUndefined();
  });

  it('offers every theme once', () => {
    expect(THEMES.map((t) => t.id)).toEqual(['system', 'light', 'dark']);
  });
});
