import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { channelUrl } from '../core/paths';
import { parseMarkdown, type Block, type Inline } from './parse';

type MarkdownProps = {
  body: string;
  /** The display name of an `@handle`, or null when unknown (the handle shows as written). */
  mentionName?: (handle: string) => string | null;
  /** The reader's own handle, highlighted more strongly. */
  myHandle?: string;
};

type Context = { mentionName: (handle: string) => string | null; myHandle: string };

/** A message body as formatted text: React elements only, never HTML from the body. */
export function Markdown({ body, mentionName = () => null, myHandle = '' }: MarkdownProps) {
  const context: Context = { mentionName, myHandle: myHandle.toLowerCase() };
  return <>{parseMarkdown(body).map((block, i) => renderBlock(block, i, context))}</>;
}

function renderBlock(block: Block, key: number, context: Context): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return <p key={key}>{renderInlines(block.inlines, context)}</p>;
    case 'codeBlock':
      return (
        <pre key={key} className="md-code-block">
          <code>{block.text}</code>
        </pre>
      );
    case 'quote':
      return (
        <blockquote key={key} className="md-quote">
          {block.blocks.map((inner, i) => renderBlock(inner, i, context))}
        </blockquote>
      );
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{renderInlines(item, context)}</li>);
      return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
  }
}

function renderInlines(inlines: Inline[], context: Context): ReactNode[] {
  return inlines.map((inline, i) => renderInline(inline, i, context));
}

function renderInline(inline: Inline, key: number, context: Context): ReactNode {
  switch (inline.kind) {
    case 'text':
      return inline.text;
    case 'code':
      return <code key={key}>{inline.text}</code>;
    case 'bold':
      return <strong key={key}>{renderInlines(inline.children, context)}</strong>;
    case 'italic':
      return <em key={key}>{renderInlines(inline.children, context)}</em>;
    case 'strike':
      return <s key={key}>{renderInlines(inline.children, context)}</s>;
    case 'link':
      return (
        <a key={key} href={inline.href} target="_blank" rel="noopener noreferrer nofollow">
          {renderInlines(inline.children, context)}
        </a>
      );
    case 'mention':
      return renderMention(inline.handle, key, context);
    case 'channel':
      return (
        <Link key={key} to={channelUrl(inline.slug)} className="channel-mention" data-testid="channel-mention">
          ~{inline.slug}
        </Link>
      );
  }
}

function renderMention(handle: string, key: number, context: Context): ReactNode {
  if (handle === 'all' || handle === 'here') {
    return (
      <span key={key} className="mention is-group" data-testid="mention" data-handle={handle}>
        @{handle}
      </span>
    );
  }
  const name = context.mentionName(handle);
  // Not a person we know of: plain text, as written.
  if (name === null) return `@${handle}`;
  const mine = handle === context.myHandle;
  return (
    <span key={key} className={mine ? 'mention is-me' : 'mention'} data-testid="mention" data-handle={handle} title={`@${handle}`}>
      @{name}
    </span>
  );
}
