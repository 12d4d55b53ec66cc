/**
 * A small Markdown dialect for messages, parsed into a tree the renderer turns into React
 * elements (never into HTML): bold, italic, strike, inline code, code blocks, quotes, lists,
 * links (http, https and mailto only), `@handle` / `@all` / `@here` mentions and `~channel`
 * links. Anything else, HTML included, stays text.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'bold' | 'italic' | 'strike'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'mention'; handle: string }
  | { kind: 'channel'; slug: string };

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  /** `lang`: the word after the opening fence (```rust), lower case; '' when none. */
  | { kind: 'codeBlock'; text: string; lang: string }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const SAFE_SCHEME = /^(https?:\/\/|mailto:)/i;

/** Only web and mail links are links; anything else (javascript:, data:...) is text. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  return SAFE_SCHEME.test(trimmed) ? trimmed : null;
}

type Rule = {
  pattern: RegExp;
  build: (m: RegExpExecArray) => Inline | null;
};

// Emphasis hugs its text: `2 * 3 * 4` and `a ** b` stay as typed.
const RULES: Rule[] = [
  { pattern: /`([^`\n]+)`/, build: (m) => ({ kind: 'code', text: m[1] ?? '' }) },
  {
    pattern: /\[([^\]\n]+)\]\(([^)\s]+)\)/,
    build: (m) => {
      const href = safeHref(m[2] ?? '');
      return href ? { kind: 'link', href, children: withoutLinks(parseInline(m[1] ?? '')) } : null;
    },
  },
  {
    pattern: /\b(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/,
    build: (m) => ({ kind: 'link', href: m[1] ?? '', children: [{ kind: 'text', text: m[1] ?? '' }] }),
  },
  {
    pattern: /\*\*(?!\s)([^*\n]+)(?<!\s)\*\*/,
    build: (m) => ({ kind: 'bold', children: parseInline(m[1] ?? '') }),
  },
  {
    pattern: /~~(?!\s)([^~\n]+)(?<!\s)~~/,
    build: (m) => ({ kind: 'strike', children: parseInline(m[1] ?? '') }),
  },
  {
    pattern: /(?<![\w*])\*(?![\s*])([^*\n]+)(?<!\s)\*(?![\w*])|(?<!\w)_(?![\s_])([^_\n]+)(?<!\s)_(?!\w)/,
    build: (m) => ({ kind: 'italic', children: parseInline(m[1] ?? m[2] ?? '') }),
  },
  {
    pattern: /(?<![\w@])@([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])/i,
    build: (m) => ({ kind: 'mention', handle: (m[1] ?? '').toLowerCase() }),
  },
  {
    pattern: /(?<![\w~])~([a-z0-9]+(?:-[a-z0-9]+)*)/,
    build: (m) => ({ kind: 'channel', slug: m[1] ?? '' }),
  },
];

/** The inline spans of one line (or a span's inside). */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest.length > 0) {
    let best: { index: number; length: number; node: Inline | null } | null = null;
    for (const rule of RULES) {
      const match = rule.pattern.exec(rest);
      if (match && (best === null || match.index < best.index)) {
        best = { index: match.index, length: match[0].length, node: rule.build(match) };
      }
    }
    if (!best) {
      pushText(out, rest);
      break;
    }
    pushText(out, rest.slice(0, best.index));
    // A match that is not allowed (an unsafe link) stays as its text.
    if (best.node) out.push(best.node);
    else pushText(out, rest.slice(best.index, best.index + best.length));
    rest = rest.slice(best.index + best.length);
  }
  return out;
}

/** A link's text holds no links of its own (an address or a ~channel in it stays text). */
function withoutLinks(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (inline.kind === 'link') for (const child of withoutLinks(inline.children)) pushInline(out, child);
    else if (inline.kind === 'channel') pushText(out, `~${inline.slug}`);
    else if (inline.kind === 'bold' || inline.kind === 'italic' || inline.kind === 'strike')
      out.push({ ...inline, children: withoutLinks(inline.children) });
    else pushInline(out, inline);
  }
  return out;
}

function pushInline(out: Inline[], inline: Inline) {
  if (inline.kind === 'text') pushText(out, inline.text);
  else out.push(inline);
}

function pushText(out: Inline[], text: string) {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.kind === 'text') last.text += text;
  else out.push({ kind: 'text', text });
}

/** The language named after an opening fence: "```rust" → "rust"; anything else → ''. */
export function fenceLanguage(line: string): string {
  const word = line.trimStart().slice(3).trim().toLowerCase();
  return /^[a-z0-9_+#.-]{1,20}$/.test(word) ? word : '';
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** The blocks of a message body. */
export function parseMarkdown(body: string): Block[] {
  const lines = body.split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) {
      blocks.push({ kind: 'paragraph', inlines: parseInline(paragraph.join('\n')) });
      paragraph = [];
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trimStart().startsWith('```')) {
      flush();
      const lang = fenceLanguage(line);
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith('```')) {
        code.push(lines[i] ?? '');
        i++;
      }
      blocks.push({ kind: 'codeBlock', text: code.join('\n'), lang });
      continue;
    }
    if (line.startsWith('>')) {
      flush();
      const quoted: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('>')) {
        quoted.push((lines[i] ?? '').replace(/^>\s?/, ''));
        i++;
      }
      i--;
      blocks.push({ kind: 'quote', blocks: parseMarkdown(quoted.join('\n')) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (bullet || numbered) {
      flush();
      const ordered = !bullet;
      const items: Inline[][] = [];
      while (i < lines.length) {
        const item = (ordered ? NUMBERED : BULLET).exec(lines[i] ?? '');
        if (!item) break;
        items.push(parseInline(item[1] ?? ''));
        i++;
      }
      i--;
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return blocks;
}
