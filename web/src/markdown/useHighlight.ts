import { useEffect, useState } from 'react';
import type { HighlightNode } from './highlightTree';

type Highlighter = typeof import('./highlighter');

let loading: Promise<Highlighter> | null = null;

/** The highlighter, loaded once on the first code block with a language (a chunk of its own). */
export function loadHighlighter(): Promise<Highlighter> {
  loading ??= import('./highlighter').catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

/**
 * `code` highlighted as `language`, once the highlighter is loaded; null before, for a block
 * without a language, for a language it does not know, or when loading failed (plain text then).
 */
export function useHighlight(language: string, code: string): HighlightNode[] | null {
  const [result, setResult] = useState<{ key: string; nodes: HighlightNode[] | null } | null>(null);
  const key = `${language}\n${code}`;
  useEffect(() => {
    if (!language) return;
    let cancelled = false;
    loadHighlighter().then(
      (h) => !cancelled && setResult({ key, nodes: h.highlightCode(language, code) }),
      () => {
        // Without the highlighter the block stays plain text.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [language, code, key]);
  return result?.key === key ? result.nodes : null;
}
