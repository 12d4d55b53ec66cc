import { parseMarkdown, type Block, type Inline } from './parse';

/**
 * A message body as one line of plain text, for previews (toasts, desktop notifications):
 * the words without the Markdown marks, links as their text, mentions and channels as written.
 */
export function plainText(body: string): string {
  return parseMarkdown(body).map(blockText).join(' ').replace(/\s+/g, ' ').trim();
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return inlinesText(block.inlines);
    case 'codeBlock':
      return block.text;
    case 'quote':
      return block.blocks.map(blockText).join(' ');
    case 'list':
      return block.items.map(inlinesText).join(' ');
  }
}

function inlinesText(inlines: Inline[]): string {
  return inlines.map(inlineText).join('');
}

function inlineText(inline: Inline): string {
  switch (inline.kind) {
    case 'text':
    case 'code':
      return inline.text;
    case 'bold':
    case 'italic':
    case 'strike':
    case 'link':
      return inlinesText(inline.children);
    case 'mention':
      return `@${inline.handle}`;
    case 'channel':
      return `~${inline.slug}`;
  }
}
