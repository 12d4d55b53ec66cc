import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { highlightCode } from './highlighter';
import { renderHighlight, type HighlightNode } from './highlightTree';
import { loadHighlighter } from './useHighlight';

const text = (nodes: readonly HighlightNode[]): string =>
  nodes.map((n) => (typeof n === 'string' ? n : text(n.children))).join('');
const classes = (nodes: readonly HighlightNode[]): string[] =>
  nodes.flatMap((n) => (typeof n === 'string' ? [] : [n.className, ...classes(n.children)]));

describe('code highlighting', () => {
  it('highlights the registered languages and their aliases, keeping the text as it was', () => {
    const code = 'fn main() {\n    let answer: u32 = 42; // "why"\n}';
    for (const lang of ['rust', 'rs']) {
      const nodes = highlightCode(lang, code);
      expect(nodes).not.toBeNull();
      expect(text(nodes ?? [])).toBe(code);
      expect(classes(nodes ?? [])).toEqual(expect.arrayContaining(['hljs-keyword', 'hljs-number', 'hljs-comment']));
    }
    for (const lang of ['ts', 'typescript', 'js', 'json', 'sh', 'bash', 'py', 'sql', 'yaml', 'yml', 'go', 'html']) {
      expect(highlightCode(lang, 'x = 1'), lang).not.toBeNull();
    }
  });

  it('leaves unknown languages to plain text', () => {
    expect(highlightCode('cobol', 'DISPLAY "HI".')).toBeNull();
    expect(highlightCode('', 'x')).toBeNull();
  });

  it('renders markup in code as text, never as HTML', () => {
    const nodes = highlightCode('html', '<img src=x onerror="alert(1)">') ?? [];
    const html = renderToStaticMarkup(<>{renderHighlight(nodes)}</>);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;');
  });

  it('is loaded once, on demand', async () => {
    const first = loadHighlighter();
    expect(loadHighlighter()).toBe(first);
    expect((await first).highlightCode('sql', 'SELECT 1')).not.toBeNull();
  });
});
