import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Highlighted } from './Highlighted';

// preact-render-to-string (the app renders with Preact) escapes `<` and `&` in text, not `>`.
const html = (segments: { text: string; hit: boolean }[]) => renderToStaticMarkup(<Highlighted segments={segments} />);

describe('Highlighted', () => {
  it('marks the hits and keeps the rest as text', () => {
    expect(
      html([
        { text: 'the ', hit: false },
        { text: 'budget', hit: true },
        { text: ' for Q3', hit: false },
      ]),
    ).toBe('the <mark class="search-hit">budget</mark> for Q3');
  });

  it('never lets markup through', () => {
    expect(html([{ text: '<img src=x onerror=alert(1)>', hit: true }])).toBe(
      '<mark class="search-hit">&lt;img src=x onerror=alert(1)></mark>',
    );
  });

  it('shows nothing for no pieces', () => {
    expect(html([])).toBe('');
  });
});
