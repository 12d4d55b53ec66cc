import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

// preact-render-to-string writes the markup (the app renders with Preact): it leaves `>` in text as
// it is (only `<` and `&` can start markup) and writes `class` after the other attributes.
const NAMES: Record<string, string> = { ann_ex_1: 'Ann Lee', bob_ex_2: 'Bob <b>' };

const html = (body: string) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <Markdown body={body} mentionName={(h) => NAMES[h] ?? null} myHandle="bob_ex_2" />
    </MemoryRouter>,
  );

describe('Markdown', () => {
  it('formats without letting markup through', () => {
    expect(html('**hi** <img src=x onerror=alert(1)>')).toBe(
      '<p><strong>hi</strong> &lt;img src=x onerror=alert(1)></p>',
    );
    expect(html('<script>alert(1)</script>')).toBe('<p>&lt;script>alert(1)&lt;/script></p>');
  });

  it('keeps injection attempts as text wherever they hide', () => {
    const attempts = [
      '<iframe src="javascript:alert(1)"></iframe>',
      '**<svg onload=alert(1)>**',
      '> <a href="javascript:alert(1)">x</a>',
      '- <style>body{display:none}</style>',
      '`<script>x</script>`',
      '~~<img src=x onerror=alert(1)>~~',
      '[<b>x</b>](https://ok.example)',
      '&lt;script&gt; &amp;',
    ];
    for (const attempt of attempts) {
      const out = html(attempt);
      expect(out).not.toMatch(/<(script|img|svg|iframe|style|b)[\s>]/i);
      expect(out).not.toMatch(/href="(?!https:)/);
    }
    // Entities are shown as typed, not decoded.
    expect(html('&lt;script&gt;')).toBe('<p>&amp;lt;script&amp;gt;</p>');
  });

  it('never makes a link other than web or mail', () => {
    for (const href of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:x', 'data:text/html,x', 'vbscript:x', '//evil.example']) {
      const out = html(`[x](${href})`);
      expect(out).not.toContain('<a');
    }
    const out = html('[x](javascript:alert(1)) [y](https://ok.example) [m](mailto:a@b.example)');
    expect(out).not.toContain('href="javascript');
    expect(out).toContain('href="https://ok.example"');
    expect(out).toContain('href="mailto:a@b.example"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
  });

  it('renders code blocks verbatim', () => {
    expect(html('```\n<b>**x**</b>\n```')).toBe('<pre data-testid="code-block" class="md-code-block"><code>&lt;b>**x**&lt;/b></code></pre>');
  });

  it('shows mentions by name, highlights groups and the reader, and leaves unknown handles as text', () => {
    expect(html('@all look')).toContain('<span data-testid="mention" data-handle="all" class="mention is-group">@all</span>');
    expect(html('hi @ann_ex_1')).toContain('data-handle="ann_ex_1" title="@ann_ex_1" class="mention">@Ann Lee</span>');
    // A display name is text too.
    expect(html('@bob_ex_2')).toContain('class="mention is-me"');
    expect(html('@bob_ex_2')).toContain('@Bob &lt;b>');
    expect(html('@nobody_here')).toBe('<p>@nobody_here</p>');
    expect(html('mail ann@example.com')).toBe('<p>mail ann@example.com</p>');
  });

  it('links channels by slug inside the app', () => {
    const out = html('see ~team-news');
    expect(out).toContain('href="/c/team-news"');
    expect(out).toContain('>~team-news</a>');
  });

  it('puts what comes after the text at the end of its last line', () => {
    const after = (body: string) =>
      renderToStaticMarkup(
        <MemoryRouter>
          <Markdown body={body} after={<i>(edited)</i>} />
        </MemoryRouter>,
      );
    expect(after('word')).toBe('<p>word <i>(edited)</i></p>');
    expect(after('one\n\ntwo lines')).toBe('<p>one</p><p>two lines <i>(edited)</i></p>');
    expect(after('- a\n- b')).toBe('<ul><li>a</li><li>b <i>(edited)</i></li></ul>');
    expect(after('> quoted')).toBe('<blockquote class="md-quote"><p>quoted <i>(edited)</i></p></blockquote>');
    // A code block has no line to share: right after it.
    expect(after('```\nx\n```')).toBe('<pre data-testid="code-block" class="md-code-block"><code>x</code></pre><i>(edited)</i>');
  });
});

