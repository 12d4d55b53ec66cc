import { renderHighlight } from './highlightTree';
import { useHighlight } from './useHighlight';

/** A fenced code block; with a known language, highlighted once the highlighter has loaded. */
export function CodeBlock({ text, lang }: { text: string; lang: string }) {
  const nodes = useHighlight(lang, text);
  return (
    <pre className="md-code-block" data-testid="code-block" data-language={lang || undefined} data-highlighted={nodes ? true : undefined}>
      <code className={nodes ? 'hljs' : undefined}>{nodes ? renderHighlight(nodes) : text}</code>
    </pre>
  );
}
