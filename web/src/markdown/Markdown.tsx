import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { channelUrl } from '../core/paths';
import { CodeBlock } from './CodeBlock';
import { parseMarkdown, type Block, type Inline } from './parse';

type MarkdownProps = {
  body: string;
  /** The display name of an `@handle`, or null when unknown (the handle shows as written). */
  mentionName?: (handle: string) => string | null;
  /** The reader's own handle, highlighted more strongly. */
  myHandle?: string;
  /**
   * Shown at the end of the text's last line, e.g. "(edited)": inside the last paragraph or list
   * item (or the quote's), and after a code block, which has no line to share.
   */
  after?: ReactNode;
};

type Context = { mentionName: (handle: string) => string | null; myHandle: string };

/** A message body as formatted text: React elements only, never HTML from the body. */
export function Markdown({ body, mentionName = () => null, myHandle = '', after }: MarkdownProps) {
  const context: Context = { mentionName, myHandle: myHandle.toLowerCase() };
  const blocks = parseMarkdown(body);
  if (blocks.length === 0) return <>{after}</>;
  return <>{renderBlocks(blocks, context, after)}</>;
}

/** The blocks, `after` going to the last one. */
function renderBlocks(blocks: Block[], context: Context, after: ReactNode): ReactNode[] {
  return blocks.map((block, i) => renderBlock(block, i, context, i === blocks.length - 1 ? after : null));
}

/** `after` at the end of a line of text, a space apart. */
function trailing(after: ReactNode): ReactNode {
  return after ? <> {after}</> : null;
}

function renderBlock(block: Block, key: number, context: Context, after: ReactNode): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return (
        <p key={key}>
          {renderInlines(block.inlines, context)}
          {trailing(after)}
        </p>
      );
    case 'codeBlock':
      return (
        <Fragment key={key}>
          <CodeBlock text={block.text} lang={block.lang} />
          {after}
        </Fragment>
      );
    case 'quote':
      return (
        <blockquote key={key} className="md-quote">
          {renderBlocks(block.blocks, context, after)}
        </blockquote>
      );
    case 'list': {
      const last = block.items.length - 1;
      const items = block.items.map((item, i) => (
        <li key={i}>
          {renderInlines(item, context)}
          {i === last && trailing(after)}
        </li>
      ));
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
