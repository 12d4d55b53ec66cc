import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { channelUrl } from '../api/paths';
import { parseMarkdown, type Block, type Inline } from './parse';

/** A message body as formatted text: React elements only, never HTML from the body. */
export function Markdown({ body }: { body: string }) {
  return <>{parseMarkdown(body).map((block, i) => renderBlock(block, i))}</>;
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return <p key={key}>{renderInlines(block.inlines)}</p>;
    case 'codeBlock':
      return (
        <pre key={key} className="md-code-block">
          <code>{block.text}</code>
        </pre>
      );
    case 'quote':
      return (
        <blockquote key={key} className="md-quote">
          {block.blocks.map((inner, i) => renderBlock(inner, i))}
        </blockquote>
      );
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{renderInlines(item)}</li>);
      return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
  }
}

function renderInlines(inlines: Inline[]): ReactNode[] {
  return inlines.map((inline, i) => renderInline(inline, i));
}

function renderInline(inline: Inline, key: number): ReactNode {
  switch (inline.kind) {
    case 'text':
      return inline.text;
    case 'code':
      return <code key={key}>{inline.text}</code>;
    case 'bold':
      return <strong key={key}>{renderInlines(inline.children)}</strong>;
    case 'italic':
      return <em key={key}>{renderInlines(inline.children)}</em>;
    case 'strike':
      return <s key={key}>{renderInlines(inline.children)}</s>;
    case 'link':
      return (
        <a key={key} href={inline.href} target="_blank" rel="noopener noreferrer nofollow">
          {renderInlines(inline.children)}
        </a>
      );
    case 'mention': {
      const group = inline.handle === 'all' || inline.handle === 'here';
      return (
        <span key={key} className={group ? 'mention is-group' : 'mention'} data-testid="mention">
          @{inline.handle}
        </span>
      );
    }
    case 'channel':
      return (
        <Link key={key} to={channelUrl(inline.slug)} className="channel-mention">
          ~{inline.slug}
        </Link>
      );
  }
}
