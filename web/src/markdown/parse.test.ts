import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './parse';

describe('inline markdown', () => {
  it('parses emphasis, strike, code and mentions', () => {
    expect(parseInline('**bold** and *it* and ~~gone~~ and `x<y` @Ann_gm_1 ~team-news')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'bold' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'it' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'strike', children: [{ kind: 'text', text: 'gone' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'code', text: 'x<y' },
      { kind: 'text', text: ' ' },
      { kind: 'mention', handle: 'ann_gm_1' },
      { kind: 'text', text: ' ' },
      { kind: 'channel', slug: 'team-news' },
    ]);
  });

  it('links only web and mail addresses', () => {
    expect(parseInline('see https://example.com/a.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', href: 'https://example.com/a', children: [{ kind: 'text', text: 'https://example.com/a' }] },
      { kind: 'text', text: '.' },
    ]);
    expect(parseInline('[click](javascript:alert(1))')).toEqual([
      { kind: 'text', text: '[click](javascript:alert(1))' },
    ]);
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull();
    expect(safeHref('mailto:ann@example.com')).toBe('mailto:ann@example.com');
  });

  it('keeps HTML and emails as text', () => {
    expect(parseInline('<script>alert(1)</script> mail ann@example.com')).toEqual([
      { kind: 'text', text: '<script>alert(1)</script> mail ann@example.com' },
    ]);
  });
});

describe('inline edge cases', () => {
  it('leaves emphasis markers with space inside as typed', () => {
    expect(parseInline('2 * 3 * 4 and a ** b ** c and _ x _ and ~~ y ~~')).toEqual([
      { kind: 'text', text: '2 * 3 * 4 and a ** b ** c and _ x _ and ~~ y ~~' },
    ]);
    expect(parseInline('**a b** *c d*')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'a b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'c d' }] },
    ]);
  });

  it('puts no link inside a link', () => {
    expect(parseInline('[see https://a.example and ~general](https://b.example)')).toEqual([
      {
        kind: 'link',
        href: 'https://b.example',
        children: [{ kind: 'text', text: 'see https://a.example and ~general' }],
      },
    ]);
    expect(parseInline('[**https://a.example**](https://b.example)')).toEqual([
      {
        kind: 'link',
        href: 'https://b.example',
        children: [{ kind: 'bold', children: [{ kind: 'text', text: 'https://a.example' }] }],
      },
    ]);
  });
});

describe('block markdown', () => {
  it('parses code blocks, quotes and lists', () => {
    const blocks = parseMarkdown('intro\n```\n**not bold**\n```\n> quoted\n- one\n- two\n1. first');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'codeBlock', 'quote', 'list', 'list']);
    expect(blocks[1]).toEqual({ kind: 'codeBlock', text: '**not bold**', lang: '' });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: false });
    expect(blocks[4]).toMatchObject({ kind: 'list', ordered: true });
  });

  it('reads the language after the opening fence', () => {
    expect(parseMarkdown('```rust\nfn main() {}\n```')).toEqual([{ kind: 'codeBlock', text: 'fn main() {}', lang: 'rust' }]);
    expect(parseMarkdown('```TS\nlet a = 1\n```')[0]).toMatchObject({ lang: 'ts' });
    expect(parseMarkdown('``` not a language\nx\n```')[0]).toMatchObject({ lang: '' });
    expect(parseMarkdown('```<b>\nx\n```')[0]).toMatchObject({ lang: '' });
  });
});
