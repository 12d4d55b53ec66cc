import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

const html = (body: string) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <Markdown body={body} />
    </MemoryRouter>,
  );

describe('Markdown', () => {
  it('formats without letting markup through', () => {
    expect(html('**hi** <img src=x onerror=alert(1)>')).toBe(
      '<p><strong>hi</strong> &lt;img src=x onerror=alert(1)&gt;</p>',
    );
    expect(html('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('never makes a javascript: link', () => {
    const out = html('[x](javascript:alert(1)) [y](https://ok.example)');
    expect(out).not.toContain('href="javascript');
    expect(out).toContain('href="https://ok.example"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
  });

  it('renders code blocks verbatim and mentions highlighted', () => {
    expect(html('```\n<b>**x**</b>\n```')).toBe('<pre class="md-code-block"><code>&lt;b&gt;**x**&lt;/b&gt;</code></pre>');
    expect(html('@all look')).toContain('<span class="mention is-group" data-testid="mention">@all</span>');
  });
});
